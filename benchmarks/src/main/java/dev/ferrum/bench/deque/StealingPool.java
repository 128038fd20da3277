package dev.ferrum.bench.deque;

import dev.ferrum.deque.Injector;
import dev.ferrum.deque.Steal;
import dev.ferrum.deque.Stealer;
import dev.ferrum.deque.Worker;
import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import dev.ferrum.sync.Backoff;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A small work-stealing executor built only on Ferrum's {@link Worker}, {@link Stealer} and {@link
 * Injector} and the library's parking ({@link Waiter}, {@link WaitQueue}): a fixed number of
 * threads, each with its own LIFO worker; tasks submitted from outside go to the injector, tasks
 * submitted by a running task go to its thread's worker.
 *
 * <p>Each thread finds work with the canonical loop: pop its own worker, else take a batch from the
 * injector and run its first task, else steal one task from another thread, repeating while some
 * steal asked for a retry. A thread that finds nothing spins briefly, then registers as idle and
 * parks; every submission wakes one idle thread. {@link #close()} lets the threads finish every
 * queued task and waits for them to exit.
 *
 * <p>It exists to show the deque in use and to run the fork/join benchmarks; it has no joins,
 * futures or timeouts. Fork/join work is written in continuation-passing style: a task that splits
 * submits its subtasks and the last subtask to finish completes the parent.
 *
 * <p>Memory consistency: actions before {@link #execute} happen-before the task runs.
 */
public final class StealingPool implements Executor, AutoCloseable {

    /*
     * Parking protocol (see dev.ferrum.internal's package notes). An idle thread registers its
     * waiter in `idle`, then looks for work once more, then awaits. A submitter pushes the task
     * and then calls idle.notifyOne(), which reads the queue's volatile `empty` flag. Both sides
     * write and then read: the idle thread registers (volatile) and then reads front/back or the
     * injector's indices after the steal's full fence; the submitter publishes the task (the
     * injector's volatile CAS, or the worker's release store of back followed by the full fence
     * below) and then reads `empty`. So either the idle thread sees the task or the submitter sees
     * the registration and wakes it: no lost wake-up.
     */

    private static final long WAKE = Waiter.FIRST_TOKEN;

    private final Injector<Runnable> injector = new Injector<>();
    private final List<Stealer<Runnable>> stealers = new ArrayList<>();
    private final PoolThread[] threads;
    private final WaitQueue idle = new WaitQueue();
    private volatile boolean shutdown;

    /**
     * Starts {@code parallelism} threads.
     *
     * @param parallelism the number of threads, positive
     * @throws IllegalArgumentException if {@code parallelism} is not positive
     */
    public StealingPool(int parallelism) {
        if (parallelism <= 0) {
            throw new IllegalArgumentException(
                    "parallelism must be positive: parallelism=" + parallelism);
        }
        threads = new PoolThread[parallelism];
        for (int i = 0; i < parallelism; i++) {
            // Created here, owned by the thread that first pushes or pops: its pool thread.
            Worker<Runnable> local = Worker.newLifo();
            stealers.add(local.stealer());
            threads[i] = new PoolThread(this, i, local);
        }
        for (PoolThread t : threads) {
            t.start();
        }
    }

    /** Returns the number of threads. */
    public int parallelism() {
        return threads.length;
    }

    /**
     * Runs {@code task} on a pool thread: in the submitting thread's own worker if that is a thread
     * of this pool, else through the injector; then wakes one idle thread.
     *
     * @throws NullPointerException if {@code task} is null
     * @throws RejectedExecutionException if submitted from outside the pool after {@link #close()}
     *     began
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        Thread me = Thread.currentThread();
        if (me instanceof PoolThread && ((PoolThread) me).pool == this) {
            ((PoolThread) me).local.push(task);
            // Full fence: the worker's release store of back must be ordered before the read of
            // the idle queue's flag (store-load, the submitter's half of the Dekker pattern).
            VarHandle.fullFence();
        } else {
            if (shutdown) {
                throw new RejectedExecutionException("pool is shut down");
            }
            injector.push(task);
        }
        idle.notifyOne();
    }

    /** The number of threads parked or about to park; for tests. */
    int idleCount() {
        return idle.size();
    }

    /**
     * Stops accepting tasks from outside the pool, lets the threads run every queued task (and the
     * subtasks those submit), and waits for every thread to exit.
     */
    @Override
    public void close() {
        shutdown = true;
        idle.notifyAll(WAKE);
        boolean interrupted = false;
        for (PoolThread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The canonical find-task loop: own worker, then the injector, then the other workers. */
    Runnable findTask(PoolThread self) {
        Runnable task = self.local.pop();
        if (task != null) {
            return task;
        }
        int n = stealers.size();
        for (; ; ) {
            Steal<Runnable> s = injector.stealBatchAndPop(self.local);
            if (s.isSuccess()) {
                return s.value();
            }
            boolean retry = s.isRetry();
            for (int k = 1; k < n; k++) {
                Steal<Runnable> t = stealers.get((self.index + k) % n).steal();
                if (t.isSuccess()) {
                    return t.value();
                }
                retry |= t.isRetry();
            }
            if (!retry) {
                return null;
            }
        }
    }

    private void runLoop(PoolThread self) {
        Waiter waiter = new Waiter();
        for (; ; ) {
            Runnable task = findTask(self);
            if (task == null) {
                task = idleWait(self, waiter);
                if (task == null) {
                    return; // shut down and nothing left
                }
            }
            try {
                task.run();
            } catch (Throwable e) {
                Thread.UncaughtExceptionHandler h = self.getUncaughtExceptionHandler();
                h.uncaughtException(self, e);
            }
        }
    }

    /** Spins briefly, then parks until woken; returns a task, or null once shut down and idle. */
    private Runnable idleWait(PoolThread self, Waiter waiter) {
        Backoff backoff = new Backoff();
        for (; ; ) {
            Runnable task = findTask(self);
            if (task != null) {
                return task;
            }
            if (shutdown) {
                return null;
            }
            if (!backoff.isCompleted()) {
                backoff.snooze();
                continue;
            }
            waiter.reset();
            idle.register(waiter, WAKE);
            // Re-check after registering: a submitter that missed the registration made its task
            // visible before reading the idle flag.
            task = findTask(self);
            if (task != null || shutdown) {
                idle.unregister(waiter, WAKE);
                if (task != null) {
                    return task;
                }
                return null;
            }
            waiter.await(Timeouts.FOREVER, false);
            idle.unregister(waiter, WAKE);
            backoff.reset();
        }
    }

    /** A pool thread and its own worker. */
    static final class PoolThread extends Thread {
        final StealingPool pool;
        final int index;
        final Worker<Runnable> local;

        PoolThread(StealingPool pool, int index, Worker<Runnable> local) {
            super("stealing-pool-" + index);
            this.pool = pool;
            this.index = index;
            this.local = local;
            setDaemon(true);
        }

        @Override
        public void run() {
            pool.runLoop(this);
        }
    }
}
