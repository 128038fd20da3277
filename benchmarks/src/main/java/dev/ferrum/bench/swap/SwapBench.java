package dev.ferrum.bench.swap;

import dev.ferrum.swap.ArcSwap;
import dev.ferrum.swap.Guard;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link ArcSwap} against the JDK's ways of sharing a read-mostly reference.
 *
 * <ul>
 *   <li>{@code load}: one read of the current value and of a field of it (ArcSwap {@code load},
 *       {@code AtomicReference.get} and {@code getAcquire}, volatile fields). {@code loadRef}: the
 *       read of the current value alone, returned as a reference, so that no caller-side cast of an
 *       erased type parameter is measured.
 *   <li>{@code guard_1t}, {@code guard}: one or two readers pin the current value for the length of
 *       a read while a background writer replaces it about every millisecond (ArcSwap {@code
 *       guard()}, the read lock of a {@code ReentrantReadWriteLock}, a {@code StampedLock} read
 *       lock). Only the readers are measured.
 *   <li>{@code rcu}: read-copy-update of the value (ArcSwap {@code rcu}, {@code
 *       AtomicReference.updateAndGet}) from one and two threads.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SwapBench {

    /** The payload: one field, so that the cost of protecting it dominates. */
    public static final class Config {
        final int value;

        Config(int value) {
            this.value = value;
        }
    }

    /** Reads the current value; one implementation per fork, so calls stay monomorphic. */
    interface Reader {
        int read();
    }

    /** Reads the current value, returned as a reference; one implementation per fork. */
    interface RefReader {
        Object read();
    }

    /** A volatile field in an object of its own, as ArcSwap and AtomicReference hold theirs. */
    static final class Holder {
        volatile Config value = new Config(1);
    }

    /**
     * The same, with the field's type a type parameter: a caller that uses the value as a {@code
     * Config} casts it, as it casts what {@code ArcSwap.load()} and {@code AtomicReference.get()}
     * return (javac inserts the cast at every use of an erased type).
     */
    static final class GenericHolder<T> {
        volatile T value;

        GenericHolder(T value) {
            this.value = value;
        }
    }

    /**
     * {@code volatile} is a field of the reading object itself; {@code holder} is a volatile field
     * reached through a reference, which is what {@code ferrum} and {@code atomic} cost by
     * construction (one load of the holder, then the acquire read of its field); {@code generic} is
     * {@code holder} with an erased field type, which the caller casts as it casts the values of
     * {@code ferrum} and {@code atomic}. {@code acquire} is {@code AtomicReference.getAcquire}.
     */
    @State(Scope.Benchmark)
    public static class Loads {
        @Param({"ferrum", "atomic", "acquire", "volatile", "holder", "generic"})
        public String impl;

        private final ArcSwap<Config> swap = ArcSwap.of(new Config(1));
        private final AtomicReference<Config> atomic = new AtomicReference<>(new Config(1));
        private volatile Config field = new Config(1);
        private final Holder holder = new Holder();
        private final GenericHolder<Config> generic = new GenericHolder<>(new Config(1));
        Reader reader;
        RefReader refReader;

        @Setup
        public void setUp() {
            switch (impl) {
                case "ferrum" -> {
                    reader = () -> swap.load().value;
                    refReader = swap::load;
                }
                case "atomic" -> {
                    reader = () -> atomic.get().value;
                    refReader = atomic::get;
                }
                case "acquire" -> {
                    reader = () -> atomic.getAcquire().value;
                    refReader = atomic::getAcquire;
                }
                case "volatile" -> {
                    reader = () -> field.value;
                    refReader = () -> field;
                }
                case "holder" -> {
                    reader = () -> holder.value.value;
                    refReader = () -> holder.value;
                }
                case "generic" -> {
                    reader = () -> generic.value.value;
                    refReader = () -> generic.value;
                }
                default -> throw new IllegalArgumentException("unknown impl: " + impl);
            }
        }
    }

    @Benchmark
    public int load(Loads s) {
        return s.reader.read();
    }

    @Benchmark
    public Object loadRef(Loads s) {
        return s.refReader.read();
    }

    @State(Scope.Benchmark)
    public static class Guarded {
        @Param({"ferrum", "rwlock", "stamped"})
        public String impl;

        private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        private final StampedLock stamped = new StampedLock();
        private ArcSwap<Config> swap;
        private Config locked; // guarded by rw or stamped
        private volatile boolean running;
        private Thread writer;
        Reader reader;

        @Setup(Level.Trial)
        public void setUp() {
            swap = ArcSwap.of(new Config(0), c -> {});
            locked = new Config(0);
            Runnable store;
            switch (impl) {
                case "ferrum" -> {
                    reader = this::readSwap;
                    store = () -> swap.store(new Config(swap.load().value + 1));
                }
                case "rwlock" -> {
                    reader = this::readRw;
                    store = this::writeRw;
                }
                case "stamped" -> {
                    reader = this::readStamped;
                    store = this::writeStamped;
                }
                default -> throw new IllegalArgumentException("unknown impl: " + impl);
            }
            running = true;
            writer =
                    new Thread(
                            () -> {
                                while (running) {
                                    store.run();
                                    LockSupport.parkNanos(1_000_000L);
                                }
                            },
                            "swap-bench-writer");
            writer.setDaemon(true);
            writer.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            running = false;
            writer.join(5_000L);
        }

        private int readSwap() {
            try (Guard<Config> g = swap.guard()) {
                return g.get().value;
            }
        }

        private int readRw() {
            ReentrantReadWriteLock.ReadLock l = rw.readLock();
            l.lock();
            try {
                return locked.value;
            } finally {
                l.unlock();
            }
        }

        private void writeRw() {
            rw.writeLock().lock();
            try {
                locked = new Config(locked.value + 1);
            } finally {
                rw.writeLock().unlock();
            }
        }

        private int readStamped() {
            long stamp = stamped.readLock();
            try {
                return locked.value;
            } finally {
                stamped.unlockRead(stamp);
            }
        }

        private void writeStamped() {
            long stamp = stamped.writeLock();
            try {
                locked = new Config(locked.value + 1);
            } finally {
                stamped.unlockWrite(stamp);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public int guard_1t(Guarded s) {
        return s.reader.read();
    }

    @Benchmark
    @Threads(2)
    public int guard(Guarded s) {
        return s.reader.read();
    }

    /** Replaces the value with a copy; one implementation per fork. */
    interface Updater {
        Config update();
    }

    @State(Scope.Benchmark)
    public static class Updates {
        @Param({"ferrum", "atomic"})
        public String impl;

        Updater updater;

        /** Allocates only the holder under test, so that no other holder shares its cache lines. */
        @Setup
        public void setUp() {
            switch (impl) {
                case "ferrum" -> {
                    ArcSwap<Config> swap = ArcSwap.of(new Config(0));
                    updater = () -> swap.rcu(c -> new Config(c.value + 1));
                }
                case "atomic" -> {
                    AtomicReference<Config> atomic = new AtomicReference<>(new Config(0));
                    updater = () -> atomic.updateAndGet(c -> new Config(c.value + 1));
                }
                default -> throw new IllegalArgumentException("unknown impl: " + impl);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public Config rcu_1t(Updates s) {
        return s.updater.update();
    }

    @Benchmark
    @Threads(2)
    public Config rcu_2t(Updates s) {
        return s.updater.update();
    }
}
