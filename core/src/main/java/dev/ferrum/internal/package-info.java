/**
 * Internals shared by every Ferrum primitive; not exported from the {@code dev.ferrum} module and
 * not part of the API.
 *
 * <h2>Memory-mode vocabulary</h2>
 *
 * <p>Ferrum accesses shared fields through {@link java.lang.invoke.VarHandle}s and names the mode
 * at every call site with the VarHandle method itself: {@code getPlain}/{@code setPlain} (no
 * ordering; each use carries a comment saying what publishes it), {@code getOpaque}/{@code
 * setOpaque}, {@code getAcquire}/{@code setRelease}, {@code getVolatile}/{@code setVolatile}, and
 * {@code compareAndSet} (volatile strength) or {@code weakCompareAndSet*} (may fail spuriously,
 * used only inside retry loops). A field declared {@code volatile} is read and written through its
 * VarHandle in the mode the comment names, never by bare field access, except in constructors
 * before the object is published.
 *
 * <h2>The waiting mechanism</h2>
 *
 * <p>Every blocking operation in Ferrum waits the same way:
 *
 * <ol>
 *   <li>The operation tries its non-blocking step, retrying a few times with a short {@link
 *       dev.ferrum.sync.Backoff}.
 *   <li>It creates (or reuses) a {@link dev.ferrum.internal.Waiter} for the current thread and
 *       registers it in the {@link dev.ferrum.internal.WaitQueue} of the condition it waits for.
 *   <li>It tries the non-blocking step <em>again</em>: the state may have changed before the waiter
 *       was visible to the thread that changes it. If that succeeds it unregisters and returns.
 *   <li>It calls {@link dev.ferrum.internal.Waiter#await}, which spins briefly (only on a
 *       multiprocessor) and then parks with {@link java.util.concurrent.locks.LockSupport} until a
 *       notifier selects it, the deadline passes, or the thread is interrupted.
 *   <li>It unregisters and, according to the outcome, retries, returns {@code false}/{@code null},
 *       or throws {@link java.lang.InterruptedException}.
 * </ol>
 *
 * <p>A thread that changes the state makes its change with a volatile write or a {@code
 * compareAndSet} and only then calls {@link dev.ferrum.internal.WaitQueue#notifyOne()} or {@link
 * dev.ferrum.internal.WaitQueue#notifyAll(long)}. Together with step 3 this is a Dekker pattern:
 * both sides write (state, registration) then read (registration, state) with volatile strength, so
 * at least one of them sees the other and no wake-up is lost.
 *
 * <p>Where exactly one thread changes the state and exactly one waits for it (each side of the ring
 * buffer), a {@link dev.ferrum.internal.Doorbell} lets the changing thread publish with a release
 * store and pay the volatile store-load pair only while the other side announces a wait.
 */
package dev.ferrum.internal;
