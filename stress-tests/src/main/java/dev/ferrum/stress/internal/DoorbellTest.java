package dev.ferrum.stress.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.internal.Doorbell;
import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The doorbell protocol of {@link Doorbell}, as the ring buffer runs it: a publisher that publishes
 * with a release store and rings, and a waiter that announces, registers, reads the acknowledgement
 * and re-reads the published value. A waiter that saw the acknowledgement parks with no time limit
 * of its own, so it must then either see the publication or have been seen in the queue by the
 * publisher.
 *
 * <p>Results: r1 is 1 if the waiter saw the acknowledgement, r2 the value the waiter's re-read
 * found (0 or 1), r3 is 1 if the publisher found the waiter registered, 0 if it looked and found
 * nobody, -1 if the bell told it nobody waits.
 */
@JCStressTest
@Outcome(
        id = {"0, 0, -1", "0, 1, -1", "0, 0, 0", "0, 1, 0", "0, 0, 1", "0, 1, 1"},
        expect = ACCEPTABLE,
        desc =
                "No acknowledgement: the waiter parks for a bounded probe at most and looks again"
                        + " (or saw the value and does not park).")
@Outcome(
        id = {"1, 1, 0", "1, 1, 1"},
        expect = ACCEPTABLE,
        desc = "Acknowledged and the value seen: the waiter does not park.")
@Outcome(
        id = "1, 0, 1",
        expect = ACCEPTABLE,
        desc = "Acknowledged, value not seen: the waiter parks, and the publisher found it.")
@Outcome(
        id = "1, 0, 0",
        expect = FORBIDDEN,
        desc =
                "Lost wake-up: the waiter would park with no limit, having missed the value,"
                        + " and the publisher missed the registration.")
@State
public class DoorbellTest {

    private final Doorbell bell = new Doorbell();
    private final WaitQueue queue = new WaitQueue();
    private int value;

    /** The publisher: a release store of the value, then the bell, then a look at the queue. */
    @Actor
    public void publisher(III_Result r) {
        VALUE.setRelease(this, 1);
        if (bell.ring()) {
            // trySelectOne, not notifyOne: the waiter is a jcstress worker, not parked here.
            r.r3 = queue.trySelectOne() != null ? 1 : 0;
        } else {
            r.r3 = -1;
        }
    }

    /** The waiter: announce, register, read the acknowledgement, then re-read the value. */
    @Actor
    public void waiter(III_Result r) {
        long epoch = bell.announce();
        queue.register(new Waiter(), Waiter.FIRST_TOKEN);
        r.r1 = bell.acknowledged(epoch) ? 1 : 0;
        r.r2 = (int) VALUE.getVolatile(this);
    }

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(DoorbellTest.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
