package dev.ferrum.ringbuf;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Small helpers for tests that run one side of a ring on another thread. */
final class Threads {

    private Threads() {}

    /** Runs {@code task} on a new platform thread; the future completes with its outcome. */
    static <V> Started<V> start(String name, Callable<V> task) {
        CompletableFuture<V> result = new CompletableFuture<>();
        Thread t =
                new Thread(
                        () -> {
                            try {
                                result.complete(task.call());
                            } catch (Throwable e) {
                                result.completeExceptionally(e);
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
        return new Started<>(t, result);
    }

    /** A started thread and its outcome. */
    record Started<V>(Thread thread, CompletableFuture<V> result) {
        V get() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }

        /** Waits until the thread is parked (blocked in a wait), failing after 5 s. */
        void awaitParked() {
            awaitTrue(
                    () -> {
                        Thread.State s = thread.getState();
                        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
                    },
                    "thread " + thread.getName() + " never parked");
        }
    }

    static void awaitTrue(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
