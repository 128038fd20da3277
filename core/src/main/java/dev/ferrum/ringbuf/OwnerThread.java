package dev.ferrum.ringbuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The owner of one side of a ring, for the owner-only checks that run with assertions enabled: the
 * first thread that calls an owner-only method becomes the owner, and any other thread that calls
 * one afterwards fails with an {@link AssertionError}. Used only inside {@code assert} statements,
 * so it costs nothing when assertions are disabled.
 */
final class OwnerThread {

    private final String role;

    /** Null until the first owner-only call; set once by compareAndExchange. */
    private volatile Thread owner;

    OwnerThread(String role) {
        this.role = role;
    }

    /** Claims ownership for the current thread if unclaimed; returns whether it is the owner. */
    boolean isCurrent() {
        Thread self = Thread.currentThread();
        // Acquire: pairs with the claiming CAS of another thread.
        Thread o = (Thread) OWNER.getAcquire(this);
        if (o == null) {
            // Volatile CAS: exactly one thread becomes the owner.
            o = (Thread) OWNER.compareAndExchange(this, null, self);
            if (o == null) {
                return true;
            }
        }
        return o == self;
    }

    /** The assertion message for a call from the wrong thread. */
    String misuse() {
        return role
                + " is owned by thread "
                + ((Thread) OWNER.getAcquire(this)).getName()
                + " but was called from "
                + Thread.currentThread().getName()
                + "; only one thread may use each side of a ring";
    }

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(OwnerThread.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
