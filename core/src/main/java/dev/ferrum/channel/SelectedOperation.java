package dev.ferrum.channel;

import java.util.Objects;

/**
 * An operation that a {@link Select} has selected and committed to, which the caller must complete
 * exactly once, with the handle that was registered for it: {@link #recv(Receiver)} for a receive,
 * {@link #send(Sender, Object)} for a send.
 *
 * <p>Completing never waits, except for a send on a bounded buffered channel whose room was taken
 * by another sender since the selection (it then waits for room, see {@link Select}), and a
 * rendezvous receive paired with a sender that is itself completing a selection (it waits for that
 * sender's message).
 *
 * <p>A {@code Select} returns the same {@code SelectedOperation} object from each of its
 * selections, reset for the new one (so that a selection allocates nothing): it stands for the
 * latest selection only, and must be completed before the next selection on the same {@code Select}
 * starts, which otherwise throws {@link IllegalStateException} (crossbeam panics when a selected
 * operation is dropped unfinished: a selected receive has already taken its message, and a
 * rendezvous counterpart may be waiting for the completion).
 *
 * <p><b>Memory consistency effects</b> are those of {@link Sender#send(Object)} and {@link
 * Receiver#recv()}.
 */
public final class SelectedOperation {

    private final Select select;
    final Chan.Slot slot = new Chan.Slot();
    int index = -1;
    private boolean completed;

    SelectedOperation(Select select) {
        this.select = select;
    }

    /**
     * Prepares this object for a new selection.
     *
     * @throws IllegalStateException if the previous selection was not completed
     */
    void reset() {
        if (index >= 0 && !completed) {
            throw new IllegalStateException(
                    "the previous selected operation (index "
                            + index
                            + ") was not completed: complete it before selecting again");
        }
        index = -1;
        completed = false;
        slot.clear();
    }

    /** Returns the index that {@link Select#recv} or {@link Select#send} gave the operation. */
    public int index() {
        return index;
    }

    /**
     * Completes a selected receive.
     *
     * @return the message
     * @throws NullPointerException if {@code receiver} is null
     * @throws IllegalArgumentException if the selected operation is not a receive on this very
     *     handle (the operation stays uncompleted)
     * @throws IllegalStateException if the operation was already completed, or the last selection
     *     of its {@code Select} found nothing
     * @throws DisconnectedException if the operation was selected because the channel is empty and
     *     disconnected
     */
    public <T> T recv(Receiver<T> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        Select.Op op = check(receiver, false);
        completed = true;
        @SuppressWarnings("unchecked")
        Chan<T> chan = (Chan<T>) op.chan;
        return chan.completeRecv(slot);
    }

    /**
     * Completes a selected send.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the selected operation is not a send on this very handle
     *     (the operation stays uncompleted)
     * @throws IllegalStateException if the operation was already completed, or the last selection
     *     of its {@code Select} found nothing
     * @throws DisconnectedException if the operation was selected because the channel is
     *     disconnected, or it became disconnected while a bounded send waited for room; {@link
     *     DisconnectedException#unsentMessage()} returns {@code msg}
     */
    public <T> void send(Sender<T> sender, T msg) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(msg, "msg");
        Select.Op op = check(sender, true);
        completed = true;
        @SuppressWarnings("unchecked")
        Chan<T> chan = (Chan<T>) op.chan;
        chan.completeSend(slot, msg);
    }

    private Select.Op check(Object handle, boolean send) {
        if (completed) {
            throw new IllegalStateException("selected operation already completed: index=" + index);
        }
        if (index < 0) {
            // Reset by a later selection of the same Select that found nothing.
            throw new IllegalStateException(
                    "no operation is selected: the last selection was null");
        }
        Select.Op op = select.op(index);
        if (op.send != send) {
            throw new IllegalArgumentException(
                    "selected operation " + index + " is a " + (op.send ? "send" : "receive"));
        }
        if (op.handle != handle) {
            throw new IllegalArgumentException(
                    "selected operation " + index + " was registered with another handle");
        }
        return op;
    }

    @Override
    public String toString() {
        return "SelectedOperation[index=" + index + (completed ? ", completed]" : "]");
    }
}
