package dev.ferrum.examples.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable routing table: path prefixes mapped to the backends that serve them. It owns its
 * backends and closes them all when it is closed, which the {@code ArcSwap} holding it does only
 * after the last request routed through it has finished.
 *
 * <p>Text form, one route per line, {@code #} starts a comment:
 *
 * <pre>
 * /api/     api-1:8080 api-2:8080
 * /static/  cdn-1:80
 * /         web-1:8080
 * </pre>
 *
 * A request goes to the route with the longest matching prefix, and to one of its backends chosen
 * by the request's hash.
 */
final class RoutingTable implements AutoCloseable {
    private record Route(String prefix, List<Backend> backends) {}

    private final long generation;
    private final List<Route> routes; // longest prefix first

    private RoutingTable(long generation, List<Route> routes) {
        this.generation = generation;
        this.routes = routes;
    }

    /**
     * Parses a table and opens its backends.
     *
     * @throws IllegalArgumentException if a line has no backend, or no route matches "/"
     */
    static RoutingTable parse(String text, long generation, Metrics metrics) {
        List<String[]> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2 || !fields[0].startsWith("/")) {
                throw new IllegalArgumentException("bad route line: " + raw);
            }
            lines.add(fields);
        }
        if (lines.stream().noneMatch(f -> f[0].equals("/"))) {
            throw new IllegalArgumentException("table has no catch-all route \"/\"");
        }
        // Validate everything before opening any backend, so a rejected file leaks nothing.
        List<Route> routes = new ArrayList<>();
        for (String[] fields : lines) {
            List<Backend> backends = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                backends.add(new Backend(fields[i], generation, metrics));
            }
            routes.add(new Route(fields[0], List.copyOf(backends)));
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        return new RoutingTable(generation, List.copyOf(routes));
    }

    /** The backend for a request path: longest matching prefix, then by hash. */
    Backend route(String path) {
        for (Route r : routes) {
            if (path.startsWith(r.prefix())) {
                List<Backend> b = r.backends();
                return b.get(Math.floorMod(path.hashCode(), b.size()));
            }
        }
        throw new AssertionError("parse guarantees a \"/\" route: " + path);
    }

    long generation() {
        return generation;
    }

    List<Backend> backends() {
        List<Backend> all = new ArrayList<>();
        routes.forEach(r -> all.addAll(r.backends()));
        return all;
    }

    /** Closes every backend of this table. */
    @Override
    public void close() {
        routes.forEach(r -> r.backends().forEach(Backend::close));
    }

    @Override
    public String toString() {
        return "RoutingTable[generation=" + generation + ", routes=" + routes.size() + "]";
    }
}
