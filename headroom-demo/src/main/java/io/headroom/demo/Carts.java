package io.headroom.demo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's cart, product id to quantity. Memory stays bounded (100 users × 200 products) however long a
 * test runs. Each cart is an immutable map replaced under {@link ConcurrentHashMap#compute}, so an add and an
 * order for the same user never lose an item between them. Thread-safe.
 */
final class Carts {
    static final int MAX_QUANTITY_PER_PRODUCT = 9_999;

    private final ConcurrentHashMap<String, Map<Integer, Integer>> carts = new ConcurrentHashMap<>();

    /** Adds and returns the quantity of {@code productId} now in the cart (capped). */
    int add(String user, int productId, int quantity) {
        Map<Integer, Integer> cart = carts.compute(user, (u, old) -> {
            TreeMap<Integer, Integer> next = old == null ? new TreeMap<>() : new TreeMap<>(old);
            next.merge(productId, quantity, (a, b) -> Math.min(MAX_QUANTITY_PER_PRODUCT, a + b));
            return Collections.unmodifiableMap(next);
        });
        return cart.get(productId);
    }

    Map<Integer, Integer> contents(String user) {
        return carts.getOrDefault(user, Map.of());
    }

    /** Removes and returns the whole cart (empty if there was none). */
    Map<Integer, Integer> takeAll(String user) {
        Map<Integer, Integer> taken = carts.remove(user);
        return taken == null ? Map.of() : taken;
    }
}
