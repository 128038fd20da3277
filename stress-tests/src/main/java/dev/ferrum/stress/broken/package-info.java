/**
 * Deliberately broken variants of the real tests, each planting the bug its real test guards
 * against. They show that the real tests can fail: run alone (jcstress {@code -t broken}), each
 * must be reported as FAILED. The default test filter of the build excludes this package.
 */
package dev.ferrum.stress.broken;
