package dev.ferrum.bench.deque;

import dev.ferrum.deque.Steal;
import dev.ferrum.deque.Stealer;
import dev.ferrum.deque.Worker;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One owner pushing while one thief takes from the other end, by single steals or by batches of up
 * to 32 (drained from the thief's own worker). Peer: {@link ConcurrentLinkedDeque}, whose thief
 * polls the head; it has no batch operation, so its "batch" rows poll one at a time. Each operation
 * of the owner is one push, each operation of the thief is one item obtained; neither counts failed
 * attempts: an empty thief spins until it gets an item, and an owner more than about 4096 items
 * ahead waits for the thief. The group score is therefore twice the transfer rate, the same for
 * every implementation.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public class OwnerThiefBench {

    static final int BACKLOG = 4096;
    static final Integer ITEM = 1;

    @Param({"ferrum", "concurrentlinkeddeque"})
    public String impl;

    @Param({"single", "batch"})
    public String steal;

    private Worker<Integer> worker;
    private Stealer<Integer> stealer;
    private ConcurrentLinkedDeque<Integer> linked;
    private boolean batch;

    /** The thief's own worker, for batch steals; created per thread so that thread owns it. */
    @State(Scope.Thread)
    public static class ThiefLocal {
        Worker<Integer> local = Worker.newFifo();
        long taken;
    }

    private final AtomicLong takenShared = new AtomicLong();
    private long pushed;

    @Setup
    public void setUp() {
        batch = steal.equals("batch");
        switch (impl) {
            case "ferrum":
                worker = Worker.newLifo();
                stealer = worker.stealer();
                break;
            case "concurrentlinkeddeque":
                linked = new ConcurrentLinkedDeque<>();
                break;
            default:
                throw new IllegalArgumentException("unknown impl: impl=" + impl);
        }
    }

    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void owner(Control control) {
        // Both implementations throttle the same way: the thief publishes its count every 256
        // items, and the owner waits while it is more than BACKLOG ahead.
        while (pushed - takenShared.get() > BACKLOG && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        pushed++;
        if (worker != null) {
            worker.push(ITEM);
        } else {
            linked.addLast(ITEM);
        }
    }

    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public Integer thief(ThiefLocal t, Control control) {
        if (worker != null) {
            Integer x = t.local.pop();
            while (x == null && !control.stopMeasurement) {
                Steal<Integer> s = batch ? stealer.stealBatchAndPop(t.local) : stealer.steal();
                x = s.value();
                if (x == null) {
                    Thread.onSpinWait();
                }
            }
            if (x != null) {
                t.taken++;
                if ((t.taken & 255) == 0) {
                    takenShared.lazySet(t.taken);
                }
            }
            return x;
        }
        Integer x = linked.pollFirst();
        while (x == null && !control.stopMeasurement) {
            Thread.onSpinWait();
            x = linked.pollFirst();
        }
        if (x != null) {
            t.taken++;
            if ((t.taken & 255) == 0) {
                takenShared.lazySet(t.taken);
            }
        }
        return x;
    }
}
