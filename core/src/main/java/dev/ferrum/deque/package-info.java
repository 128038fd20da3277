/** Chase-Lev work-stealing deques: Worker, Stealer and Injector, ported from crossbeam-deque. */
package dev.ferrum.deque;
