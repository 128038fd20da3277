/**
 * Multi-producer multi-consumer channels with disconnection and {@code select}, ported from Rust's
 * crossbeam-channel.
 *
 * <p>{@link dev.ferrum.channel.Channel} creates a channel of one of three flavours and returns its
 * first {@link dev.ferrum.channel.Sender} and {@link dev.ferrum.channel.Receiver}: {@code
 * bounded(n)} (a ring of {@code n} slots), {@code bounded(0)} (a rendezvous: direct hand-off, no
 * buffer) and {@code unbounded()} (linked blocks). Timer channels ({@code after}, {@code at},
 * {@code tick}, {@code never}) deliver instants. {@link dev.ferrum.channel.Select} waits on several
 * operations at once.
 *
 * <p>Handles are counted and closed explicitly. When the last sender closes, receivers drain the
 * buffered messages and then see {@link dev.ferrum.channel.DisconnectedException}; when the last
 * receiver closes, sends fail at once and buffered messages are dropped. Blocking operations park
 * (never {@code synchronized} or {@code Object.wait}), so virtual threads do not pin; interrupts
 * and timeouts follow {@code java.util.concurrent}.
 */
package dev.ferrum.channel;
