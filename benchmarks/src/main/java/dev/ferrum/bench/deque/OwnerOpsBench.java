package dev.ferrum.bench.deque;

import dev.ferrum.deque.Worker;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The owner's own path, single-threaded: push {@value #BATCH} items, then pop them all, in LIFO or
 * FIFO order. Peers: {@link ArrayDeque} (the single-thread bound) and {@link
 * ConcurrentLinkedDeque}. One operation is one push plus one pop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class OwnerOpsBench {

    static final int BATCH = 100;

    @Param({"ferrum", "arraydeque", "concurrentlinkeddeque"})
    public String impl;

    @Param({"lifo", "fifo"})
    public String order;

    private Worker<Integer> worker;
    private ArrayDeque<Integer> arrayDeque;
    private ConcurrentLinkedDeque<Integer> linkedDeque;
    private boolean lifo;
    private final Integer[] items = new Integer[BATCH];

    @Setup
    public void setUp() {
        lifo = order.equals("lifo");
        for (int i = 0; i < BATCH; i++) {
            items[i] = i;
        }
        switch (impl) {
            case "ferrum":
                worker = lifo ? Worker.newLifo() : Worker.newFifo();
                break;
            case "arraydeque":
                arrayDeque = new ArrayDeque<>();
                break;
            case "concurrentlinkeddeque":
                linkedDeque = new ConcurrentLinkedDeque<>();
                break;
            default:
                throw new IllegalArgumentException("unknown impl: impl=" + impl);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pushThenPop() {
        long sum = 0;
        if (worker != null) {
            for (Integer x : items) {
                worker.push(x);
            }
            for (Integer x; (x = worker.pop()) != null; ) {
                sum += x;
            }
        } else if (arrayDeque != null) {
            for (Integer x : items) {
                arrayDeque.addLast(x);
            }
            for (Integer x; (x = lifo ? arrayDeque.pollLast() : arrayDeque.pollFirst()) != null; ) {
                sum += x;
            }
        } else {
            for (Integer x : items) {
                linkedDeque.addLast(x);
            }
            for (Integer x;
                    (x = lifo ? linkedDeque.pollLast() : linkedDeque.pollFirst()) != null; ) {
                sum += x;
            }
        }
        return sum;
    }
}
