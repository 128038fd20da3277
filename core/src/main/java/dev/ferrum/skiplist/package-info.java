/** A lock-free concurrent ordered map and set, ported from crossbeam-skiplist. */
package dev.ferrum.skiplist;
