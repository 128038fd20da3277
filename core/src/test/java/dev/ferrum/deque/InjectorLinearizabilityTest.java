package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A model check of the injector in the manner of Lincheck's stress mode: two threads run short
 * random scenarios of push, steal, stealBatchWithLimitAndPop and size against one injector; each
 * recorded history (calls, results and real-time order) must be linearizable with respect to a
 * sequential FIFO queue, which a Wing–Gong search over the orders that respect real time decides.
 * Before each scenario the injector is moved by a random number of sequential push/steal pairs, so
 * that scenarios start at every offset of a block and cross block boundaries.
 *
 * <p>Scale: {@code 5_000 * scale} scenarios.
 */
class InjectorLinearizabilityTest {

    static final int SCENARIOS = 5_000 * Integer.getInteger("ferrum.stress.scale", 1);
    static final int OPS_PER_THREAD = 4;

    enum Kind {
        PUSH,
        STEAL,
        BATCH_POP,
        SIZE
    }

    /** One completed operation: what it did, what it returned and when (logical ticks). */
    static final class Op {
        final int thread;
        final Kind kind;
        final int arg;
        long call;
        long ret;
        boolean retry;
        boolean empty;
        final List<Integer> taken = new ArrayList<>();
        int size;

        Op(int thread, Kind kind, int arg) {
            this.thread = thread;
            this.kind = kind;
            this.arg = arg;
        }

        @Override
        public String toString() {
            String r;
            switch (kind) {
                case PUSH:
                    r = "push(" + arg + ")";
                    break;
                case SIZE:
                    r = "size()=" + size;
                    break;
                default:
                    r =
                            kind.name().toLowerCase()
                                    + "()="
                                    + (retry ? "Retry" : empty ? "Empty" : taken.toString());
            }
            return "T" + thread + ":" + r + "@[" + call + "," + ret + "]";
        }
    }

    @Test
    @Timeout(120)
    void concurrentHistories_areLinearizableAsAFifoQueue() throws Exception {
        long seed = Long.getLong("ferrum.stress.seed", System.nanoTime());
        Random rnd = new Random(seed);
        AtomicLong clock = new AtomicLong();
        CyclicBarrier go = new CyclicBarrier(3);
        CyclicBarrier done = new CyclicBarrier(3);
        AtomicReference<Injector<Integer>> current = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        List<Op>[] plans = new List[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] =
                    new Thread(
                            () -> {
                                Worker<Integer> local = Worker.newFifo();
                                try {
                                    for (int s = 0; s < SCENARIOS; s++) {
                                        go.await();
                                        Injector<Integer> q = current.get();
                                        for (Op op : plans[id]) {
                                            execute(q, local, op, clock);
                                        }
                                        done.await();
                                    }
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                    go.reset();
                                    done.reset();
                                }
                            });
            threads[t].start();
        }
        try {
            int nextValue = 0;
            for (int s = 0; s < SCENARIOS; s++) {
                Injector<Integer> q = new Injector<>();
                ArrayDeque<Integer> initial = new ArrayDeque<>();
                int shift = rnd.nextInt(2 * Injector.LAP + 5);
                for (int i = 0; i < shift; i++) {
                    q.push(-1);
                    q.steal();
                }
                int prefill = rnd.nextInt(3);
                for (int i = 0; i < prefill; i++) {
                    q.push(nextValue);
                    initial.add(nextValue++);
                }
                for (int t = 0; t < 2; t++) {
                    List<Op> plan = new ArrayList<>();
                    for (int i = 0; i < OPS_PER_THREAD; i++) {
                        Kind k = Kind.values()[rnd.nextInt(Kind.values().length)];
                        plan.add(new Op(t, k, k == Kind.PUSH ? nextValue++ : 0));
                    }
                    plans[t] = plan;
                }
                current.set(q);
                go.await();
                done.await();
                List<Op> history = new ArrayList<>(plans[0]);
                history.addAll(plans[1]);
                assertThat(linearizable(history, new boolean[history.size()], initial))
                        .as("seed=%d scenario=%d initial=%s history=%s", seed, s, initial, history)
                        .isTrue();
            }
        } finally {
            for (Thread t : threads) {
                t.interrupt();
                t.join(10_000);
            }
        }
        assertThat(failure.get()).as("seed=%d", seed).isNull();
    }

    private static void execute(
            Injector<Integer> q, Worker<Integer> local, Op op, AtomicLong clock) {
        op.call = clock.incrementAndGet();
        switch (op.kind) {
            case PUSH:
                q.push(op.arg);
                break;
            case SIZE:
                op.size = q.size();
                break;
            case STEAL:
                record(op, q.steal(), local);
                break;
            default:
                record(op, q.stealBatchWithLimitAndPop(local, 2), local);
        }
        op.ret = clock.incrementAndGet();
    }

    private static void record(Op op, Steal<Integer> s, Worker<Integer> local) {
        op.retry = s.isRetry();
        op.empty = s.isEmpty();
        if (s.isSuccess()) {
            op.taken.add(s.value());
            for (Integer x; (x = local.pop()) != null; ) {
                op.taken.add(x);
            }
        }
    }

    /** Wing–Gong: some op that no pending op precedes in real time can go next. */
    private static boolean linearizable(List<Op> ops, boolean[] used, ArrayDeque<Integer> model) {
        boolean all = true;
        for (int i = 0; i < ops.size(); i++) {
            if (used[i]) {
                continue;
            }
            all = false;
            Op op = ops.get(i);
            boolean minimal = true;
            for (int j = 0; j < ops.size(); j++) {
                if (!used[j] && j != i && ops.get(j).ret < op.call) {
                    minimal = false;
                    break;
                }
            }
            if (!minimal) {
                continue;
            }
            ArrayDeque<Integer> next = apply(op, model);
            if (next != null) {
                used[i] = true;
                boolean ok = linearizable(ops, used, next);
                used[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return all;
    }

    /** The model's state after op, or null if op's result is impossible in state model. */
    private static ArrayDeque<Integer> apply(Op op, ArrayDeque<Integer> model) {
        ArrayDeque<Integer> next = new ArrayDeque<>(model);
        switch (op.kind) {
            case PUSH:
                next.add(op.arg);
                return next;
            case SIZE:
                return op.size == model.size() ? next : null;
            default:
                if (op.retry) {
                    // A lost race changes nothing; it is allowed at any point.
                    return next;
                }
                if (op.empty) {
                    return model.isEmpty() ? next : null;
                }
                int max = op.kind == Kind.STEAL ? 1 : 2;
                int n = op.taken.size();
                if (n < 1 || n > max || n > model.size()) {
                    return null;
                }
                // About half: the batch may take more than one only when two or more are there.
                if (n > (model.size() + 1) / 2 && n > 1) {
                    return null;
                }
                for (Integer x : op.taken) {
                    if (!x.equals(next.poll())) {
                        return null;
                    }
                }
                return next;
        }
    }
}
