package dev.ferrum.channel;

import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Linearizability of trySend, tryRecv, size and closing under Lincheck's model checker, for each
 * flavour: every concurrent history must be explainable by some sequential order of the same calls.
 *
 * <p>Closing is exercised as {@code disconnect()} from either side (the effect of closing the last
 * handle) and as {@code close()} of spare clones (which must have no visible effect). Racing an
 * operation on a handle with the {@code close()} of that same handle is misuse (the operation may
 * run before or after the close) and is not part of the model.
 *
 * <p>The model check takes about a minute per flavour on two busy cores, so it runs only with
 * {@code -Dferrum.lincheck=true} on the Maven command line (surefire hands it to the test JVM).
 */
@EnabledIfSystemProperty(named = "ferrum.lincheck", matches = "true")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ChannelLincheckTest {

    /** The operations under test; the outcome of a call is encoded as a value. */
    abstract static class Model {
        private final Channel<Integer> ch;
        private final Sender<Integer> spareSender;
        private final Receiver<Integer> spareReceiver;

        Model(Channel<Integer> ch) {
            this.ch = ch;
            this.spareSender = ch.sender().clone();
            this.spareReceiver = ch.receiver().clone();
        }

        @Operation
        public String trySend(int v) {
            try {
                return ch.sender().trySend(v) ? "sent" : "full";
            } catch (DisconnectedException e) {
                return "disconnected";
            }
        }

        @Operation
        public Object tryRecv() {
            try {
                Integer m = ch.receiver().tryRecv();
                return m == null ? "empty" : m;
            } catch (DisconnectedException e) {
                return "disconnected";
            }
        }

        @Operation
        public int size() {
            return ch.receiver().size();
        }

        @Operation
        public boolean disconnectFromSender() {
            return ch.sender().disconnect();
        }

        @Operation
        public boolean disconnectFromReceiver() {
            return ch.receiver().disconnect();
        }

        @Operation
        public void closeSpareHandles() {
            spareSender.close();
            spareReceiver.close();
        }
    }

    public static final class Bounded extends Model {
        public Bounded() {
            super(Channel.bounded(2));
        }
    }

    public static final class Unbounded extends Model {
        public Unbounded() {
            super(Channel.unbounded());
        }
    }

    public static final class Rendezvous extends Model {
        public Rendezvous() {
            super(Channel.bounded(0));
        }
    }

    private static void check(Class<?> c) {
        new ModelCheckingOptions()
                .iterations(6)
                .invocationsPerIteration(500)
                .threads(2)
                .actorsPerThread(3)
                .check(c);
    }

    @Test
    void bounded_isLinearizable() {
        check(Bounded.class);
    }

    @Test
    void unbounded_isLinearizable() {
        check(Unbounded.class);
    }

    @Test
    void rendezvous_isLinearizable() {
        check(Rendezvous.class);
    }
}
