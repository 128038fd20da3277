package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wait queue selects each waiter at most once, oldest first, and never loses a wake-up. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WaitQueueTest {

    private static final long TOKEN = Waiter.FIRST_TOKEN;

    @Test
    void emptyQueue_notifiesNobody() {
        WaitQueue q = new WaitQueue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.notifyOne()).isFalse();
        assertThat(q.notifyAll(TOKEN)).isZero();
        assertThat(q.trySelectOne()).isNull();
    }

    @Test
    void registerThenUnregister_leavesQueueEmpty() {
        WaitQueue q = new WaitQueue();
        Waiter w = new Waiter();
        q.register(w, TOKEN, "p");
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.size()).isOne();
        WaitQueue.Entry e = q.unregister(w, TOKEN);
        assertThat(e).isNotNull();
        assertThat(e.waiter()).isSameAs(w);
        assertThat(e.packet()).isEqualTo("p");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.unregister(w, TOKEN)).as("second unregister").isNull();
    }

    @Test
    void unregister_matchesTokenAsWellAsWaiter() {
        // One waiter may be registered under several operations (a select over two channels).
        WaitQueue q = new WaitQueue();
        Waiter w = new Waiter();
        q.register(w, TOKEN);
        q.register(w, TOKEN + 1);
        assertThat(q.unregister(w, TOKEN + 1).token()).isEqualTo(TOKEN + 1);
        assertThat(q.size()).isOne();
        assertThat(q.unregister(w, TOKEN).token()).isEqualTo(TOKEN);
    }

    @Test
    void trySelectOne_takesOldestWaiterOfAnotherThread() throws Exception {
        WaitQueue q = new WaitQueue();
        Waiter first = waiterOfOtherThread();
        Waiter second = waiterOfOtherThread();
        q.register(first, TOKEN, "a");
        q.register(second, TOKEN + 1, "b");
        WaitQueue.Entry e = q.trySelectOne();
        assertThat(e.waiter()).isSameAs(first);
        assertThat(e.packet()).isEqualTo("a");
        assertThat(first.selected()).isEqualTo(TOKEN);
        assertThat(second.selected()).isEqualTo(Waiter.WAITING);
        assertThat(q.size()).isOne();
    }

    @Test
    void trySelectOne_skipsWaitersOfTheCallingThread() {
        WaitQueue q = new WaitQueue();
        Waiter mine = new Waiter();
        q.register(mine, TOKEN);
        assertThat(q.trySelectOne()).isNull();
        assertThat(mine.selected()).isEqualTo(Waiter.WAITING);
        assertThat(q.size()).isOne();
    }

    @Test
    void trySelectOne_skipsWaitersThatGaveUp() throws Exception {
        WaitQueue q = new WaitQueue();
        Waiter gaveUp = waiterOfOtherThread();
        Waiter live = waiterOfOtherThread();
        q.register(gaveUp, TOKEN);
        q.register(live, TOKEN);
        assertThat(gaveUp.trySelect(TOKEN + 9)).isTrue(); // decided elsewhere (another queue)
        assertThat(q.trySelectOne().waiter()).isSameAs(live);
    }

    @Test
    void notifyAll_selectsEveryWaitingWaiterWithTheToken() throws Exception {
        WaitQueue q = new WaitQueue();
        List<Waiter> ws = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Waiter w = waiterOfOtherThread();
            ws.add(w);
            q.register(w, TOKEN + i);
        }
        ws.get(2).trySelect(TOKEN + 100);
        assertThat(q.notifyAll(TOKEN + 50)).isEqualTo(4);
        assertThat(q.isEmpty()).isTrue();
        assertThat(ws.get(0).selected()).isEqualTo(TOKEN + 50);
        assertThat(ws.get(2).selected()).isEqualTo(TOKEN + 100);
    }

    /**
     * The full protocol in the package notes, many times over: a waiter that registers, re-checks
     * and parks is always woken by a signaller that sets the flag and then notifies. A lost wake-up
     * shows as a round that does not finish.
     */
    @Test
    void protocol_neverLosesAWakeup_notifyOne() throws Exception {
        runRounds(5_000, false);
    }

    @Test
    void protocol_neverLosesAWakeup_notifyAll() throws Exception {
        runRounds(5_000, true);
    }

    /** Many waiters, one notifyOne per item: every item wakes exactly one waiter. */
    @Test
    void notifyOne_wakesEachWaiterOnce_underContention() throws Exception {
        WaitQueue q = new WaitQueue();
        AtomicInteger permits = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread th =
                    new Thread(
                            () -> {
                                for (int i = 0; i < perThread; i++) {
                                    acquire(q, permits);
                                    taken.incrementAndGet();
                                }
                                done.countDown();
                            });
            th.setDaemon(true);
            th.start();
        }
        for (int i = 0; i < threads * perThread; i++) {
            permits.incrementAndGet(); // volatile RMW, then notify: see package notes
            q.notifyOne();
            if ((i & 63) == 0) {
                Thread.yield();
            }
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("all permits consumed").isTrue();
        assertThat(taken.get()).isEqualTo(threads * perThread);
        assertThat(permits.get()).isZero();
        assertThat(q.isEmpty()).isTrue();
    }

    private static void acquire(WaitQueue q, AtomicInteger permits) {
        Waiter w = null;
        while (true) {
            int p = permits.get();
            if (p > 0) {
                if (permits.compareAndSet(p, p - 1)) {
                    return;
                }
                continue;
            }
            if (w == null) {
                w = new Waiter();
            } else {
                w.reset();
            }
            q.register(w, TOKEN);
            if (permits.get() > 0) {
                // Even if a notifier selected us meanwhile, we go on to take a permit ourselves.
                q.unregister(w, TOKEN);
                continue;
            }
            w.await(Timeouts.FOREVER, false);
            q.unregister(w, TOKEN);
        }
    }

    private static void runRounds(int rounds, boolean all) throws Exception {
        for (int round = 0; round < rounds; round++) {
            WaitQueue q = new WaitQueue();
            Flag flag = new Flag();
            CompletableFuture<Void> waiterDone = new CompletableFuture<>();
            Thread t =
                    new Thread(
                            () -> {
                                while (!flag.isSet()) {
                                    Waiter w = new Waiter();
                                    q.register(w, TOKEN);
                                    if (!flag.isSet()) {
                                        w.await(Timeouts.FOREVER, false);
                                    }
                                    q.unregister(w, TOKEN);
                                }
                                waiterDone.complete(null);
                            });
            t.setDaemon(true);
            t.start();
            int pause = ThreadLocalRandom.current().nextInt(40);
            if (pause > 20) {
                LockSupport.parkNanos(pause * 1_000L);
            }
            flag.set();
            if (all) {
                q.notifyAll(TOKEN);
            } else {
                q.notifyOne();
            }
            waiterDone.get(5, TimeUnit.SECONDS);
        }
    }

    private static final class Flag {
        private volatile boolean set;

        boolean isSet() {
            return set;
        }

        void set() {
            set = true;
        }
    }

    /** A waiter owned by a fresh thread that has already finished: only its identity matters. */
    private static Waiter waiterOfOtherThread() throws Exception {
        CompletableFuture<Waiter> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete(new Waiter()));
        t.start();
        t.join();
        return f.get();
    }
}
