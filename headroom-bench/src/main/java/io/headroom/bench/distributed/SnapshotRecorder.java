package io.headroom.bench.distributed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording proxy between one real {@code headroom agent} and its coordinator ({@code headroom run --agents 1
 * --listen}): forwards every control-channel request unchanged and keeps what the agent sent, for
 * {@link CoordinatorScale}'s replay of many agents. Writes into its directory {@code snapshot-NNNN.bin} (the binary
 * body of each {@code POST /v1/snapshot}, by its sequence number), {@code heartbeat-NNNN.json} (the last heartbeat
 * before snapshot NNNN) and {@code done.json}. Runs until killed; bounded by the run it forwards.
 *
 * <p>Usage: {@code SnapshotRecorder LISTEN_PORT COORDINATOR_HOST:PORT DIRECTORY}
 */
public final class SnapshotRecorder {
    private SnapshotRecorder() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SnapshotRecorder LISTEN_PORT COORDINATOR_HOST:PORT DIRECTORY");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String target = "http://" + args[1];
        Path dir = Files.createDirectories(Path.of(args[2]));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger snapshots = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> forward(exchange, client, target, dir, snapshots));
        server.start();
        System.err.println("recorder: 127.0.0.1:" + port + " -> " + args[1] + ", into " + dir);
    }

    private static void forward(HttpExchange exchange, HttpClient client, String target, Path dir, AtomicInteger snapshots)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofHours(1))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : new String[] {"Content-Type", "X-Headroom-Agent", "X-Headroom-Seq"}) {
            String v = exchange.getRequestHeaders().getFirst(h);
            if (v != null) request.header(h, v);
        }
        switch (path) {
            case "/v1/snapshot" -> {
                String seq = exchange.getRequestHeaders().getFirst("X-Headroom-Seq");
                Files.write(dir.resolve(String.format("snapshot-%04d.bin", Long.parseLong(seq))), body);
                snapshots.incrementAndGet();
            }
            case "/v1/heartbeat" -> Files.write(dir.resolve(String.format("heartbeat-%04d.json", snapshots.get())), body);
            case "/v1/done" -> Files.write(dir.resolve("done.json"), body);
            default -> { }
        }
        int status;
        byte[] answer;
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            answer = response.body();
        } catch (IOException e) {
            status = 502;
            answer = new byte[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
            answer = new byte[0];
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }
}
