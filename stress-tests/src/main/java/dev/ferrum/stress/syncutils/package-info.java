/**
 * jcstress tests of the crossbeam-utils ports in {@code dev.ferrum.sync}: {@code WaitGroup} and
 * {@code Parker} never lose a wake-up, and a participant's work is visible once it is done. These
 * run in the default suite and must never report a FORBIDDEN outcome.
 */
package dev.ferrum.stress.syncutils;
