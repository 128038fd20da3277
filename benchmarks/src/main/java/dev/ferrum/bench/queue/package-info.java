/**
 * Benchmarks of {@code dev.ferrum.queue} against the JDK's and JCTools' MPMC queues, in the
 * comparison runner's format ({@code @Param impl}: {@code ferrum}, {@code jdk}, {@code jctools}).
 */
package dev.ferrum.bench.queue;
