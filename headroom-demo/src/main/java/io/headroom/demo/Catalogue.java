package io.headroom.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The shop's {@value #SIZE} products with ids 1..{@value #SIZE}, generated from a seed so that the same seed
 * always gives the same names and prices. Immutable after construction; thread-safe.
 */
final class Catalogue {
    static final int SIZE = 200;

    private static final String[] ADJECTIVES = {"Sturdy", "Compact", "Classic", "Modern", "Rustic", "Elegant",
            "Portable", "Deluxe", "Vintage", "Sleek", "Cozy", "Rugged", "Minimal", "Bold", "Quiet", "Bright"};
    private static final String[] MATERIALS = {"Oak", "Steel", "Bamboo", "Linen", "Copper", "Walnut", "Glass",
            "Leather", "Cotton", "Ceramic", "Granite", "Wool"};
    private static final String[][] NOUNS_BY_CATEGORY = {
            {"furniture", "Chair", "Table", "Shelf", "Stool", "Desk", "Bench"},
            {"kitchen", "Kettle", "Mug", "Pan", "Bowl", "Teapot", "Board"},
            {"outdoor", "Lantern", "Tent", "Hammock", "Planter", "Grill"},
            {"office", "Lamp", "Notebook", "Organizer", "Clock", "Pen"},
    };

    private final List<Product> products;
    private final String[] lowercaseNames;

    Catalogue(long seed) {
        Random random = new Random(seed);
        Set<String> names = new LinkedHashSet<>();
        List<Product> generated = new ArrayList<>(SIZE);
        while (generated.size() < SIZE) {
            String[] nouns = NOUNS_BY_CATEGORY[random.nextInt(NOUNS_BY_CATEGORY.length)];
            String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " "
                    + MATERIALS[random.nextInt(MATERIALS.length)] + " " + nouns[1 + random.nextInt(nouns.length - 1)];
            if (!names.add(name)) continue;
            long priceCents = 499 + 100L * random.nextInt(300);
            generated.add(Product.of(generated.size() + 1, name, nouns[0], priceCents));
        }
        this.products = Collections.unmodifiableList(generated);
        this.lowercaseNames = generated.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    int size() {
        return products.size();
    }

    /** The product with this id, or null. */
    Product byId(long id) {
        return id >= 1 && id <= products.size() ? products.get((int) id - 1) : null;
    }

    List<Product> page(int offset, int limit) {
        int from = Math.min(offset, products.size());
        return products.subList(from, Math.min(products.size(), from + limit));
    }

    /** Products whose name contains every word of {@code query}, case-insensitively, in id order. */
    List<Product> search(String query) {
        String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<Product> matches = new ArrayList<>();
        for (int i = 0; i < lowercaseNames.length; i++) {
            boolean all = true;
            for (String word : words) {
                if (!lowercaseNames[i].contains(word)) {
                    all = false;
                    break;
                }
            }
            if (all) matches.add(products.get(i));
        }
        return matches;
    }

    /**
     * Scores every product {@code rounds} times with a deliberately expensive scoring function and returns the
     * {@code limit} best-ranked ones, best first: real CPU work for {@code GET /compute}, in a method with a
     * recognisable name so that a profile of the demo shows it at the top.
     */
    List<Product> rankProducts(int rounds, int limit) {
        long[] scores = new long[products.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < scores.length; i++) scores[i] += score(lowercaseNames[i], products.get(i).priceCents(), round);
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(scores[b], scores[a]));
        List<Product> best = new ArrayList<>(limit);
        for (int i = 0; i < Math.min(limit, order.length); i++) best.add(products.get(order[i]));
        return best;
    }

    /** A hash of the name mixed many times: cheap to call, costly in bulk, and impossible for the JIT to skip. */
    private static long score(String name, long priceCents, int round) {
        long h = priceCents * 0x9E3779B97F4A7C15L + round;
        for (int pass = 0; pass < 8; pass++) {
            for (int c = 0; c < name.length(); c++) {
                h ^= name.charAt(c);
                h *= 0xBF58476D1CE4E5B9L;
                h ^= h >>> 31;
            }
        }
        return (h >>> 40) % 1000;
    }
}
