package dev.ferrum.examples.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferrum.swap.ArcSwap;
import dev.ferrum.swap.Guard;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HotReloadRouterTest {

    /**
     * Requests flow on three threads while the table file is rewritten every millisecond and
     * reloaded as soon as it changes: no request ever runs on a closed backend, every replaced
     * table is closed, and after shutdown no backend is left open.
     */
    @Test
    @Timeout(30)
    void run_underConstantReloads_neverUsesAClosedBackend(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("routes.txt");
        HotReloadRouter.writeAtomically(table, HotReloadRouter.sampleTable(0));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        HotReloadRouter.Result r =
                HotReloadRouter.run(
                        new HotReloadRouter.Options(
                                table,
                                3,
                                Duration.ofMillis(1500),
                                Duration.ofMillis(1),
                                Duration.ofMillis(1)),
                        new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(r.firstViolation()).isNull();
        assertThat(r.closedBackendUses()).isZero();
        assertThat(r.requests()).isGreaterThan(10_000);
        assertThat(r.reloads()).isGreaterThan(20);
        assertThat(r.rejectedReloads()).isZero();
        // Every table ever loaded, the last one included, was closed exactly once.
        assertThat(r.backendsClosed()).isEqualTo(r.backendsOpened());
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("requests/s")
                .contains("closed-backend uses: 0");
    }

    /** A table replaced while a request holds a guard on it is closed when that guard closes. */
    @Test
    void store_whileARequestHoldsTheOldTable_closesItsBackendsOnlyAfterTheGuard() {
        Metrics m = new Metrics();
        ArcSwap<RoutingTable> tables =
                ArcSwap.ofCloseable(RoutingTable.parse(HotReloadRouter.sampleTable(0), 0, m));
        Guard<RoutingTable> inFlight = tables.guard();
        Backend old = inFlight.get().route("/api/users/42");

        tables.store(RoutingTable.parse(HotReloadRouter.sampleTable(1), 1, m));

        assertThat(old.isClosed()).isFalse();
        old.handle("/api/users/42"); // still usable by the request that routed to it
        inFlight.close();
        assertThat(old.isClosed()).isTrue();
        tables.close();
        assertThat(m.openBackends()).isZero();
    }

    /**
     * The control: a request that looks the table up without a guard can be handed a backend that a
     * reload closes before the request runs, and the backend detects it.
     */
    @Test
    void load_withoutAGuard_canRouteToABackendClosedByAReload() {
        Metrics m = new Metrics();
        ArcSwap<RoutingTable> tables =
                ArcSwap.ofCloseable(RoutingTable.parse(HotReloadRouter.sampleTable(0), 0, m));
        Backend unpinned = tables.load().route("/api/users/42");

        tables.store(RoutingTable.parse(HotReloadRouter.sampleTable(1), 1, m));

        assertThat(unpinned.isClosed()).isTrue();
        assertThatThrownBy(() -> unpinned.handle("/api/users/42"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed backend");
        tables.close();
    }

    /** A file that does not parse opens no backend, so a rejected reload leaks nothing. */
    @Test
    void parse_ofATableWithoutCatchAll_isRejectedBeforeOpeningBackends() {
        Metrics m = new Metrics();
        assertThatThrownBy(() -> RoutingTable.parse("/api/ api-1:80\n", 0, m))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("catch-all");
        assertThat(m.backendsOpened.sum()).isZero();
    }

    /** Longest prefix wins; the hash picks a backend of that route. */
    @Test
    void route_picksTheLongestMatchingPrefix() {
        Metrics m = new Metrics();
        try (RoutingTable t =
                RoutingTable.parse("/ web:80\n/api/ api:80\n/api/admin/ admin:80 # note\n", 0, m)) {
            assertThat(t.route("/api/admin/users").address()).isEqualTo("admin:80");
            assertThat(t.route("/api/x").address()).isEqualTo("api:80");
            assertThat(t.route("/other").address()).isEqualTo("web:80");
        }
        assertThat(m.openBackends()).isZero();
    }
}
