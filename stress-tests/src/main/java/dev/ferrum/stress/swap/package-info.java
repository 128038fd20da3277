/** jcstress tests of {@link dev.ferrum.swap.ArcSwap}: publication and guard/retire races. */
package dev.ferrum.stress.swap;
