package dev.ferrum.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small helpers for tests that run an operation in another thread. */
final class Threads {
    private Threads() {}

    /** Runs {@code task} on a new platform thread; the future holds its result or exception. */
    static <V> Running<V> start(Callable<V> task) {
        CompletableFuture<V> f = new CompletableFuture<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                f.complete(task.call());
                            } catch (Throwable e) {
                                f.completeExceptionally(e);
                            }
                        });
        t.setDaemon(true);
        t.start();
        return new Running<>(t, f);
    }

    /** A task running in its own thread. */
    static final class Running<V> {
        final Thread thread;
        final CompletableFuture<V> result;

        Running(Thread thread, CompletableFuture<V> result) {
            this.thread = thread;
            this.result = result;
        }

        /** Waits until the thread is blocked (parked), or fails after 5 s. */
        void awaitBlocked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                Thread.State s = thread.getState();
                if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                    return;
                }
                assertThat(result).as("task ended before blocking").isNotDone();
                assertThat(System.nanoTime()).as("thread never blocked").isLessThan(deadline);
                Thread.sleep(1);
            }
        }

        V get() throws Exception {
            return result.get(5, TimeUnit.SECONDS);
        }
    }
}
