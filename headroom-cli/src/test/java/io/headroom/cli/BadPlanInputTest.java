package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that could never be sent, through the real command line: a plan error (exit 2, file:line:col and field)
 * in both {@code validate} and {@code run}, with nothing sent; what only run time can tell fails the request
 * with an error code, unsent.
 */
class BadPlanInputTest {
    @TempDir
    Path dir;

    /** A listener that counts connections: the proof that a rejected plan sent nothing. */
    ServerSocket listener;
    final AtomicInteger connections = new AtomicInteger();
    String listenerUrl;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listenerUrl = "http://127.0.0.1:" + listener.getLocalPort();
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "counting-listener");
        accept.setDaemon(true);
        accept.start();
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    private Path plan(String top, String flow) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, top + "scenarios:\n  s:\n    executor: constant-vus\n    vus: 2\n    duration: 2s\n"
                + "    flow:\n" + flow.indent(6));
        return plan;
    }

    /** Both commands reject the plan with {@code message} and exit 2; run sends nothing. */
    private void rejectedByBoth(Path plan, String message, String... extraArgs) {
        for (String command : List.of("validate", "run")) {
            List<String> args = new ArrayList<>(List.of(command, plan.toString()));
            args.addAll(List.of(extraArgs));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(command + "\n" + run).isEqualTo(2);
            assertThat(run.err()).as(command).contains(message).doesNotContain("\tat ", "Exception");
        }
        assertThat(connections.get()).as("connections made by the rejected runs").isZero();
    }

    @Test
    void relativeUrlWithoutBaseUrl() throws IOException {
        Path plan = plan("", "- get: /health");
        rejectedByBoth(plan, plan + ":7:14: scenarios.s.flow[0].get: relative URL \"/health\" needs a baseUrl");
        // Negative control: the same plan is valid with --base-url (and runs against it).
        CliRun valid = CliRun.of("validate", plan.toString(), "--base-url", listenerUrl);
        assertThat(valid.exitCode()).as(valid.toString()).isZero();
    }

    @Test
    void urlWithASpace() throws IOException {
        rejectedByBoth(plan("baseUrl: " + listenerUrl + "\n", "- get: /search?q=a b"),
                ":8:14: scenarios.s.flow[0].get: a URL cannot contain a space");
    }

    @Test
    void portOutOfRange() throws IOException {
        rejectedByBoth(plan("", "- get: http://127.0.0.1:99999/health"),
                ":7:14: scenarios.s.flow[0].get: port 99999 is outside 1..65535");
        rejectedByBoth(plan("baseUrl: http://127.0.0.1:99999\n", "- get: /health"),
                "plan.yaml:1:10: baseUrl: port 99999 is outside 1..65535");
    }

    @Test
    void crlfInAHeaderValue() throws IOException {
        rejectedByBoth(plan("baseUrl: " + listenerUrl + "\n", "- get: /health\n  headers: {X-Token: \"t\\r\\nX-Injected: yes\"}"),
                ":9:28: scenarios.s.flow[0].headers.X-Token: header value has a carriage return (CR)");
        rejectedByBoth(plan("baseUrl: " + listenerUrl + "\nhttp:\n  headers: {X-Token: \"t\\nX-Injected: yes\"}\n",
                "- get: /health"), "plan.yaml:3:22: http.headers.X-Token: header value has a line feed (LF)");
    }

    @Test
    void badBaseUrlOptionNamesTheOption() throws IOException {
        Path plan = plan("baseUrl: " + listenerUrl + "\n", "- get: /health");
        rejectedByBoth(plan, "headroom: --base-url: expected an absolute http:// or https:// URL, found \"ht!tp://bad\"",
                "--base-url", "ht!tp://bad");
        rejectedByBoth(plan, "headroom: --base-url: expected an absolute http:// or https:// URL, found an empty string",
                "--base-url", "");
        rejectedByBoth(plan, "headroom: --base-url: port 70000 is outside 1..65535", "--base-url", "http://127.0.0.1:70000");
    }

    @Test
    void serveDemoRefusesAPortOutsideTheRange() throws Exception {
        for (String port : List.of("-1", "99999", "65536")) {
            CliRun run = CliRun.of("serve-demo", "--port", port);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("headroom: --port must be a TCP port 0..65535 (0 picks a free one), got " + port)
                    .doesNotContain("\tat ", "Exception");
        }
        // Negative control: --port 0 starts it (in a child: it serves until killed).
        try (DemoChild demo = DemoChild.start()) {
            assertThat(demo.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }

    /**
     * A URL or header that is only wrong after substitution fails its request with k6's error code (1020 for the
     * URL, 1000 for the header) and never reaches the server; the request that extracted them did.
     */
    @Test
    void substitutedUrlOrHeaderThatCannotBeSentFailsTheRequestUnsent() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger echoes = new AtomicInteger();
        server.createContext("/token", exchange -> {
            tokens.incrementAndGet();
            byte[] body = "{\"bad\": \"t\\r\\nX-Injected: yes\", \"spaced\": \"a b\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/echo", exchange -> {
            echoes.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Path plan = dir.resolve("substituted.yaml");
            Files.writeString(plan, """
                    baseUrl: http://127.0.0.1:%d
                    scenarios:
                      s:
                        executor: per-vu-iterations
                        vus: 1
                        iterations: 3
                        flow:
                          - get: /token
                            extract: {bad: $.bad, spaced: $.spaced}
                          - get: /echo
                            name: injected
                            headers: {X-Token: "${bad}"}
                          - get: /echo/${spaced}
                            name: spaced
                    """.formatted(server.getAddress().getPort()));
            Path json = dir.resolve("summary.json");
            CliRun run = CliRun.of("run", plan.toString(), "-q", "--json", json.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(tokens.get()).isEqualTo(3);
            assertThat(echoes.get()).as("requests that reached /echo").isZero();
            JsonNode summary = new ObjectMapper().readTree(json.toFile());
            assertThat(failedRequests(summary, "injected")).containsExactly("0/1000");
            assertThat(failedRequests(summary, "spaced")).containsExactly("0/1020");
        } finally {
            server.stop(0);
        }
    }

    /** status/error_code of each http_reqs series named {@code name}. */
    private static List<String> failedRequests(JsonNode summary, String name) {
        List<String> found = new ArrayList<>();
        for (JsonNode s : summary.get("series")) {
            JsonNode tags = s.get("tags");
            if (s.get("metric").asText().equals("http_reqs") && name.equals(tags.path("name").asText())) {
                found.add(tags.path("status").asText() + "/" + tags.path("error_code").asText());
            }
        }
        return found;
    }
}
