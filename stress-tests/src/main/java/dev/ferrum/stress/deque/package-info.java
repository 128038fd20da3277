/** jcstress litmus tests of the work-stealing deque and the injector. */
package dev.ferrum.stress.deque;
