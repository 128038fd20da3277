/**
 * jcstress tests of {@code dev.ferrum.queue}: element publication and the race between {@code push}
 * and {@code forcePush} on the last free slot. These run in the default suite and must never report
 * a FORBIDDEN outcome.
 */
package dev.ferrum.stress.queue;
