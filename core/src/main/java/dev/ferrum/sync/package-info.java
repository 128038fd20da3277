/**
 * Synchronisation utilities ported from crossbeam-utils and parking_lot.
 *
 * <p>Every blocking operation in this package parks with {@link
 * java.util.concurrent.locks.LockSupport}, never with {@code synchronized}, {@code Object.wait} or
 * {@code Thread.sleep}, so virtual threads never pin a carrier.
 */
package dev.ferrum.sync;
