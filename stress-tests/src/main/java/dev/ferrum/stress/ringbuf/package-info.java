/**
 * jcstress tests of {@link dev.ferrum.ringbuf.RingBuffer} and {@link
 * dev.ferrum.ringbuf.ByteRingBuffer}: publication of items with their index, the end of the stream
 * racing the last push, and wake-ups of parked ends.
 */
package dev.ferrum.stress.ringbuf;
