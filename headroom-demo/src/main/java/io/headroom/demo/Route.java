package io.headroom.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the demo shop with its usage line for {@link DemoServer#describe()}, so the printed help
 * and the router cannot drift apart. A null family means the route bypasses the worker pool and faults.
 */
enum Route {
    HEALTH("GET", "/health", null, "/health",
            "liveness; bypasses the worker pool and every fault, so it answers under load and during stalls"),
    PRODUCTS("GET", "/products", EndpointFamily.PRODUCTS, "/products?limit=N&offset=M",
            "a page of the catalogue of " + Catalogue.SIZE + " products (limit 1..100, default 20)"),
    PRODUCT("GET", "/products/{id}", EndpointFamily.PRODUCTS, "/products/{id}",
            "one product; 404 for an unknown id"),
    SEARCH("GET", "/search", EndpointFamily.SEARCH, "/search?q=WORDS",
            "products whose name contains every word (case-insensitive); 400 without q"),
    LOGIN("POST", "/login", EndpointFamily.LOGIN, "/login {\"user\",\"password\"}",
            "users user1..user" + Tokens.USER_COUNT + ", password \"" + Tokens.PASSWORD
                    + "\"; returns {\"token\"} and sets cookie session; 401 bad credentials, 400 bad JSON"),
    ME("GET", "/me", EndpointFamily.LIGHT, "/me",
            "the user of the session cookie; 401 without it (exercises cookie jars)"),
    CART("GET", "/cart", EndpointFamily.CART, "/cart",
            "the caller's cart; needs Authorization: Bearer <token>"),
    CART_ITEMS("POST", "/cart/items", EndpointFamily.CART, "/cart/items {\"productId\",\"quantity\"}",
            "adds to the caller's cart, 201; needs a bearer token (401), 404 unknown product"),
    ORDERS("POST", "/orders", EndpointFamily.ORDERS, "/orders",
            "orders the caller's cart and empties it, 201; needs a bearer token (401)"),
    REDIRECT("GET", "/redirect", EndpointFamily.LIGHT, "/redirect?n=N",
            "302 to /redirect?n=N-1, and from n=1 (the default) to /health; n 1..20"),
    COMPUTE("GET", "/compute", EndpointFamily.LIGHT, "/compute?n=N",
            "ranks the catalogue n times (1..1000, default 100) in Catalogue.rankProducts: real CPU work to profile"),
    ADMIN_FAULTS("GET", "/admin/faults", null, "/admin/faults", "the fault switches in force"),
    ADMIN_FAULTS_SET("POST", "/admin/faults", null, "/admin/faults {\"errorRate\",...}",
            "changes the named fault switches (same field names as GET), others stay"),
    ADMIN_STATS("GET", "/admin/stats", null, "/admin/stats",
            "requests per endpoint, responses per status, in-flight, queued and their maxima"),
    ADMIN_STATS_RESET("POST", "/admin/stats/reset", null, "/admin/stats/reset", "zeroes the statistics"),
    /** Any other method or path: answered 404 or 405 at once, outside the pool. */
    OTHER(null, null, null, null, null);

    private final String method;
    private final String template;
    private final EndpointFamily family;
    private final String usage;
    private final String description;

    Route(String method, String template, EndpointFamily family, String usage, String description) {
        this.method = method;
        this.template = template;
        this.family = family;
        this.usage = usage;
        this.description = description;
    }

    /** The key under which {@link DemoStats} counts this route, e.g. {@code "GET /products/{id}"}. */
    String key() {
        return this == OTHER ? "other" : method + " " + template;
    }

    String method() {
        return method;
    }

    /** The family whose service time requests of this route take; null when it bypasses the pool. */
    EndpointFamily family() {
        return family;
    }

    boolean pooled() {
        return family != null;
    }

    boolean admin() {
        return template != null && template.startsWith("/admin/");
    }

    String usage() {
        return usage;
    }

    String description() {
        return description;
    }

    /** The route for a method and raw path, {@link #OTHER} when none matches both. */
    static Route match(String method, String path) {
        for (Route route : values()) {
            if (route != OTHER && route.method.equals(method) && route.matchesPath(path)) return route;
        }
        return OTHER;
    }

    /** The methods some route accepts for {@code path}; empty when the path is unknown. */
    static List<String> allowedMethods(String path) {
        List<String> methods = new ArrayList<>();
        for (Route route : values()) {
            if (route != OTHER && route.matchesPath(path)) methods.add(route.method);
        }
        return methods;
    }

    private boolean matchesPath(String path) {
        if (this == PRODUCT) {
            return path.startsWith("/products/") && path.length() > "/products/".length()
                    && path.indexOf('/', "/products/".length()) < 0;
        }
        return template.equals(path);
    }
}
