package dev.ferrum.sync;

/**
 * The waking side of a {@link Parker}: makes its token available. Obtained from {@link
 * Parker#unparker()}; safe to share among any number of threads.
 *
 * <p>Memory consistency effects: actions in a thread before {@link #unpark()} happen-before the
 * actions after the park that consumes the token it made available.
 */
public final class Unparker {

    private final Parker parker;

    Unparker(Parker parker) {
        this.parker = parker;
    }

    /**
     * Makes the parker's token available, waking the thread parked on it if there is one. If the
     * token is already available this does nothing more: tokens do not accumulate. Never blocks.
     */
    public void unpark() {
        parker.unpark();
    }

    @Override
    public String toString() {
        return "Unparker[" + parker + "]";
    }
}
