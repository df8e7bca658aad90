package io.headroom.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The groups of shop endpoints that share one configured {@link ServiceTime}; {@link #key()} is the lowercase
 * name used in JSON, on the command line and by {@link DemoServer#capacityRequestsPerSecond(String)}.
 * {@code /health} and {@code /admin/*} belong to no family: they bypass the worker pool.
 */
public enum EndpointFamily {
    /** {@code GET /products} and {@code GET /products/{id}}; default median 5 ms. */
    PRODUCTS("products", 5),
    /** {@code GET /search}; default median 15 ms. */
    SEARCH("search", 15),
    /** {@code POST /login}; default median 10 ms. */
    LOGIN("login", 10),
    /** {@code GET /cart} and {@code POST /cart/items}; default median 8 ms. */
    CART("cart", 8),
    /** {@code POST /orders}; default median 20 ms. */
    ORDERS("orders", 20),
    /** {@code GET /me} and {@code GET /redirect}; default median 1 ms. */
    LIGHT("light", 1);

    private final String key;
    private final ServiceTime defaultServiceTime;

    EndpointFamily(String key, double defaultMedianMillis) {
        this.key = key;
        this.defaultServiceTime = ServiceTime.lognormalMillis(defaultMedianMillis);
    }

    public String key() {
        return key;
    }

    public ServiceTime defaultServiceTime() {
        return defaultServiceTime;
    }

    /** The family named {@code key} (case-insensitive); the message lists the valid names otherwise. */
    public static EndpointFamily fromKey(String key) {
        for (EndpointFamily family : values()) {
            if (family.key.equals(key.toLowerCase(Locale.ROOT))) return family;
        }
        throw new IllegalArgumentException("unknown endpoint family \"" + key + "\"; expected one of "
                + Arrays.stream(values()).map(EndpointFamily::key).collect(Collectors.joining(", ")));
    }
}
