package dev.ferrum.channel;

/**
 * Thrown by an operation on a disconnected channel: a send after every {@link Receiver} closed (or
 * after {@code disconnect()}), or a receive on a channel that is empty and whose every {@link
 * Sender} closed.
 *
 * <p>Disconnection is permanent, so this is not an expected outcome of a single call the way "full"
 * or "empty" are: it tells the caller to stop. A receiver sees it only after it has received every
 * message that was buffered when the last sender closed.
 *
 * <p>A failed send hands its message back through {@link #unsentMessage()}, the same object that
 * was passed in, so the caller keeps ownership of it. The exception carries no stack trace: a loop
 * that runs into a disconnected channel pays for an allocation, not for a stack walk.
 */
public final class DisconnectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: a message is not required to be serializable. */
    private final transient Object unsentMessage;

    /** Creates the exception of a receive on an empty, disconnected channel. */
    public DisconnectedException() {
        this("channel is empty and disconnected", null);
    }

    /**
     * Creates the exception of a send on a disconnected channel.
     *
     * @param unsentMessage the message that was not sent (may be {@code null} when unknown)
     */
    public DisconnectedException(Object unsentMessage) {
        this("channel is disconnected", unsentMessage);
    }

    private DisconnectedException(String message, Object unsentMessage) {
        super(message, null, false, false);
        this.unsentMessage = unsentMessage;
    }

    /**
     * Returns the message a failed send did not deliver, or {@code null} if this exception comes
     * from a receive.
     *
     * @return the caller's own message object, unchanged
     */
    public Object unsentMessage() {
        return unsentMessage;
    }
}
