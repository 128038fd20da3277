package dev.ferrum.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Backoff follows crossbeam-utils: 2^6 spins at most, completed after ten snoozes. */
class BackoffTest {

    @Test
    void newBackoff_isNotCompleted() {
        assertThat(new Backoff().isCompleted()).isFalse();
    }

    @Test
    void snooze_completesAfterElevenCalls() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 11; i++) {
            assertThat(backoff.isCompleted()).as("after %d snoozes", i).isFalse();
            backoff.snooze();
        }
        assertThat(backoff.isCompleted()).isTrue();
    }

    @Test
    void snooze_staysCompletedOnceCompleted() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 100; i++) {
            backoff.snooze();
        }
        assertThat(backoff.isCompleted()).isTrue();
    }

    @Test
    void spin_neverCompletes() {
        // spin() is for retrying after contention: it never tells the caller to block.
        Backoff backoff = new Backoff();
        for (int i = 0; i < 1_000; i++) {
            backoff.spin();
        }
        assertThat(backoff.isCompleted()).isFalse();
    }

    @Test
    void spinThenSnooze_countsStepsTogether() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 7; i++) {
            backoff.spin(); // steps 0..6, then spin stops counting
        }
        for (int i = 0; i < 4; i++) {
            assertThat(backoff.isCompleted()).isFalse();
            backoff.snooze(); // steps 7..10
        }
        assertThat(backoff.isCompleted()).isTrue();
    }

    @Test
    void reset_returnsToFirstStep() {
        Backoff backoff = new Backoff();
        for (int i = 0; i < 20; i++) {
            backoff.snooze();
        }
        backoff.reset();
        assertThat(backoff.isCompleted()).isFalse();
        assertThat(backoff).hasToString("Backoff[step=0]");
    }

    @Test
    void spin_afterCompletion_leavesItCompleted() {
        // crossbeam only ever moves the step forward: a spin cannot undo completion.
        Backoff backoff = new Backoff();
        while (!backoff.isCompleted()) {
            backoff.snooze();
        }
        backoff.spin();
        assertThat(backoff.isCompleted()).isTrue();
    }
}
