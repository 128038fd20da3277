/**
 * An atomic reference for read-mostly data with safe release of replaced values, ported from Rust's
 * arc-swap.
 *
 * <p>{@link dev.ferrum.swap.ArcSwap} holds a value that many threads read and few replace
 * wholesale. A plain swap is an {@link java.util.concurrent.atomic.AtomicReference} with arc-swap's
 * API ({@code load}, {@code store}, {@code swap}, identity {@code compareAndSwap}, {@code rcu},
 * {@code map}). A releasing swap also owns its values: each replaced value is released (its release
 * action runs, or it is closed) exactly once, after the last {@link dev.ferrum.swap.Guard} that
 * pinned it has been closed. The nullable variant (Rust's {@code ArcSwapOption}) is made by {@code
 * ArcSwap.ofNullable} and {@code ArcSwap.empty}.
 *
 * <p>Nothing in this package blocks: reads are wait-free or lock-free, and a release runs in the
 * thread that finishes last with the value.
 */
package dev.ferrum.swap;
