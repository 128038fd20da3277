/** Lock-free multi-producer multi-consumer queues, ported from crossbeam-queue. */
package dev.ferrum.queue;
