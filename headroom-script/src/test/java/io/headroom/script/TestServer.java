package io.headroom.script;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small shop-like server on 127.0.0.1 for tests: /health, POST /login -> {"token"} with X-Id and a
 * cookie, /products (needs no auth), /cart (needs the bearer token), /redirect -> 302 /health,
 * /echo (body and headers back), /status?code=N. Records every request line seen.
 */
public final class TestServer implements AutoCloseable {
    public final List<String> seen = new CopyOnWriteArrayList<>();
    public final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    public volatile String lastBody = "";
    private final HttpServer server;

    public TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        lastBody = body;
        ex.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), String.join(",", v)));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        switch (path) {
            case "/health" -> send(ex, 200, "{\"status\":\"ok\"}");
            case "/login" -> {
                if (!body.contains("\"password\":\"secret\"")) {
                    send(ex, 401, "{\"error\":\"bad credentials\"}");
                    return;
                }
                ex.getResponseHeaders().add("X-Id", "session-42");
                ex.getResponseHeaders().add("Set-Cookie", "sid=abc; Path=/");
                send(ex, 200, "{\"token\":\"tok-" + Math.abs(body.hashCode()) + "\",\"user\":{\"id\":7}}");
            }
            case "/products" -> send(ex, 200, "{\"items\":[{\"id\":1,\"name\":\"kettle\"},{\"id\":2,\"name\":\"mug\"}],\"total\":2,\"query\":\"" + query + "\"}");
            case "/cart" -> {
                if (auth == null || !auth.startsWith("Bearer tok-")) send(ex, 401, "{\"error\":\"no token\"}");
                else send(ex, 201, "{\"ok\":true,\"seen\":\"id=123\"}");
            }
            case "/redirect" -> {
                ex.getResponseHeaders().add("Location", "/health");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }
            case "/echo" -> send(ex, 200, body);
            case "/status" -> send(ex, Integer.parseInt(query.substring("code=".length())), "{}");
            default -> send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
