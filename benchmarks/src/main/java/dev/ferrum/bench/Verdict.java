package dev.ferrum.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * How Ferrum's implementation compares with the best peer in one case.
 *
 * <p>All three ratios are speed ratios, greater than one when Ferrum is faster whatever the
 * benchmark mode: for time per operation, the peer's time divided by Ferrum's; for throughput,
 * Ferrum's throughput divided by the peer's.
 *
 * @param speedup the ratio of the medians
 * @param low the least favourable ratio of any two forks: Ferrum's worst fork against the peer's
 *     best
 * @param high the most favourable ratio of any two forks: Ferrum's best fork against the peer's
 *     worst
 * @param bestPeer the {@value Compare#IMPL_PARAM} value of the peer compared against
 */
record Verdict(double speedup, double low, double high, String bestPeer) {

    /** Ratios within this distance of 1 are reported as "on par". */
    private static final double PARITY = 0.005;

    /**
     * Compares {@code ferrum} with {@code peer}. Empty if any fork score is zero, negative or
     * infinite, since a ratio would then mean nothing.
     */
    static Optional<Verdict> of(BenchScore ferrum, BenchScore peer) {
        double[] scores = {
            ferrum.median(), ferrum.min(), ferrum.max(), peer.median(), peer.min(), peer.max()
        };
        for (double s : scores) {
            if (!(s > 0) || Double.isInfinite(s)) {
                return Optional.empty();
            }
        }
        String name = peer.impl() == null ? peer.benchmark() : peer.impl();
        if (ferrum.higherIsBetter()) {
            return Optional.of(
                    new Verdict(
                            ferrum.median() / peer.median(),
                            ferrum.min() / peer.max(),
                            ferrum.max() / peer.min(),
                            name));
        }
        return Optional.of(
                new Verdict(
                        peer.median() / ferrum.median(),
                        peer.min() / ferrum.max(),
                        peer.max() / ferrum.min(),
                        name));
    }

    /** Whether the fork ranges of Ferrum and the peer overlap, so the difference may be noise. */
    boolean withinSpread() {
        return low <= 1.0 && 1.0 <= high;
    }

    /** Whether Ferrum's median is better than the peer's by more than rounding. */
    boolean ferrumFaster() {
        return speedup >= 1.0 + PARITY;
    }

    /** Whether Ferrum's median is worse than the peer's by more than rounding. */
    boolean ferrumSlower() {
        return speedup <= 1.0 - PARITY;
    }

    /**
     * The comparison without the peer's name: {@code 1.80× faster}, {@code 2.50× slower} (the peer
     * is 2.5 times as fast), or {@code on par}.
     */
    String shortText() {
        if (ferrumFaster()) {
            return String.format(Locale.ROOT, "%.2f× faster", speedup);
        }
        if (ferrumSlower()) {
            return String.format(Locale.ROOT, "%.2f× slower", 1.0 / speedup);
        }
        return "on par";
    }

    /**
     * The comparison without the spread note, for example {@code 1.80× faster than spin} or {@code
     * on par with park}.
     */
    String comparison() {
        return ferrumFaster() || ferrumSlower()
                ? shortText() + " than " + bestPeer
                : "on par with " + bestPeer;
    }

    /**
     * The full comparison, for example {@code 1.80× faster than spin} or {@code 2.50× slower than
     * park (within spread)}.
     */
    String text() {
        return withinSpread() ? comparison() + " (within spread)" : comparison();
    }
}
