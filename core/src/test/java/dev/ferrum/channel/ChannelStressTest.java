package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counting stress: every message is received exactly once and, per receiver, in send order per
 * sender, also while interrupts and short timeouts race the hand-offs (an interrupted or timed-out
 * call must have had no effect, else the ledger shows a duplicate or a loss).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ChannelStressTest {

    /**
     * Messages per run: 20,000 (rendezvous 5,000) times the scale; -Dferrum.stress.scale=5000 gives
     * 10^8 for the buffered flavours.
     */
    private static final int SCALE = Integer.getInteger("ferrum.stress.scale", 1);

    enum Chaos {
        NONE,
        TIMEOUTS,
        INTERRUPTS
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Flavour f : Flavour.values()) {
            for (int[] pc : new int[][] {{1, 1}, {3, 1}, {3, 3}}) {
                for (Chaos c : Chaos.values()) {
                    list.add(Arguments.of(f, pc[0], pc[1], c));
                }
            }
        }
        return list.stream();
    }

    private static int total(Flavour f) {
        return (f == Flavour.ZERO ? 5_000 : 20_000) * SCALE;
    }

    /** Interrupts random workers every few tens of microseconds until stopped. */
    private static Thread startInterrupter(List<Thread> victims, AtomicBoolean stop, long seed) {
        Random rnd = new Random(seed);
        Thread t =
                new Thread(
                        () -> {
                            while (!stop.get()) {
                                victims.get(rnd.nextInt(victims.size())).interrupt();
                                LockSupport.parkNanos(20_000 + rnd.nextInt(50_000));
                            }
                        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void send(Sender<Long> tx, long msg, Chaos chaos, Random rnd) {
        while (true) {
            try {
                if (chaos == Chaos.TIMEOUTS) {
                    if (tx.send(msg, Duration.ofNanos(rnd.nextInt(20_000)))) {
                        return;
                    }
                } else {
                    tx.send(msg);
                    return;
                }
            } catch (InterruptedException e) {
                // No effect: send again.
            }
        }
    }

    /** Receives until disconnected; null-terminated by DisconnectedException. */
    private static Long recv(Receiver<Long> rx, Chaos chaos, Random rnd) {
        while (true) {
            try {
                Long m =
                        chaos == Chaos.TIMEOUTS
                                ? rx.recv(Duration.ofNanos(rnd.nextInt(20_000)))
                                : rx.recv();
                if (m != null) {
                    return m;
                }
            } catch (InterruptedException e) {
                // No effect: receive again.
            } catch (DisconnectedException e) {
                return null;
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}p{2}c {3}")
    @MethodSource("cases")
    void everyMessageReceivedExactlyOnceInOrderPerSender(
            Flavour f, int producers, int consumers, Chaos chaos) throws Exception {
        long seed = System.nanoTime();
        Channel<Long> ch = f.create();
        int perProducer = total(f) / producers;
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<List<Long>> received = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Sender<Long> tx = ch.sender().clone();
            long base = (long) p << 32;
            long s = seed + p;
            threads.add(
                    new Thread(
                            () -> {
                                Random rnd = new Random(s);
                                try (tx) {
                                    for (int i = 0; i < perProducer; i++) {
                                        send(tx, base | i, chaos, rnd);
                                    }
                                } catch (Throwable e) {
                                    errors.add(e);
                                }
                            }));
        }
        ch.sender().close();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx = ch.receiver().clone();
            List<Long> mine = new ArrayList<>();
            received.add(mine);
            long s = seed + 100 + c;
            threads.add(
                    new Thread(
                            () -> {
                                Random rnd = new Random(s);
                                try (rx) {
                                    Long m;
                                    while ((m = recv(rx, chaos, rnd)) != null) {
                                        mine.add(m);
                                    }
                                } catch (Throwable e) {
                                    errors.add(e);
                                }
                            }));
        }
        ch.receiver().close();
        AtomicBoolean stop = new AtomicBoolean();
        threads.forEach(Thread::start);
        Thread interrupter =
                chaos == Chaos.INTERRUPTS ? startInterrupter(threads, stop, seed) : null;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(t.isAlive()).as("seed=%d: worker stuck", seed).isFalse();
        }
        stop.set(true);
        if (interrupter != null) {
            interrupter.join();
        }
        assertThat(errors).as("seed=%d", seed).isEmpty();
        checkLedger(received, producers, perProducer, true, seed);
    }

    static void checkLedger(
            List<List<Long>> received, int producers, int perProducer, boolean ordered, long seed) {
        BitSet[] seen = new BitSet[producers];
        for (int p = 0; p < producers; p++) {
            seen[p] = new BitSet(perProducer);
        }
        for (List<Long> mine : received) {
            long[] last = new long[producers];
            java.util.Arrays.fill(last, -1);
            for (long m : mine) {
                int p = (int) (m >>> 32);
                int i = (int) m;
                assertThat(seen[p].get(i)).as("seed=%d: duplicate %d/%d", seed, p, i).isFalse();
                seen[p].set(i);
                if (ordered) {
                    assertThat((long) i)
                            .as("seed=%d: order of sender %d", seed, p)
                            .isGreaterThan(last[p]);
                    last[p] = i;
                }
            }
        }
        for (int p = 0; p < producers; p++) {
            assertThat(seen[p].cardinality())
                    .as("seed=%d: lost from sender %d", seed, p)
                    .isEqualTo(perProducer);
        }
    }

    /**
     * Two channels of one flavour; two producers select a send over both, two consumers select a
     * receive over both (with short select timeouts when chaos is on). Exactly once, and in order
     * per sender and channel for each receiver.
     */
    @ParameterizedTest(name = "{0} {1}")
    @EnumSource(Flavour.class)
    void selectOverTwoChannels_everyMessageExactlyOnce(Flavour f) throws Exception {
        for (Chaos chaos : Chaos.values()) {
            runSelect(f, chaos);
        }
    }

    private void runSelect(Flavour f, Chaos chaos) throws Exception {
        long seed = System.nanoTime();
        Channel<Long> a = f.create();
        Channel<Long> b = f.create();
        int producers = 2;
        int perProducer = total(f) / 4 / producers;
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<List<Long>> received = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Sender<Long> ta = a.sender().clone();
            Sender<Long> tb = b.sender().clone();
            long base = (long) p << 32;
            long s = seed + p;
            threads.add(
                    new Thread(
                            () -> {
                                Random rnd = new Random(s);
                                Select sel = new Select();
                                int ia = sel.send(ta);
                                sel.send(tb);
                                try (ta;
                                        tb) {
                                    for (int i = 0; i < perProducer; ) {
                                        SelectedOperation op;
                                        try {
                                            op =
                                                    chaos == Chaos.TIMEOUTS
                                                            ? sel.select(
                                                                    Duration.ofNanos(
                                                                            rnd.nextInt(20_000)))
                                                            : sel.select();
                                        } catch (InterruptedException e) {
                                            continue;
                                        }
                                        if (op == null) {
                                            continue;
                                        }
                                        // Both messages of one sender keep the channel's order:
                                        // tag which channel it went through.
                                        long tag = op.index() == ia ? 0 : 1L << 31;
                                        op.send(op.index() == ia ? ta : tb, base | tag | i);
                                        i++;
                                    }
                                } catch (Throwable e) {
                                    errors.add(e);
                                }
                            }));
        }
        a.sender().close();
        b.sender().close();
        for (int c = 0; c < 2; c++) {
            Receiver<Long> ra = a.receiver().clone();
            Receiver<Long> rb = b.receiver().clone();
            List<Long> mine = new ArrayList<>();
            received.add(mine);
            long s = seed + 100 + c;
            threads.add(
                    new Thread(
                            () -> {
                                Random rnd = new Random(s);
                                boolean aOpen = true;
                                boolean bOpen = true;
                                try (ra;
                                        rb) {
                                    while (aOpen || bOpen) {
                                        Select sel = new Select();
                                        int ia = aOpen ? sel.recv(ra) : -1;
                                        if (bOpen) {
                                            sel.recv(rb);
                                        }
                                        SelectedOperation op;
                                        try {
                                            op =
                                                    chaos == Chaos.TIMEOUTS
                                                            ? sel.select(
                                                                    Duration.ofNanos(
                                                                            rnd.nextInt(20_000)))
                                                            : sel.select();
                                        } catch (InterruptedException e) {
                                            continue;
                                        }
                                        if (op == null) {
                                            continue;
                                        }
                                        boolean isA = op.index() == ia;
                                        try {
                                            mine.add(op.recv(isA ? ra : rb));
                                        } catch (DisconnectedException e) {
                                            if (isA) {
                                                aOpen = false;
                                            } else {
                                                bOpen = false;
                                            }
                                        }
                                    }
                                } catch (Throwable e) {
                                    errors.add(e);
                                }
                            }));
        }
        a.receiver().close();
        b.receiver().close();
        AtomicBoolean stop = new AtomicBoolean();
        threads.forEach(Thread::start);
        Thread interrupter =
                chaos == Chaos.INTERRUPTS ? startInterrupter(threads, stop, seed) : null;
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
            assertThat(t.isAlive()).as("seed=%d %s: worker stuck", seed, chaos).isFalse();
        }
        stop.set(true);
        if (interrupter != null) {
            interrupter.join();
        }
        assertThat(errors).as("seed=%d", seed).isEmpty();
        // Strip the channel tag for the exactly-once count; order is per (sender, channel).
        List<List<Long>> perChannel = new ArrayList<>();
        for (List<Long> mine : received) {
            List<Long> viaA = new ArrayList<>();
            List<Long> viaB = new ArrayList<>();
            for (long m : mine) {
                ((m & (1L << 31)) == 0 ? viaA : viaB).add(m & ~(1L << 31));
            }
            perChannel.add(viaA);
            perChannel.add(viaB);
        }
        checkLedger(perChannel, producers, perProducer, true, seed);
    }
}
