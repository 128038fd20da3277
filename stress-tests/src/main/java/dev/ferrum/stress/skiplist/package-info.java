/**
 * jcstress tests of {@link dev.ferrum.skiplist.SkipMap}: publication through put/get, in-place
 * replacement, and removal races.
 */
package dev.ferrum.stress.skiplist;
