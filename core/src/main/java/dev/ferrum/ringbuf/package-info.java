/** A lock-free single-producer single-consumer ring buffer and byte pipe (ringbuf). */
package dev.ferrum.ringbuf;
