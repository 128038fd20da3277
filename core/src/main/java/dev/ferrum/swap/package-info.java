/** An atomic reference for read-mostly data with safe release of replaced values (arc-swap). */
package dev.ferrum.swap;
