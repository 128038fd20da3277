/**
 * jcstress tests of {@code dev.ferrum.sync}'s locks: mutual exclusion, and the atomicity of
 * upgrades and downgrades. These run in the default suite and must never report a FORBIDDEN
 * outcome.
 */
package dev.ferrum.stress.sync;
