package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code prometheus} (installed by the test when the machine has none), started on a free loopback port with
 * its data under the test's folder, and queried through its HTTP API; stopped by its PID on {@link #close}. Shared
 * by the dashboard tests of the pull endpoint and of remote-write.
 */
final class RealPrometheus implements AutoCloseable {
    static final Path DASHBOARD = Path.of("../docs/grafana/headroom-dashboard.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String api;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RealPrometheus(Process process, Path log, String api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts it with {@code config} as its prometheus.yml and {@code flags} added; returns once it is ready. */
    static RealPrometheus start(Path dir, String config, String... flags) throws Exception {
        Path binary = io.headroom.testing.DebianPackage.require("prometheus", List.of(Path.of("/usr/bin/prometheus")));
        int port = freePort();
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Path log = dir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPrometheus p = new RealPrometheus(process, log, "http://127.0.0.1:" + port);
        try {
            p.awaitReady();
        } catch (Exception | AssertionError e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String api() {
        return api;
    }

    /** The values of an instant query's vector (or scalar) result at {@code atEpochSeconds}. */
    List<Double> query(String promql, double atEpochSeconds) throws Exception {
        String url = api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time=" + atEpochSeconds;
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(promql + " -> " + r.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        List<Double> values = new ArrayList<>();
        if (data.get("resultType").asText().equals("scalar")) {
            values.add(Double.parseDouble(data.get("result").get(1).asText()));
        } else {
            data.get("result").forEach(s -> values.add(Double.parseDouble(s.get("value").get(1).asText())));
        }
        return values;
    }

    /**
     * Runs every target of every panel of the dashboard at {@code atEpochSeconds} ({@code $__rate_interval} as 30s,
     * {@code $testid} as {@code testIdRegex}); returns the ones that returned no data, and asserts that there was
     * at least one query per panel.
     */
    List<String> panelQueriesWithoutData(double atEpochSeconds, String testIdRegex) throws Exception {
        JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
        List<String> empty = new ArrayList<>();
        int queried = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText().replace("$__rate_interval", "30s").replace("$testid", testIdRegex);
                queried++;
                if (query(expr, atEpochSeconds).isEmpty()) {
                    empty.add("panel " + panel.get("id") + " (" + panel.get("title").asText() + "): " + expr);
                }
            }
        }
        assertThat(queried).isGreaterThanOrEqualTo(dashboard.get("panels").size());
        return empty;
    }

    /** Its log so far, for failure messages. */
    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("prometheus exited: " + log());
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(api + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("prometheus not ready after 60 s: " + log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
