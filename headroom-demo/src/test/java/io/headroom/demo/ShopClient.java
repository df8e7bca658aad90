package io.headroom.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP requests to a running demo server, for tests; thread-safe like the JDK client under it. */
final class ShopClient {
    private final URI baseUrl;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    ShopClient(DemoServer server) {
        this.baseUrl = server.baseUrl();
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Logs in as {@code user} and returns the token. */
    String login(String user) {
        HttpResponse<String> response = post("/login", "{\"user\":\"" + user + "\",\"password\":\"secret\"}");
        if (response.statusCode() != 200) throw new AssertionError("login failed: " + response.body());
        return (String) json(response).get("token");
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JsonReader.parseObject(response.body());
        } catch (JsonReader.MalformedJsonException e) {
            throw new AssertionError("response is not a JSON object: " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) builder.headers(headers);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
