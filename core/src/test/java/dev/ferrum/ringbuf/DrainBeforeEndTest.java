package dev.ferrum.ringbuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The end of the stream is reported only after every item pushed before the producer's close has
 * been delivered, including when the consumer was blocked on an empty ring as the last items and
 * the close arrived together.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DrainBeforeEndTest {

    /** Rounds of the race variant; 10^5 (the full size) with -Dferrum.stress.scale=20. */
    private static final int ROUNDS = 5_000 * Integer.getInteger("ferrum.stress.scale", 1);

    @Test
    void closedProducer_isDrainedBeforeEnd() throws Exception {
        RingBuffer<Character> ring = RingBuffer.create(3);
        ring.producer().pushSlice(new Character[] {'e', 'n', 'd'}, 0, 3);
        ring.producer().close();
        Consumer<Character> c = ring.consumer();
        assertThat(c.occupiedLen()).isEqualTo(3);
        assertThat(c.pop(Duration.ZERO)).isEqualTo('e');
        assertThat(c.pop()).isEqualTo('n');
        assertThat(c.isFinished()).isFalse();
        assertThat(c.tryPop()).isEqualTo('d');
        assertThat(c.isFinished()).isTrue();
        assertThat(c.pop()).isNull();
    }

    @Test
    void closedBytePipe_isDrainedBeforeEnd() throws Exception {
        ByteRingBuffer ring = ByteRingBuffer.create(3);
        ring.producer().pushSlice("end".getBytes(StandardCharsets.US_ASCII), 0, 3);
        ring.producer().close();
        byte[] buf = new byte[3];
        assertThat(ring.consumer().pop(buf, 0, 3)).isEqualTo(3);
        assertThat(new String(buf, StandardCharsets.US_ASCII)).isEqualTo("end");
        assertThat(ring.consumer().pop(buf, 0, 3)).isEqualTo(-1);
    }

    /**
     * A consumer blocked in pop while the producer pushes a slice and closes gets the whole slice
     * before the end, every round.
     */
    @Test
    void blockedConsumer_racingPushSliceAndClose_getsAllItemsBeforeEnd() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            RingBuffer<Character> ring = RingBuffer.create(3);
            var consumer =
                    Threads.start(
                            "consumer",
                            () -> {
                                StringBuilder sb = new StringBuilder();
                                Character ch;
                                while ((ch = ring.consumer().pop()) != null) {
                                    sb.append(ch);
                                }
                                return sb.toString();
                            });
            if ((round & 1) == 0) {
                Thread.onSpinWait(); // vary the timing a little: sometimes it has not started
            }
            ring.producer().pushSlice(new Character[] {'e', 'n', 'd'}, 0, 3);
            ring.producer().close();
            assertThat(consumer.result().get(5, TimeUnit.SECONDS))
                    .as("round %d", round)
                    .isEqualTo("end");
        }
    }

    /** The same race through the pipe: a blocked read(buf[3]) returns 3, then -1. */
    @Test
    void blockedRead_racingWriteAndClose_returnsAllBytesThenEnd() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ByteRingBuffer ring = ByteRingBuffer.create(3);
            var reader =
                    Threads.start(
                            "reader",
                            () -> {
                                var in = ring.consumer().inputStream();
                                byte[] buf = new byte[3];
                                int got = 0;
                                int n;
                                while ((n = in.read(buf, got, 3 - got)) > 0) {
                                    got += n;
                                    if (got == 3) {
                                        break;
                                    }
                                }
                                return got + ":" + new String(buf, 0, got) + ":" + in.read(buf);
                            });
            var out = ring.producer().outputStream();
            out.write("end".getBytes(StandardCharsets.US_ASCII));
            out.close();
            assertThat(reader.result().get(5, TimeUnit.SECONDS))
                    .as("round %d", round)
                    .isEqualTo("3:end:-1");
        }
    }
}
