/**
 * jcstress tests of {@code dev.ferrum.internal}: the waiting mechanism that every blocking Ferrum
 * operation shares. These run in the default suite and must never report a FORBIDDEN outcome.
 */
package dev.ferrum.stress.internal;
