package dev.ferrum.swap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
     * Stores per writer. The default (2 x 200,000 stores, a few seconds on two busy cores) suits
     * CI; {@code -Dferrum.stress.scale=50} gives 2 x 10^7 stores, the full-size run.
     */
    private static final int STORES = 200_000 * Integer.getInteger("ferrum.stress.scale", 1);

    private static final int READERS = 4;
    private static final int WRITERS = 2;

    /** A stored value that knows whether it was released and how many readers are inside it. */
    static final class Value {
        final long id;
        volatile boolean released;
        final AtomicInteger readersInside = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

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
        if (v.readersInside.get() != 0) {
            violations.add("value " + v.id + " released with a guard open");
        }
        v.released = true;
        releasedCount.incrementAndGet();
    }

    @Test
    void guardsAndStores_everyValueReleasedOnceAfterItsLastGuard() throws Exception {
        long seed = System.nanoTime();
        ArcSwap<Value> swap = ArcSwap.of(newValue(), this::release);
        AtomicInteger writersLeft = new AtomicInteger(WRITERS);
        AtomicLong guardsOpened = new AtomicLong();
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
                                    while (writersLeft.get() > 0) {
                                        read(swap, rnd);
                                        guardsOpened.incrementAndGet();
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
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
                                    for (int i = 0; i < STORES; i++) {
                                        switch (rnd.nextInt(3)) {
                                            case 0 -> swap.store(newValue());
                                            case 1 -> swap.swap(newValue());
                                            default -> {
                                                Value expected = swap.load();
                                                Value next = newValue();
                                                if (swap.compareAndSwap(expected, next)
                                                        != expected) {
                                                    release(next); // still ours: not taken
                                                }
                                            }
                                        }
                                    }
                                } catch (Throwable e) {
                                    failures.add(e);
                                } finally {
                                    writersLeft.decrementAndGet();
                                }
                            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        swap.close();

        String context = "seed=" + seed + ", guards=" + guardsOpened.get();
        assertThat(failures).as(context).isEmpty();
        assertThat(violations).as(context).isEmpty();
        assertThat(releasedCount.get()).as(context).isEqualTo(created.get());
        assertThat(guardsOpened.get()).as(context).isPositive();
        System.out.println("GuardStressTest: " + context + ", values=" + created.get());
    }

    /** One reader step: pin, check, hold for a random short time, check, unpin. */
    private void read(ArcSwap<Value> swap, SplittableRandom rnd) {
        try (Guard<Value> g = swap.guard()) {
            Value v = g.get();
            v.readersInside.incrementAndGet();
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
            v.readersInside.decrementAndGet();
        }
    }
}
