package dev.ferrum.stress.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ferrum.internal.WaitQueue;
import dev.ferrum.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Deliberately broken: a publisher that publishes with a release store and then looks at the wait
 * queue, with no doorbell, can miss a waiter whose re-check also misses the publication (the
 * store-buffer reordering that x86 allows between a store and a later load). This is what {@code
 * dev.ferrum.stress.internal.DoorbellTest} guards against, where the same waiter may only park with
 * no limit after an acknowledgement. jcstress must report this test as failed.
 *
 * <p>Results: r1 the value the waiter's re-read found, r2 is 1 if the publisher found the waiter.
 */
@JCStressTest
@Outcome(
        id = {"1, 0", "1, 1"},
        expect = ACCEPTABLE,
        desc = "The waiter saw the value and does not park.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The waiter parks; the publisher found it.")
@Outcome(
        id = "0, 0",
        expect = FORBIDDEN,
        desc =
                "Lost wake-up, the expected failure: each side missed the other, and the waiter"
                        + " parks for good.")
@State
public class ReleasePublicationWithoutDoorbellTest {

    private final WaitQueue queue = new WaitQueue();
    private int value;

    /** The bug: a release store, then a look at the queue, with nothing in between. */
    @Actor
    public void publisher(II_Result r) {
        VALUE.setRelease(this, 1);
        r.r2 = queue.trySelectOne() != null ? 1 : 0;
    }

    /** The correct waiter side of the plain protocol: register, then re-read. */
    @Actor
    public void waiter(II_Result r) {
        queue.register(new Waiter(), Waiter.FIRST_TOKEN);
        r.r1 = (int) VALUE.getVolatile(this);
    }

    private static final VarHandle VALUE;

    static {
        try {
            VALUE =
                    MethodHandles.lookup()
                            .findVarHandle(
                                    ReleasePublicationWithoutDoorbellTest.class,
                                    "value",
                                    int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
