package dev.ferrum.deque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StealTest {

    @Test
    void empty_isEmptyOnly_andHasNoValue() {
        Steal<String> s = Steal.empty();
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.isSuccess()).isFalse();
        assertThat(s.isRetry()).isFalse();
        assertThat(s.value()).isNull();
    }

    @Test
    void retry_isRetryOnly_andHasNoValue() {
        Steal<String> s = Steal.retry();
        assertThat(s.isRetry()).isTrue();
        assertThat(s.isEmpty()).isFalse();
        assertThat(s.isSuccess()).isFalse();
        assertThat(s.value()).isNull();
    }

    @Test
    void success_carriesItsValue() {
        Steal<String> s = Steal.success("x");
        assertThat(s.isSuccess()).isTrue();
        assertThat(s.isEmpty()).isFalse();
        assertThat(s.isRetry()).isFalse();
        assertThat(s.value()).isEqualTo("x");
        assertThat(s).isEqualTo(Steal.success("x")).isNotEqualTo(Steal.success("y"));
        assertThat(s.toString()).contains("x");
    }

    @Test
    void success_ofNull_throwsNpeNamingTheArgument() {
        assertThatThrownBy(() -> Steal.success(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
    }

    /** Empty and Retry are shared instances, so returning them allocates nothing. */
    @Test
    void emptyAndRetry_areSharedInstances() {
        assertThat(Steal.<String>empty()).isSameAs(Steal.<Integer>empty());
        assertThat(Steal.<String>retry()).isSameAs(Steal.<Integer>retry());
        assertThat(Steal.empty()).isNotEqualTo(Steal.retry());
    }

    @Test
    void orElse_afterSuccess_doesNotCallTheAlternative() {
        AtomicInteger calls = new AtomicInteger();
        Steal<String> s =
                Steal.success("a")
                        .orElse(
                                () -> {
                                    calls.incrementAndGet();
                                    return Steal.success("b");
                                });
        assertThat(s.value()).isEqualTo("a");
        assertThat(calls).hasValue(0);
    }

    @Test
    void orElse_combinesAsFirstSuccessElseRetryElseEmpty() {
        Steal<String> e = Steal.empty();
        Steal<String> r = Steal.retry();
        Steal<String> ok = Steal.success("b");
        assertThat(e.orElse(() -> ok)).isSameAs(ok);
        assertThat(r.orElse(() -> ok)).isSameAs(ok);
        assertThat(e.orElse(() -> e)).isSameAs(e);
        assertThat(e.orElse(() -> r)).isSameAs(r);
        assertThat(r.orElse(() -> e)).isSameAs(r);
        assertThat(r.orElse(() -> r)).isSameAs(r);
    }

    @Test
    void orElse_rejectsNullSupplierAndNullResult() {
        assertThatThrownBy(() -> Steal.empty().orElse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("next");
        assertThatThrownBy(() -> Steal.<String>empty().orElse(() -> null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void firstOf_returnsFirstSuccess_andStopsConsuming() {
        List<Integer> evaluated = new ArrayList<>();
        Steal<String> s =
                Steal.firstOf(
                        Stream.of(0, 1, 2, 3)
                                .map(
                                        i -> {
                                            evaluated.add(i);
                                            return i == 0
                                                    ? Steal.<String>retry()
                                                    : Steal.success("s" + i);
                                        }));
        assertThat(s.value()).isEqualTo("s1");
        assertThat(evaluated).containsExactly(0, 1);
    }

    @Test
    void firstOf_withoutSuccess_isRetryIfAnyRetried_elseEmpty() {
        assertThat(Steal.firstOf(Stream.<Steal<String>>empty()).isEmpty()).isTrue();
        assertThat(Steal.firstOf(Stream.of(Steal.<String>empty(), Steal.empty())).isEmpty())
                .isTrue();
        assertThat(
                        Steal.firstOf(
                                        Stream.of(
                                                Steal.<String>empty(),
                                                Steal.retry(),
                                                Steal.empty()))
                                .isRetry())
                .isTrue();
    }

    @Test
    void firstOf_rejectsNulls() {
        assertThatThrownBy(() -> Steal.firstOf(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("steals");
        assertThatThrownBy(() -> Steal.firstOf(Stream.of((Steal<String>) null)))
                .isInstanceOf(NullPointerException.class);
    }
}
