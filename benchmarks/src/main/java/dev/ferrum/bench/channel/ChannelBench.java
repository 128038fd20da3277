package dev.ferrum.bench.channel;

import dev.ferrum.channel.DisconnectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * crossbeam-channel's benchmark scenarios for one channel flavour, Ferrum against JDK and JCTools
 * peers (the subclasses choose the flavour and the peers, through their {@code impl} parameter).
 *
 * <p>Each scenario is a benchmark method; one invocation moves a batch of {@value #BATCH} messages
 * from producer threads to consumer threads, all of them background workers started in setup, and
 * returns when every consumer has its share. The score is the average time per message (the batch
 * time divided by {@value #BATCH}), directly comparable with the ns-per-message columns of the Rust
 * and JDK measurements, except that thread start and channel creation are not included.
 *
 * <ul>
 *   <li>{@code spsc}: one producer, one consumer, one channel;
 *   <li>{@code mpsc}: {@value #T} producers, one consumer;
 *   <li>{@code mpmc}: {@value #T} producers, {@value #T} consumers;
 *   <li>{@code selectRx}: {@value #T} producers each with its own channel, one consumer receiving
 *       from all of them: with Ferrum's {@code Select} (built once), with the peers a poll loop
 *       over the queues (spin, then yield);
 *   <li>{@code selectBoth}: {@value #T} channels, {@value #T} producers each sending into any of
 *       them and {@value #T} consumers each receiving from any of them: with Ferrum's {@code
 *       Select} on both sides, with the peers an offer loop and a poll loop;
 *   <li>{@code seq} (only where a batch fits: {@link BoundedNBench}, {@link UnboundedBench}): one
 *       thread sends the batch, then receives it.
 * </ul>
 *
 * <p>Nothing here can hang: a consumer that gets nothing for {@link Pipes#TIMEOUT_NANOS} fails, an
 * invocation waits at most {@link #BATCH_TIMEOUT_SECONDS} for its batch, and teardown disconnects
 * Ferrum's channels and interrupts the peers' workers, then joins them with a timeout.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class ChannelBench {

    /** Messages per invocation: divisible by {@link #T}; large enough to hide the batch start. */
    static final int BATCH = 20_000;

    /** Producer count (and consumer count in mpmc), as in crossbeam's benchmarks. */
    static final int T = 4;

    /** An invocation whose batch takes longer than this fails. */
    static final long BATCH_TIMEOUT_SECONDS = 60;

    /** The message: one shared boxed value, so that no implementation pays for allocation. */
    private static final Integer MSG = 1;

    private final List<Thread> workers = new ArrayList<>();
    private final List<Semaphore> starts = new ArrayList<>();
    private final Semaphore done = new Semaphore(0);
    private Pipes.Pipe[] pipes;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** The implementation under test; declared with its values by each subclass. */
    abstract String impl();

    /** The flavour's capacity: {@code 0}, a bound, or {@link Pipes#UNBOUNDED}. */
    abstract int capacity();

    @Setup(Level.Trial)
    public void startWorkers(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String scenario = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String impl = impl();
        switch (scenario) {
            case "spsc":
                pipes = new Pipes.Pipe[] {Pipes.create(impl, capacity(), false)};
                addProducers(1, pipes[0]);
                addConsumers(1, pipes[0]);
                break;
            case "mpsc":
                pipes = new Pipes.Pipe[] {Pipes.create(impl, capacity(), false)};
                addProducers(T, pipes[0]);
                addConsumers(1, pipes[0]);
                break;
            case "mpmc":
                pipes = new Pipes.Pipe[] {Pipes.create(impl, capacity(), true)};
                addProducers(T, pipes[0]);
                addConsumers(T, pipes[0]);
                break;
            case "selectRx":
                pipes = new Pipes.Pipe[T];
                for (int i = 0; i < T; i++) {
                    pipes[i] = Pipes.create(impl, capacity(), false);
                    addProducers(1, pipes[i]);
                }
                Pipes.Pipe[] all = pipes;
                addWorker(
                        () -> {
                            Pipes.RecvAny any = Pipes.recvAny(impl, all);
                            return () -> {
                                for (int i = 0; i < BATCH; i++) {
                                    any.recv();
                                }
                            };
                        });
                break;
            case "selectBoth":
                pipes = new Pipes.Pipe[T];
                for (int i = 0; i < T; i++) {
                    pipes[i] = Pipes.create(impl, capacity(), true);
                }
                Pipes.Pipe[] both = pipes;
                for (int p = 0; p < T; p++) {
                    addWorker(
                            () -> {
                                Pipes.SendAny any = Pipes.sendAny(impl, both);
                                return () -> {
                                    for (int i = 0; i < BATCH / T; i++) {
                                        any.send(MSG);
                                    }
                                };
                            });
                }
                for (int c = 0; c < T; c++) {
                    addWorker(
                            () -> {
                                Pipes.RecvAny any = Pipes.recvAny(impl, both);
                                return () -> {
                                    for (int i = 0; i < BATCH / T; i++) {
                                        any.recv();
                                    }
                                };
                            });
                }
                break;
            case "seq":
                pipes = new Pipes.Pipe[] {Pipes.create(impl, capacity(), false)};
                Pipes.Pipe pipe = pipes[0];
                addWorker(
                        () ->
                                () -> {
                                    for (int i = 0; i < BATCH; i++) {
                                        pipe.send(MSG);
                                    }
                                    for (int i = 0; i < BATCH; i++) {
                                        pipe.recv();
                                    }
                                });
                break;
            default:
                throw new IllegalStateException("unknown scenario: " + scenario);
        }
        for (Thread w : workers) {
            w.start();
        }
    }

    private void addProducers(int n, Pipes.Pipe pipe) {
        int share = BATCH / (pipes.length * n);
        for (int p = 0; p < n; p++) {
            addWorker(
                    () ->
                            () -> {
                                for (int i = 0; i < share; i++) {
                                    pipe.send(MSG);
                                }
                            });
        }
    }

    private void addConsumers(int n, Pipes.Pipe pipe) {
        int share = BATCH / n;
        for (int c = 0; c < n; c++) {
            addWorker(
                    () ->
                            () -> {
                                for (int i = 0; i < share; i++) {
                                    pipe.recv();
                                }
                            });
        }
    }

    /** One batch share of a worker. */
    private interface Share {
        void run() throws InterruptedException;
    }

    /** Creates a worker's share on the worker's own thread (a Select belongs to its thread). */
    private interface ShareFactory {
        Share create();
    }

    private void addWorker(ShareFactory factory) {
        Semaphore start = new Semaphore(0);
        starts.add(start);
        Thread t =
                new Thread(
                        () -> {
                            try {
                                Share share = factory.create();
                                while (true) {
                                    start.acquire();
                                    if (stopping) {
                                        return;
                                    }
                                    share.run();
                                    done.release();
                                }
                            } catch (InterruptedException | DisconnectedException e) {
                                if (!stopping) {
                                    fail(e);
                                }
                            } catch (Throwable t2) {
                                fail(t2);
                            }
                        },
                        "channel-bench-" + workers.size());
        t.setDaemon(true);
        workers.add(t);
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        // Wakes the benchmark thread at once rather than at its timeout.
        done.release(workers.size());
    }

    /** Runs one batch through every worker and waits until all have done their share. */
    final void batch() throws InterruptedException {
        for (Semaphore s : starts) {
            s.release();
        }
        boolean finished = done.tryAcquire(workers.size(), BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a worker failed: impl=" + impl(), f);
        }
        if (!finished) {
            throw new IllegalStateException(
                    "batch not done within " + BATCH_TIMEOUT_SECONDS + " s: impl=" + impl());
        }
    }

    /** One producer, one consumer. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void spsc() throws InterruptedException {
        batch();
    }

    /** {@value #T} producers, one consumer. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mpsc() throws InterruptedException {
        batch();
    }

    /** {@value #T} producers, {@value #T} consumers. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mpmc() throws InterruptedException {
        batch();
    }

    /** {@value #T} producers on {@value #T} channels, one consumer receiving from any of them. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void selectRx() throws InterruptedException {
        batch();
    }

    /**
     * {@value #T} producers and {@value #T} consumers on {@value #T} channels, each selecting over
     * all of them.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void selectBoth() throws InterruptedException {
        batch();
    }

    @TearDown(Level.Trial)
    public void stopWorkers() throws InterruptedException {
        stopping = true;
        for (Semaphore s : starts) {
            s.release();
        }
        for (Pipes.Pipe p : pipes) {
            p.shutdown();
        }
        for (Thread w : workers) {
            w.interrupt();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread w : workers) {
            w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (w.isAlive()) {
                throw new IllegalStateException(w.getName() + " did not stop: impl=" + impl());
            }
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a worker failed: impl=" + impl(), f);
        }
    }
}
