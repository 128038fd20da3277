/**
 * jcstress tests of {@code dev.ferrum.channel}: the ordering claims of a send and a receive, the
 * wake-ups that disconnection, hand-off and select depend on, and the races between closing and
 * sending. These run in the default suite and must never report a FORBIDDEN outcome.
 */
package dev.ferrum.stress.channel;
