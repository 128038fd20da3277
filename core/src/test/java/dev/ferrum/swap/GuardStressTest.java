package dev.ferrum.swap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many readers hold guards for random short times while writers replace the value: every value is
 * released exactly once, only after its last guard closed, and no reader ever sees a released
 * value.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuardStressTest {

    /**
     * Guards each reader opens. The default (4 x 200,000 guards, a few seconds on two busy cores)
     * suits CI; {@code -Dferrum.stress.scale=50} gives 4 x 10^7 guards, the full-size run.
     */
    private static final int GUARDS = 200_000 * Integer.getInteger("ferrum.stress.scale", 1);

    private static final int READERS = 4;
    private static final int WRITERS = 2;

    /**
     * How long a writer sleeps after each write (at least; timer slack makes it longer). A write
     * costs less than a held guard, so writers that never paused would replace the value many times
     * per guard. Sleeping writers leave the processors to the readers: each value is then pinned by
     * many guards, and most releases happen in the close() of a value's last guard.
     */
    private static final long WRITER_PAUSE_NANOS = 1_000;

    /** A stored value that knows whether it was released and which guards are open on it. */
    static final class Value {
        final long id;
        volatile boolean released;
        final AtomicInteger releases = new AtomicInteger();

        /**
         * The guards of the readers inside this value. A reader adds its guard once it holds the
         * value and removes it only after the guard's close() has returned, so the set holds every
         * guard that may still pin the value (and, briefly, some that no longer do).
         */
        final Set<Guard<Value>> readersInside = ConcurrentHashMap.newKeySet();

        Value(long id) {
            this.id = id;
        }
    }

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong releasedCount = new AtomicLong();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    private Value newValue() {
        return new Value(created.incrementAndGet());
    }

    private void release(Value v) {
        if (v.releases.incrementAndGet() != 1) {
            violations.add("value " + v.id + " released twice");
        }
        // Set before the scan: a guard registered too late to be seen by the scan is caught by its
        // reader's next check of the flag instead.
        v.released = true;
        // A guard still in the set may be one whose close() has returned and whose reader has not
        // yet removed it: that is a legal release. A guard that is not even closed still pins the
        // value, since Guard.close() marks the guard closed before it unpins.
        for (Guard<Value> g : v.readersInside) {
            if (!g.isClosed()) {
                violations.add("value " + v.id + " released with a guard open");
            }
        }
        releasedCount.incrementAndGet();
    }

    @Test
    void guardsAndStores_everyValueReleasedOnceAfterItsLastGuard() throws Exception {
        long seed = System.nanoTime();
        ArcSwap<Value> swap = ArcSwap.of(newValue(), this::release);
        AtomicInteger readersLeft = new AtomicInteger(READERS);
        AtomicLong writes = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(READERS + WRITERS);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();

        for (int r = 0; r < READERS; r++) {
            SplittableRandom rnd = new SplittableRandom(seed + r);
            threads.add(
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                    for (int i = 0; i < GUARDS; i++) {
                                        read(swap, rnd);
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                } finally {
                                    readersLeft.decrementAndGet();
                                }
                            }));
        }
        for (int w = 0; w < WRITERS; w++) {
            SplittableRandom rnd = new SplittableRandom(seed - w - 1);
            threads.add(
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                    while (readersLeft.get() > 0) {
                                        write(swap, rnd);
                                        writes.incrementAndGet();
                                        LockSupport.parkNanos(WRITER_PAUSE_NANOS);
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                }
                            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        swap.close();

        long guards = (long) READERS * GUARDS;
        String context = "seed=" + seed + ", guards=" + guards + ", writes=" + writes.get();
        assertThat(failures).as(context).isEmpty();
        assertThat(violations).as(context).isEmpty();
        assertThat(releasedCount.get()).as(context).isEqualTo(created.get());
        assertThat(writes.get()).as(context).isPositive();
        System.out.println("GuardStressTest: " + context + ", values=" + created.get());
    }

    /** One writer step: a store, a swap or a compareAndSwap, chosen at random. */
    private void write(ArcSwap<Value> swap, SplittableRandom rnd) {
        switch (rnd.nextInt(3)) {
            case 0 -> swap.store(newValue());
            case 1 -> swap.swap(newValue());
            default -> {
                Value expected = swap.load();
                Value next = newValue();
                if (swap.compareAndSwap(expected, next) != expected) {
                    release(next); // still ours: not taken
                }
            }
        }
    }

    /** One reader step: pin, check, hold for a random short time, check, unpin. */
    private void read(ArcSwap<Value> swap, SplittableRandom rnd) {
        Guard<Value> g = swap.guard();
        Value v = g.get();
        v.readersInside.add(g);
        try (g) {
            if (v.released) {
                violations.add("guard saw released value " + v.id);
            }
            int hold = rnd.nextInt(64);
            if (hold == 0) {
                Thread.yield(); // sometimes hold across a reschedule
            } else {
                for (int i = 0; i < hold; i++) {
                    Thread.onSpinWait();
                }
            }
            if (v.released) {
                violations.add("value " + v.id + " released while its guard was open");
            }
        } finally {
            // Only once close() has returned, so that the set never misses a guard that pins v.
            v.readersInside.remove(g);
        }
    }
}
