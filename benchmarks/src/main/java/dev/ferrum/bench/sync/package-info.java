/**
 * Benchmarks of {@code dev.ferrum.sync}'s locks against the JDK's: uncontended acquire and release,
 * read/write mixes, and {@code ShardedLock}'s read scaling. Each takes part in the comparison
 * runner through its {@code impl} parameter.
 */
package dev.ferrum.bench.sync;
