package io.headroom.demo;

import com.sun.net.httpserver.HttpExchange;
import io.headroom.demo.JsonReader.MalformedJsonException;
import io.headroom.demo.RequestInput.BodyTooLargeException;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.headroom.demo.RequestInput.readBody;

/**
 * The shopper's endpoints, answered on a worker: {@code POST /login} (a token and a session cookie),
 * {@code GET /me} (by cookie), and by bearer token {@code GET /cart}, {@code POST /cart/items} and
 * {@code POST /orders}. Thread-safe (carts and tokens are).
 */
final class ShopperEndpoints {
    static final int MAX_QUANTITY = 99;

    private final Catalogue catalogue;
    private final Tokens tokens;
    private final Carts carts = new Carts();
    private final AtomicLong cartItemIds = new AtomicLong();
    private final AtomicLong orderIds = new AtomicLong();

    ShopperEndpoints(Catalogue catalogue, Tokens tokens) {
        this.catalogue = catalogue;
        this.tokens = tokens;
    }

    Response login(HttpExchange exchange) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonReader.parseObject(readBody(exchange));
        } catch (MalformedJsonException e) {
            return Response.error(400, "bad_request", "login body is not a JSON object: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            return e.response();
        }
        if (!(body.get("user") instanceof String user) || !(body.get("password") instanceof String password)) {
            return Response.error(400, "bad_request", "login needs {\"user\": string, \"password\": string}");
        }
        if (!Tokens.validCredentials(user, password)) {
            return Response.error(401, "unauthorized", "unknown user or wrong password")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String token = tokens.issue(user);
        return Response.json(200, new JsonWriter().beginObject().field("token", token).field("user", user).endObject())
                .withHeader("Set-Cookie", "session=" + token + "; Path=/; HttpOnly; SameSite=Lax");
    }

    Response me(HttpExchange exchange) {
        String user = null;
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith("session=")) user = tokens.verify(trimmed.substring("session=".length()));
            }
        }
        if (user == null) return Response.error(401, "unauthorized", "no valid session cookie; POST /login first");
        return Response.json(200, new JsonWriter().beginObject().field("user", user).endObject());
    }

    interface UserAction {
        Response answer(String user) throws IOException;
    }

    Response withUser(HttpExchange exchange, UserAction action) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String user = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            user = tokens.verify(authorization.substring(7).trim());
        }
        if (user == null) {
            return Response.error(401, "unauthorized", "needs Authorization: Bearer <token> from POST /login")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        return action.answer(user);
    }

    Response cart(String user) {
        JsonWriter json = new JsonWriter().beginObject().field("user", user).name("items").beginArray();
        long totalCents = writeLines(json, carts.contents(user));
        return Response.json(200, json.endArray().field("totalCents", totalCents).endObject());
    }

    Response addCartItem(HttpExchange exchange, String user) throws IOException {
        Map<String, Object> body;
        try {
            body = JsonReader.parseObject(readBody(exchange));
        } catch (MalformedJsonException e) {
            return Response.error(400, "bad_request", "cart item is not a JSON object: " + e.getMessage());
        } catch (BodyTooLargeException e) {
            return e.response();
        }
        if (!(body.get("productId") instanceof Long productId)
                || !(body.getOrDefault("quantity", 1L) instanceof Long quantity)) {
            return Response.error(400, "bad_request", "cart item needs {\"productId\": integer, \"quantity\": integer}");
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return Response.error(400, "bad_request", "quantity must be 1.." + MAX_QUANTITY);
        }
        Product product = catalogue.byId(productId);
        if (product == null) return Response.error(404, "not_found", "no product with id " + productId);
        int inCart = carts.add(user, product.id(), quantity.intValue());
        long id = cartItemIds.incrementAndGet();
        return Response.json(201, new JsonWriter().beginObject().field("id", id).field("user", user)
                        .field("productId", product.id()).field("quantity", quantity).field("cartQuantity", inCart)
                        .field("priceCents", product.priceCents()).endObject())
                .withHeader("Location", "/cart");
    }

    Response placeOrder(String user) {
        // An empty cart still makes an (empty) order: VUs share users, so refusing would turn an honest
        // race between two VUs into errors the demo's users did not ask for.
        Map<Integer, Integer> lines = carts.takeAll(user);
        long id = orderIds.incrementAndGet();
        JsonWriter json = new JsonWriter().beginObject().field("id", id).field("user", user)
                .field("status", "created").name("items").beginArray();
        long totalCents = writeLines(json, lines);
        json.endArray().field("itemCount", lines.size()).field("totalCents", totalCents).endObject();
        return Response.json(201, json).withHeader("Location", "/orders/" + id);
    }

    private long writeLines(JsonWriter json, Map<Integer, Integer> lines) {
        long totalCents = 0;
        for (Map.Entry<Integer, Integer> line : new TreeMap<>(lines).entrySet()) {
            Product product = catalogue.byId(line.getKey());
            totalCents += product.priceCents() * line.getValue();
            json.beginObject().field("productId", product.id()).field("quantity", line.getValue())
                    .field("priceCents", product.priceCents()).endObject();
        }
        return totalCents;
    }
}
