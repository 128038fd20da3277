package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParkerTest {

    /** An unpark before the park makes the park return at once (token semantics). */
    @Test
    @Timeout(10)
    void unparkBeforePark_makesParkReturnAtOnce() throws Exception {
        Parker parker = new Parker();
        parker.unparker().unpark();
        parker.park();
        assertThat(parker.park(Duration.ZERO)).as("token consumed").isFalse();
    }

    /** Several unparks make one token, not several. */
    @Test
    @Timeout(10)
    void repeatedUnparks_makeOneToken() throws Exception {
        Parker parker = new Parker();
        parker.unparker().unpark();
        parker.unparker().unpark();
        assertThat(parker.park(Duration.ZERO)).isTrue();
        assertThat(parker.park(Duration.ofMillis(20))).isFalse();
    }

    @Test
    @Timeout(10)
    void timedPark_returnsFalseAfterTimeout() throws Exception {
        Parker parker = new Parker();
        long start = System.nanoTime();
        assertThat(parker.park(Duration.ofMillis(50))).isFalse();
        assertThat(System.nanoTime() - start)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(parker.park(Duration.ofSeconds(-1))).isFalse();
    }

    /** A huge timeout does not overflow into "expired": the park waits for the unpark. */
    @Test
    @Timeout(10)
    void timedPark_withHugeTimeout_waitsForUnpark() throws Exception {
        Parker parker = new Parker();
        Thread t = new Thread(() -> unparkLater(parker, 50));
        t.start();
        assertThat(parker.park(Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
        t.join();
    }

    /** A stray LockSupport.unpark of the parked thread does not make park return. */
    @Test
    @Timeout(10)
    void park_ignoresSpuriousWakeups() throws Exception {
        Parker parker = new Parker();
        AtomicReference<Boolean> result = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t =
                new Thread(
                        () -> {
                            started.countDown();
                            try {
                                result.set(parker.park(Duration.ofMillis(300)));
                            } catch (InterruptedException e) {
                                result.set(null);
                            }
                        });
        t.start();
        started.await();
        for (int i = 0; i < 20; i++) {
            LockSupport.unpark(t); // not a token
            Thread.sleep(5);
        }
        t.join();
        assertThat(result.get()).as("returned without the token").isFalse();
    }

    /** Interrupted while parked: throws with the flag cleared, and the token is not consumed. */
    @Test
    @Timeout(10)
    void interruptWhileParked_throwsAndClearsFlag() throws Exception {
        Parker parker = new Parker();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                parker.park();
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
        assertThat(outcome.get()).as("flag after the throw").isEqualTo(false);
    }

    @Test
    void park_enteredWithInterruptFlag_throwsAndKeepsToken() throws Exception {
        Parker parker = new Parker();
        parker.unparker().unpark();
        Thread.currentThread().interrupt();
        assertThatThrownBy(parker::park).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(parker.park(Duration.ZERO)).as("token still there").isTrue();
    }

    @Test
    @Timeout(10)
    void unparkFromAnotherThread_wakesParkedThread() throws Exception {
        Parker parker = new Parker();
        for (int i = 0; i < 200; i++) {
            Thread t = new Thread(() -> parker.unparker().unpark());
            t.start();
            parker.park();
            t.join();
        }
    }

    private static void unparkLater(Parker parker, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parker.unparker().unpark();
    }
}
