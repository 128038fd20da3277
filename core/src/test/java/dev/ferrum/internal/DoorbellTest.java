package dev.ferrum.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The single-threaded contract of {@link Doorbell}; the race is checked with jcstress. */
class DoorbellTest {

    @Test
    void ring_withNoWaiter_saysNobodyWaits() {
        Doorbell bell = new Doorbell();

        assertThat(bell.ring()).isFalse();
    }

    @Test
    void ring_afterAnnounce_acknowledgesThatEpoch() {
        Doorbell bell = new Doorbell();
        long epoch = bell.announce();
        assertThat(bell.acknowledged(epoch)).isFalse();

        assertThat(bell.ring()).isTrue();

        assertThat(bell.acknowledged(epoch)).isTrue();
    }

    @Test
    void announce_handsOutANewNonZeroEpochEachTime() {
        Doorbell bell = new Doorbell();

        long first = bell.announce();
        long second = bell.announce();

        assertThat(first).isNotZero();
        assertThat(second).isNotEqualTo(first).isNotZero();
    }

    @Test
    void acknowledgementOfAnEarlierWait_doesNotCountForTheNextOne() {
        Doorbell bell = new Doorbell();
        long first = bell.announce();
        bell.ring();
        bell.withdraw();

        long second = bell.announce();

        assertThat(bell.acknowledged(first)).isTrue();
        assertThat(bell.acknowledged(second)).isFalse();
    }

    @Test
    void ring_afterWithdraw_saysNobodyWaits() {
        Doorbell bell = new Doorbell();
        bell.announce();
        bell.withdraw();

        assertThat(bell.ring()).isFalse();
    }
}
