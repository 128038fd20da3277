/**
 * Multi-producer multi-consumer channels with disconnection and {@code select}, ported from
 * crossbeam-channel.
 */
package dev.ferrum.channel;
