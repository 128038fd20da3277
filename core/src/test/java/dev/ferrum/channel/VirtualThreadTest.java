package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 virtual threads exchange messages through every flavour and through select. If a blocked
 * virtual thread pinned its carrier, the few carriers (one per CPU) would be exhausted and the
 * exchange would hang; JFR's jdk.VirtualThreadPinned events are also counted when JFR is there.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VirtualThreadTest {

    private static final int THREADS = 10_000;

    private static ExecutorService virtualThreads() throws Exception {
        return (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /** Counts pinning events through JFR (reflectively: the tests compile for Java 17). */
    private static final class PinningRecorder implements AutoCloseable {
        final AtomicInteger pinned = new AtomicInteger();
        private final Object stream;

        PinningRecorder() {
            Object s;
            try {
                Class<?> rs = Class.forName("jdk.jfr.consumer.RecordingStream");
                s = rs.getConstructor().newInstance();
                Object settings =
                        rs.getMethod("enable", String.class).invoke(s, "jdk.VirtualThreadPinned");
                settings.getClass()
                        .getMethod("withThreshold", Duration.class)
                        .invoke(settings, Duration.ZERO);
                Consumer<Object> onEvent = e -> pinned.incrementAndGet();
                rs.getMethod("onEvent", String.class, Consumer.class)
                        .invoke(s, "jdk.VirtualThreadPinned", onEvent);
                rs.getMethod("startAsync").invoke(s);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                s = null; // JFR not available here: the liveness check alone still applies.
            }
            stream = s;
        }

        @Override
        public void close() throws Exception {
            if (stream != null) {
                Method close = stream.getClass().getMethod("close");
                // Let the stream deliver the last events before closing it.
                Thread.sleep(1_500);
                close.invoke(stream);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void tenThousandVirtualThreads_exchangeThroughEveryFlavour(Flavour f) throws Exception {
        Channel<Integer> ch = f.create();
        AtomicLong sum = new AtomicLong();
        int pinned;
        try (PinningRecorder rec = new PinningRecorder()) {
            ExecutorService ex = virtualThreads();
            try {
                List<Future<?>> fs = new ArrayList<>();
                // Receivers first, so that they all block (and would pin) before anything arrives.
                for (int i = 0; i < THREADS / 2; i++) {
                    fs.add(ex.submit(() -> sum.addAndGet(ch.receiver().recv())));
                }
                for (int i = 0; i < THREADS / 2; i++) {
                    int v = i;
                    fs.add(
                            ex.submit(
                                    () -> {
                                        ch.sender().send(v);
                                        return null;
                                    }));
                }
                for (Future<?> fu : fs) {
                    fu.get(60, TimeUnit.SECONDS);
                }
            } finally {
                ex.shutdownNow();
            }
            pinned = rec.pinned.get();
        }
        long n = THREADS / 2;
        assertThat(sum.get()).isEqualTo(n * (n - 1) / 2);
        assertThat(pinned).as("jdk.VirtualThreadPinned events").isZero();
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void tenThousandVirtualThreads_exchangeThroughSelect(Flavour f) throws Exception {
        Channel<Integer> a = f.create();
        Channel<Integer> b = f.create();
        AtomicLong sum = new AtomicLong();
        ExecutorService ex = virtualThreads();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < THREADS / 2; i++) {
                fs.add(
                        ex.submit(
                                () ->
                                        sum.addAndGet(
                                                Select.<Integer>arms()
                                                        .recv(a.receiver(), m -> m)
                                                        .recv(b.receiver(), m -> m)
                                                        .run())));
            }
            for (int i = 0; i < THREADS / 2; i++) {
                int v = i;
                Sender<Integer> tx = (i % 2 == 0 ? a : b).sender();
                fs.add(
                        ex.submit(
                                () -> {
                                    tx.send(v);
                                    return null;
                                }));
            }
            for (Future<?> fu : fs) {
                fu.get(60, TimeUnit.SECONDS);
            }
        } finally {
            ex.shutdownNow();
        }
        long n = THREADS / 2;
        assertThat(sum.get()).isEqualTo(n * (n - 1) / 2);
    }
}
