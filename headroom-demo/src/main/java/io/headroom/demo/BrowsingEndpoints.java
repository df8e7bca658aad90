package io.headroom.demo;

import java.util.List;
import java.util.Map;

import static io.headroom.demo.RequestInput.intParam;

/**
 * The browsing endpoints, answered on a worker: {@code GET /products}, {@code /products/{id}}, {@code /search},
 * {@code /compute} (CPU work over the catalogue) and {@code /redirect} (a chain of 302s). Thread-safe: the
 * catalogue is immutable.
 */
final class BrowsingEndpoints {
    static final int DEFAULT_PAGE_LIMIT = 20;
    static final int MAX_PAGE_LIMIT = 100;
    static final int MAX_SEARCH_ITEMS = 50;
    static final int MAX_REDIRECTS = 20;
    static final int MAX_COMPUTE_ROUNDS = 1_000;
    static final int DEFAULT_COMPUTE_ROUNDS = 100;

    private final Catalogue catalogue;

    BrowsingEndpoints(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    Response listProducts(Map<String, String> query) {
        Integer limit = intParam(query, "limit", DEFAULT_PAGE_LIMIT);
        Integer offset = intParam(query, "offset", 0);
        if (limit == null || limit < 1 || limit > MAX_PAGE_LIMIT) {
            return Response.error(400, "bad_request", "limit must be an integer 1.." + MAX_PAGE_LIMIT);
        }
        if (offset == null || offset < 0) return Response.error(400, "bad_request", "offset must be an integer >= 0");
        JsonWriter json = new JsonWriter().beginObject().field("total", catalogue.size())
                .field("offset", offset).field("limit", limit).name("items").beginArray();
        for (Product product : catalogue.page(offset, limit)) json.rawValue(product.json());
        return Response.json(200, json.endArray().endObject());
    }

    Response product(String idText) {
        Product product = null;
        try {
            product = catalogue.byId(Long.parseLong(idText));
        } catch (NumberFormatException notAnId) {
            // an id that is not a number names no product either: 404 below
        }
        if (product == null) return Response.error(404, "not_found", "no product with id " + idText);
        return Response.json(200, product.json());
    }

    Response search(Map<String, String> query) {
        String words = query.get("q");
        if (words == null || words.isBlank()) return Response.error(400, "bad_request", "search needs q=WORDS");
        List<Product> matches = catalogue.search(words);
        JsonWriter json = new JsonWriter().beginObject().field("query", words).field("count", matches.size())
                .name("items").beginArray();
        for (Product product : matches.subList(0, Math.min(MAX_SEARCH_ITEMS, matches.size()))) {
            json.rawValue(product.json());
        }
        return Response.json(200, json.endArray().endObject());
    }

    Response redirect(Map<String, String> query) {
        Integer hops = intParam(query, "n", 1);
        if (hops == null || hops < 1 || hops > MAX_REDIRECTS) {
            return Response.error(400, "bad_request", "n must be an integer 1.." + MAX_REDIRECTS);
        }
        String location = hops == 1 ? "/health" : "/redirect?n=" + (hops - 1);
        return Response.json(302, new JsonWriter().beginObject().field("location", location).endObject())
                .withHeader("Location", location);
    }

    Response compute(Map<String, String> query) {
        Integer rounds = intParam(query, "n", DEFAULT_COMPUTE_ROUNDS);
        if (rounds == null || rounds < 1 || rounds > MAX_COMPUTE_ROUNDS) {
            return Response.error(400, "bad_request", "n must be an integer 1.." + MAX_COMPUTE_ROUNDS);
        }
        JsonWriter json = new JsonWriter().beginObject().field("rounds", rounds).name("top").beginArray();
        for (Product product : catalogue.rankProducts(rounds, 5)) json.rawValue(product.json());
        return Response.json(200, json.endArray().endObject());
    }
}
