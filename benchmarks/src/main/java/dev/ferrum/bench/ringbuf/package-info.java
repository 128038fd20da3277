/**
 * JMH benchmarks of the single-producer single-consumer ring against JCTools, Agrona and {@code
 * ArrayBlockingQueue}, and of its byte pipe against {@code PipedInputStream}/{@code
 * PipedOutputStream}.
 */
package dev.ferrum.bench.ringbuf;
