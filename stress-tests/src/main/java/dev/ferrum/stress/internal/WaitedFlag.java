package dev.ferrum.stress.internal;

import dev.ferrum.internal.Timeouts;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import org.openjdk.jcstress.annotations.State;

/**
 * A flag that one thread waits for with Ferrum's full waiting protocol: the state shared by the
 * wake-up tests and by their deliberately broken variants, so that the waiting side is the same
 * code in all of them and only the order of the signalling side differs.
 *
 * <p>The signalling side is written out in each test, because its order is what each test is about:
 * set {@link #set} with a volatile write, then notify {@link #queue}.
 */
@State
public class WaitedFlag {

    /** The operation token the waiter registers under and notifyAll selects with. */
    public static final long TOKEN = Waiter.FIRST_TOKEN;

    /**
     * The condition waited for. Volatile: the signal's write and the waiter's re-check after
     * registering are the state half of the Dekker pattern described in {@code
     * dev.ferrum.internal}; a weaker mode would let both sides miss each other.
     */
    public volatile boolean set;

    /** The waiters for {@link #set}; at most one here. */
    public final WaitQueue queue = new WaitQueue();

    /** Creates a flag that is not set and has nobody waiting. */
    public WaitedFlag() {}

    /**
     * Returns once {@link #set} is seen {@code true}, parking in between, exactly as a blocking
     * Ferrum operation does: fast check, register, re-check, await, unregister, repeat.
     */
    public void awaitSet() {
        // Volatile read: the non-blocking attempt, and the loop condition after every wake-up.
        while (!set) {
            // A new waiter per round: its owner must be the thread that awaits, this one.
            Waiter waiter = new Waiter();
            // Publishes the registration with a volatile write of the queue's "empty" flag.
            queue.register(waiter, TOKEN);
            // Volatile read after that write: either this re-check sees the flag, or the signal's
            // volatile read of "empty" after setting the flag sees the registration and selects us.
            if (!set) {
                waiter.await(Timeouts.FOREVER, false);
            }
            queue.unregister(waiter, TOKEN);
        }
    }
}
