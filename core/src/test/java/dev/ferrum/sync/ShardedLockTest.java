package dev.ferrum.sync;

import static dev.ferrum.sync.RwLockTest.closeIfHeld;
import static dev.ferrum.sync.RwLockTest.fork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Specification of ShardedLock: shard use, exclusion, misuse, time-outs and interrupts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShardedLockTest {

    static final long ONE_READER = RwLockSync.ONE_READER;
    static final long WRITER = RwLockSync.WRITER;

    @Test
    void read_touchesOnlyTheThreadsShard() {
        ShardedLock<String> lock = new ShardedLock<>("v");
        int mine = ShardedLock.shardIndex();
        try (ShardedLock.ReadGuard<String> g = lock.read()) {
            assertThat(g.get()).isEqualTo("v");
            long[] states = lock.rawStates();
            for (int i = 0; i < states.length; i++) {
                assertThat(states[i]).as("shard " + i).isEqualTo(i == mine ? ONE_READER : 0L);
            }
        }
        assertThat(lock.rawStates()).containsOnly(0L);
    }

    @Test
    void shardIndex_isStablePerThreadAndSpreadsThreads() throws Exception {
        assertThat(ShardedLock.shardIndex()).isEqualTo(ShardedLock.shardIndex());
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 32; i++) {
            int idx = fork(ShardedLock::shardIndex).get(10, TimeUnit.SECONDS);
            assertThat(idx).isBetween(0, ShardedLock.NUM_SHARDS - 1);
            seen.add(idx);
        }
        assertThat(seen.size()).as("shards used by 32 threads").isGreaterThan(2);
    }

    @Test
    void write_takesEveryShardAndExcludesReaders() throws Exception {
        ShardedLock<String> lock = new ShardedLock<>("a");
        try (ShardedLock.WriteGuard<String> g = lock.write()) {
            assertThat(lock.rawStates()).containsOnly(WRITER);
            assertThat(lock.isWriteLockedByCurrentThread()).isTrue();
            g.set("b");
            assertThat(g.get()).isEqualTo("b");
            for (int i = 0; i < 8; i++) {
                assertThat(fork(() -> closeIfHeld(lock.tryRead())).get(10, TimeUnit.SECONDS))
                        .isFalse();
            }
        }
        assertThat(lock.rawStates()).containsOnly(0L);
        assertThat(fork(() -> lock.read().get()).get(10, TimeUnit.SECONDS)).isEqualTo("b");
    }

    @Test
    void tryWrite_failsWhileAnyReaderHoldsAndReleasesTakenShards() throws Exception {
        ShardedLock<String> lock = new ShardedLock<>("a");
        try (ShardedLock.ReadGuard<String> r = lock.read()) {
            long[] before = lock.rawStates();
            assertThat(fork(() -> closeIfHeld(lock.tryWrite())).get(10, TimeUnit.SECONDS))
                    .isFalse();
            assertThat(lock.rawStates()).isEqualTo(before);
            assertThat(
                            fork(() -> closeIfHeld(lock.tryWrite(Duration.ofMillis(30))))
                                    .get(10, TimeUnit.SECONDS))
                    .isFalse();
            assertThat(lock.rawStates()).as("timed write gave up").isEqualTo(before);
        }
        assertThat(lock.tryWrite()).isNotNull().satisfies(ShardedLock.WriteGuard::close);
        assertThat(lock.rawStates()).containsOnly(0L);
    }

    @Test
    void blockedWriter_proceedsWhenReaderLeaves() throws Exception {
        ShardedLock<Integer> lock = new ShardedLock<>(0);
        ShardedLock.ReadGuard<Integer> r = lock.read();
        FutureTask<Integer> writer =
                fork(
                        () -> {
                            try (ShardedLock.WriteGuard<Integer> g = lock.write()) {
                                g.set(g.get() + 1);
                                return g.get();
                            }
                        });
        RwLockTest.await(() -> lock.rawStates()[ShardedLock.shardIndex()] != ONE_READER);
        assertThat(writer.isDone()).isFalse();
        r.close();
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lock.rawStates()).containsOnly(0L);
    }

    @Test
    void timedRead_givesUpLeavingStateAndSucceedsAfterRelease() throws Exception {
        ShardedLock<Integer> lock = new ShardedLock<>(0);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Void> writer =
                RwLockTest.forkRun(
                        () -> {
                            try (ShardedLock.WriteGuard<Integer> g = lock.write()) {
                                held.countDown();
                                release.await();
                            }
                        });
        held.await();
        assertThat(lock.tryRead(Duration.ofMillis(30))).isNull();
        assertThat(lock.tryRead()).isNull();
        assertThat(lock.rawStates()).containsOnly(WRITER);
        release.countDown();
        writer.get(10, TimeUnit.SECONDS);
        try (ShardedLock.ReadGuard<Integer> g = lock.tryRead(Duration.ofSeconds(5))) {
            assertThat(g).isNotNull();
        }
        assertThat(lock.rawStates()).containsOnly(0L);
    }

    @Test
    void misuse_failsClearlyAndChangesNothing() throws Exception {
        ShardedLock<Integer> lock = new ShardedLock<>(0);
        ShardedLock.WriteGuard<Integer> w = lock.write();
        assertThatThrownBy(lock::write).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lock::tryWrite).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lock::read).isInstanceOf(IllegalStateException.class);
        assertThat(lock.rawStates()).containsOnly(WRITER);
        AtomicReference<Class<?>> foreign = new AtomicReference<>();
        fork(() -> {
                    foreign.set(RwLockTest.catchType(w::close));
                    return null;
                })
                .get(10, TimeUnit.SECONDS);
        assertThat(foreign.get()).isEqualTo(IllegalMonitorStateException.class);
        w.close();
        assertThatThrownBy(w::close).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(w::get).isInstanceOf(IllegalMonitorStateException.class);
        ShardedLock.ReadGuard<Integer> r = lock.read();
        r.close();
        assertThatThrownBy(r::close).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(lock.rawStates()).containsOnly(0L);
        assertThatThrownBy(() -> lock.tryRead(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> lock.tryWrite(null)).isInstanceOf(NullPointerException.class);
        assertThat(lock.toString()).startsWith("ShardedLock[");
    }

    @Test
    void interruptedTimedWrite_releasesTakenShardsAndThrows() throws Exception {
        ShardedLock<Integer> lock = new ShardedLock<>(0);
        // Hold a read on the last shard from a thread of the right index.
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Void> reader =
                RwLockTest.forkRun(
                        () -> {
                            try (ShardedLock.ReadGuard<Integer> g = lock.read()) {
                                held.countDown();
                                release.await();
                            }
                        });
        held.await();
        long[] before = lock.rawStates();
        RwLockTest.AtomicReferenceThread t = new RwLockTest.AtomicReferenceThread();
        FutureTask<Boolean> writer =
                fork(
                        () -> {
                            t.thread = Thread.currentThread();
                            try {
                                lock.tryWrite(Duration.ofSeconds(30));
                                return false;
                            } catch (InterruptedException e) {
                                return !Thread.currentThread().isInterrupted();
                            }
                        });
        RwLockTest.await(() -> t.thread != null);
        RwLockTest.awaitParked(t.thread);
        t.thread.interrupt();
        assertThat(writer.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lock.rawStates()).isEqualTo(before);
        release.countDown();
        reader.get(10, TimeUnit.SECONDS);
        assertThat(lock.rawStates()).containsOnly(0L);
    }
}
