package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

class WaitGroupTest {

    @Test
    @Timeout(10)
    void await_withNoParticipants_returnsAtOnce() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.await();
        assertThat(wg.await(Duration.ZERO)).isTrue();
    }

    /** await returns only after every participant is done, and sees their work. */
    @Test
    @Timeout(20)
    void await_returnsAfterAllParticipantsAreDone_andSeesTheirWork() throws Exception {
        WaitGroup wg = new WaitGroup();
        int[] results = new int[8];
        for (int i = 0; i < results.length; i++) {
            int id = i;
            WaitGroup.Participant p = wg.register();
            new Thread(
                            () -> {
                                try (p) {
                                    sleep(5 * id);
                                    results[id] = id + 1; // plain write, published by done()
                                }
                            })
                    .start();
        }
        wg.await();
        assertThat(wg.participants()).isZero();
        for (int i = 0; i < results.length; i++) {
            assertThat(results[i]).isEqualTo(i + 1);
        }
    }

    @Test
    @Timeout(10)
    void done_countsOncePerHandle() throws Exception {
        WaitGroup wg = new WaitGroup();
        WaitGroup.Participant a = wg.register();
        wg.register();
        assertThat(a.done()).isTrue();
        assertThat(a.done()).isFalse();
        a.close();
        assertThat(a.isDone()).isTrue();
        assertThat(wg.participants()).isEqualTo(1);
        assertThat(wg.await(Duration.ofMillis(20)))
                .as("one participant is still running")
                .isFalse();
    }

    @Test
    @Timeout(10)
    void timedAwait_returnsFalseOnTimeout_andTrueOnceDone() throws Exception {
        WaitGroup wg = new WaitGroup();
        WaitGroup.Participant p = wg.register();
        long start = System.nanoTime();
        assertThat(wg.await(Duration.ofMillis(50))).isFalse();
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(wg.await(Duration.ofSeconds(-5))).isFalse();
        new Thread(
                        () -> {
                            sleep(30);
                            p.done();
                        })
                .start();
        assertThat(wg.await(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
    }

    @Test
    @Timeout(10)
    void interruptedAwait_throwsWithFlagCleared_andLeavesGroupUnchanged() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.register();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                wg.await();
                                outcome.set("returned");
                            } catch (InterruptedException e) {
                                outcome.set(Thread.currentThread().isInterrupted());
                            }
                        });
        t.start();
        while (t.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        t.interrupt();
        t.join();
        assertThat(outcome.get()).isEqualTo(false);
        assertThat(wg.participants()).isEqualTo(1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(wg::await).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    /** The group may be reused for a new round once await has returned. */
    @Test
    @Timeout(10)
    void group_canBeReusedAfterAwait() throws Exception {
        WaitGroup wg = new WaitGroup();
        for (int round = 0; round < 50; round++) {
            WaitGroup.Participant p = wg.register();
            Thread t = new Thread(p::done);
            t.start();
            wg.await();
            t.join();
        }
        assertThat(wg.participants()).isZero();
    }

    /** Many threads awaiting at once are all released by the last done(). */
    @Test
    @Timeout(20)
    void lastDone_releasesEveryAwaitingThread() throws Exception {
        WaitGroup wg = new WaitGroup();
        WaitGroup.Participant p = wg.register();
        AtomicInteger released = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    wg.await();
                                    released.incrementAndGet();
                                } catch (InterruptedException e) {
                                    throw new AssertionError(e);
                                }
                            });
            waiters.add(t);
            t.start();
        }
        sleep(50);
        assertThat(released.get()).isZero();
        p.done();
        for (Thread t : waiters) {
            t.join();
        }
        assertThat(released.get()).isEqualTo(16);
    }

    /** 1000 virtual threads blocked in await do not pin their carriers. */
    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    @Timeout(30)
    void await_onManyVirtualThreads_doesNotPin() throws Exception {
        WaitGroup gate = new WaitGroup();
        WaitGroup.Participant opener = gate.register();
        WaitGroup finished = new WaitGroup();
        ExecutorService exec =
                (ExecutorService)
                        java.util.concurrent.Executors.class
                                .getMethod("newVirtualThreadPerTaskExecutor")
                                .invoke(null);
        try {
            for (int i = 0; i < 1000; i++) {
                WaitGroup.Participant f = finished.register();
                exec.execute(
                        () -> {
                            try (f) {
                                gate.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
            }
            sleep(100);
            opener.done();
            assertThat(finished.await(Duration.ofSeconds(20))).isTrue();
        } finally {
            exec.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
