package dev.ferrum.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specification of every {@link ArcSwap} method, run against both kinds of swap (plain and
 * releasing) where the contract is the same.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArcSwapTest {

    /** A value with equals by content, so identity and equality can be told apart. */
    record Box(String name) {}

    static Stream<Arguments> kinds() {
        Function<Box, ArcSwap<Box>> plain = ArcSwap::of;
        Function<Box, ArcSwap<Box>> releasing = b -> ArcSwap.of(b, x -> {});
        return Stream.of(Arguments.of("plain", plain), Arguments.of("releasing", releasing));
    }

    /**
     * The two nullable kinds, made from an initial value and a release action; the plain kind has
     * no release action and ignores it.
     */
    static Stream<Arguments> nullableKinds() {
        BiFunction<String, Consumer<String>, ArcSwap<String>> plain =
                (initial, release) -> ArcSwap.ofNullable(initial);
        BiFunction<String, Consumer<String>, ArcSwap<String>> releasing = ArcSwap::ofNullable;
        return Stream.of(Arguments.of("plain", plain), Arguments.of("releasing", releasing));
    }

    // ---- load / store / swap -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void load_returnsInitialThenStoredValue(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box b = new Box("b");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.load()).isSameAs(a);
        s.store(b);
        assertThat(s.load()).isSameAs(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void swap_returnsPreviousValueAndInstallsNew(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box b = new Box("b");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.swap(b)).isSameAs(a);
        assertThat(s.load()).isSameAs(b);
        assertThat(s.swap(b)).isSameAs(b);
        assertThat(s.load()).isSameAs(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nonNullable_rejectsNullEverywhere(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        ArcSwap<Box> s = make.apply(a);
        assertThatThrownBy(() -> s.store(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("newValue");
        assertThatThrownBy(() -> s.swap(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.compareAndSwap(null, a))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("expected");
        assertThatThrownBy(() -> s.compareAndSwap(a, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("newValue");
        assertThatThrownBy(() -> s.rcu(x -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned by f");
        assertThatThrownBy(() -> s.rcu(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> s.map(null)).isInstanceOf(NullPointerException.class);
        assertThat(s.load()).isSameAs(a);
    }

    @Test
    void factories_rejectNullArguments() {
        assertThatThrownBy(() -> ArcSwap.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initial");
        assertThatThrownBy(() -> ArcSwap.of("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("release");
        assertThatThrownBy(() -> ArcSwap.of(null, x -> {}))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("initial");
        assertThatThrownBy(() -> ArcSwap.ofCloseable(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArcSwap.ofNullable("x", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("release");
    }

    @Test
    void kindQueries_reportHowTheSwapWasMade() {
        assertThat(ArcSwap.of("x").isReleasing()).isFalse();
        assertThat(ArcSwap.of("x").isNullable()).isFalse();
        assertThat(ArcSwap.of("x", v -> {}).isReleasing()).isTrue();
        assertThat(ArcSwap.empty().isNullable()).isTrue();
        assertThat(ArcSwap.ofNullable("x", v -> {}).isNullable()).isTrue();
    }

    // ---- compareAndSwap ----------------------------------------------------------------------

    /** compareAndSwap compares by identity: an equal but distinct expected value fails. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compareAndSwap_comparesByIdentityNotEquals(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box equalToA = new Box("a");
        Box c = new Box("c");
        ArcSwap<Box> s = make.apply(a);
        assertThat(equalToA).isEqualTo(a).isNotSameAs(a);

        Box witness = s.compareAndSwap(equalToA, c);
        assertThat(witness).isSameAs(a).isNotSameAs(equalToA); // failure: result != expected
        assertThat(s.load()).isSameAs(a);

        witness = s.compareAndSwap(a, c);
        assertThat(witness).isSameAs(a); // success: result == expected
        assertThat(s.load()).isSameAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compareAndSwap_onMismatch_returnsCurrentAndChangesNothing(
            String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box b = new Box("b");
        Box c = new Box("c");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.compareAndSwap(b, c)).isSameAs(a);
        assertThat(s.load()).isSameAs(a);
    }

    /**
     * ABA is not detected: after a -> b -> a (the same instance), a compareAndSwap expecting a
     * succeeds, as with AtomicReference. Shown on a plain swap: a releasing swap forbids storing a
     * replaced value again.
     */
    @Test
    void compareAndSwap_afterAbaChange_succeeds() {
        Box a = new Box("a");
        Box b = new Box("b");
        Box c = new Box("c");
        ArcSwap<Box> s = ArcSwap.of(a);
        Box seen = s.load();
        s.store(b);
        s.store(a);
        assertThat(s.compareAndSwap(seen, c)).isSameAs(a);
        assertThat(s.load()).isSameAs(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void compareAndSwap_ofCurrentWithItself_succeedsWithoutChange(
            String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.compareAndSwap(a, a)).isSameAs(a);
        assertThat(s.load()).isSameAs(a);
    }

    // ---- rcu ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rcu_appliesFunctionAndReturnsPreviousValue(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        ArcSwap<Box> s = make.apply(a);
        Box prev = s.rcu(x -> new Box(x.name() + "+"));
        assertThat(prev).isSameAs(a);
        assertThat(s.load()).isEqualTo(new Box("a+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rcu_whenFunctionReturnsItsArgument_changesNothing(
            String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.rcu(x -> x)).isSameAs(a);
        assertThat(s.load()).isSameAs(a);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rcu_whenFunctionThrows_propagatesAndChangesNothing(
            String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        ArcSwap<Box> s = make.apply(a);
        assertThatThrownBy(
                        () ->
                                s.rcu(
                                        x -> {
                                            throw new ArithmeticException("boom");
                                        }))
                .isInstanceOf(ArithmeticException.class);
        assertThat(s.load()).isSameAs(a);
        if (s.isReleasing()) {
            assertThat(s.currentSlot().pins()).as("guard closed after a throwing f").isZero();
        }
    }

    /** A write that lands while f runs makes rcu run f again on the new value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void rcu_whenRacedByStore_retriesOnTheNewValue(String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box b = new Box("b");
        ArcSwap<Box> s = make.apply(a);
        List<Box> seen = new ArrayList<>();
        Box prev =
                s.rcu(
                        x -> {
                            seen.add(x);
                            if (seen.size() == 1) {
                                s.store(b); // interferes once
                            }
                            return new Box(x.name() + "+");
                        });
        assertThat(seen).containsExactly(a, b);
        assertThat(prev).isSameAs(b);
        assertThat(s.load()).isEqualTo(new Box("b+"));
    }

    // ---- map ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void map_projectsTheCurrentValueOnEveryRead(String kind, Function<Box, ArcSwap<Box>> make) {
        ArcSwap<Box> s = make.apply(new Box("ab"));
        ArcSwap.View<String> name = s.map(Box::name);
        ArcSwap.View<Integer> length = name.map(String::length);
        assertThat(name.load()).isEqualTo("ab");
        assertThat(length.get()).isEqualTo(2);
        s.store(new Box("xyz"));
        assertThat(name.load()).isEqualTo("xyz");
        assertThat(length.load()).isEqualTo(3);
        try (Guard<Integer> g = length.guard()) {
            assertThat(g.get()).isEqualTo(3);
        }
    }

    /** A view, like its swap, rejects a null function when the view is made, not when read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void viewMap_withNullFunction_throwsNpe(String kind, Function<Box, ArcSwap<Box>> make) {
        ArcSwap.View<String> name = make.apply(new Box("a")).map(Box::name);
        assertThatThrownBy(() -> name.map(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("g");
    }

    // ---- nullable variant --------------------------------------------------------------------

    /**
     * A nullable swap takes {@code null} wherever a value goes: load and guards return it,
     * compareAndSwap accepts it as the expected and as the new value, rcu passes it to f, installs
     * it when f returns it, and returns it as the previous value. A releasing one never passes
     * {@code null} to its release action, not even when the last guard on a replaced {@code null}
     * closes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nullableKinds")
    void nullable_acceptsNullInEveryMethod(
            String kind, BiFunction<String, Consumer<String>, ArcSwap<String>> make) {
        List<String> released = new ArrayList<>();
        ArcSwap<String> s = make.apply(null, released::add);
        assertThat(s.isNullable()).isTrue();
        assertThat(s.load()).isNull();
        try (Guard<String> g = s.guard()) {
            assertThat(g.get()).isNull();
        }
        assertThat(s.swap("a")).isNull();

        assertThat(s.compareAndSwap("a", null)).isEqualTo("a"); // success: null installed
        assertThat(s.load()).isNull();
        assertThat(s.compareAndSwap("x", "y")).isNull(); // failure: the witness is null
        assertThat(s.compareAndSwap(null, "b")).isNull(); // success: null was expected
        assertThat(s.compareAndSwap(null, "c")).isEqualTo("b"); // failure: b is current
        assertThat(s.load()).isEqualTo("b");

        assertThat(s.rcu(x -> null)).isEqualTo("b"); // f returns null: installed
        assertThat(s.load()).isNull();
        assertThat(s.rcu(x -> x)).isNull(); // f returns its null argument: nothing changes
        assertThat(s.map(x -> x == null ? "none" : x).load()).isEqualTo("none");
        try (Guard<String> g = s.guard()) {
            assertThat(g.get()).isNull();
            // Replaces the null that g pins: g's close then finds a retired, unpinned null,
            // which must not reach the release action.
            assertThat(s.rcu(x -> x == null ? "d" : x + "+")).isNull();
            assertThat(g.get()).isNull();
        }
        assertThat(s.load()).isEqualTo("d");
        s.store(null);
        s.close();

        if (s.isReleasing()) {
            assertThat(released).containsExactly("a", "b", "d");
        } else {
            assertThat(released).isEmpty();
        }
    }

    @Test
    void empty_isAPlainNullableSwapHoldingNull() {
        ArcSwap<String> s = ArcSwap.empty();
        assertThat(s.isNullable()).isTrue();
        assertThat(s.isReleasing()).isFalse();
        assertThat(s.load()).isNull();
    }

    @Test
    void nullableReleasing_neverReleasesNull() {
        List<String> released = new ArrayList<>();
        ArcSwap<String> s = ArcSwap.ofNullable(null, released::add);
        s.store("a");
        s.store(null);
        s.store("b");
        s.close();
        assertThat(released).containsExactly("a", "b");
    }

    // ---- close -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void afterClose_writesAndGuardThrowIseButLoadReturnsLastValue(
            String kind, Function<Box, ArcSwap<Box>> make) {
        Box a = new Box("a");
        Box b = new Box("b");
        ArcSwap<Box> s = make.apply(a);
        assertThat(s.isClosed()).isFalse();
        s.close();
        s.close(); // idempotent
        assertThat(s.isClosed()).isTrue();
        assertThat(s.load()).isSameAs(a);
        assertThatThrownBy(() -> s.store(b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ArcSwap is closed");
        assertThatThrownBy(() -> s.swap(b)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.compareAndSwap(a, b)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.rcu(x -> b)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(s::guard).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.map(Box::name).guard())
                .isInstanceOf(IllegalStateException.class);
        assertThat(s.load()).isSameAs(a);
    }

    @Test
    void toString_showsValue() {
        assertThat(ArcSwap.of("v").toString()).isEqualTo("ArcSwap[v]");
        assertThat(ArcSwap.of("v", x -> {}).toString()).isEqualTo("ArcSwap[v]");
    }

    // ---- AutoCloseable values ----------------------------------------------------------------

    static final class Resource implements AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final java.io.IOException failure;

        Resource(java.io.IOException failure) {
            this.failure = failure;
        }

        @Override
        public void close() throws java.io.IOException {
            closes.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Test
    void ofCloseable_closesReplacedValueOnceAndCurrentOnClose() {
        Resource r1 = new Resource(null);
        Resource r2 = new Resource(null);
        ArcSwap<Resource> s = ArcSwap.ofCloseable(r1);
        s.store(r2);
        assertThat(r1.closes).hasValue(1);
        assertThat(r2.closes).hasValue(0);
        s.close();
        s.close();
        assertThat(r1.closes).hasValue(1);
        assertThat(r2.closes).hasValue(1);
    }

    @Test
    void ofCloseable_checkedFailureIsWrappedAndValueStillCountsAsReleased() {
        java.io.IOException failure = new java.io.IOException("disk");
        Resource r1 = new Resource(failure);
        Resource r2 = new Resource(null);
        ArcSwap<Resource> s = ArcSwap.ofCloseable(r1);
        assertThatThrownBy(() -> s.store(r2))
                .isInstanceOf(RuntimeException.class)
                .hasCause(failure);
        assertThat(s.load()).isSameAs(r2); // the store took effect
        s.store(new Resource(null));
        assertThat(r1.closes).hasValue(1);
        assertThat(r2.closes).hasValue(1);
    }

    @Test
    void releaseAction_uncheckedFailurePropagatesUnwrapped() {
        Consumer<String> failing =
                v -> {
                    throw new IllegalArgumentException("bad " + v);
                };
        ArcSwap<String> s = ArcSwap.of("a", failing);
        assertThatThrownBy(() -> s.store("b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad a");
        assertThat(s.load()).isEqualTo("b");
    }
}
