package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.FaultSettings;
import io.headroom.demo.ServiceTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose every request fails the same way with no server answering stops early (exit 96, the error and the
 * fix named, partial results written); a run against a server that answers, even with errors, runs to its end.
 */
class RepeatedErrorStopTest {
    @TempDir
    Path dir;

    private Path plan(String baseUrl, String executor) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "baseUrl: " + baseUrl + "\nscenarios:\n  s:\n" + executor.indent(4)
                + "    flow:\n      - get: /products?limit=5\n        name: products\n");
        return plan;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aClosedPortStopsTheRunEarlyNamingTheErrorAndTheFix() throws Exception {
        // Planned for 10 minutes: only the early stop ends it (the outcome says which one did).
        Path plan = plan("http://127.0.0.1:" + closedPort(), "executor: constant-vus\nvus: 2\nduration: 10m\n");
        Path json = dir.resolve("summary.json");
        CliRun run = CliRun.of("run", plan.toString(), "-q", "--json", json.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(96);
        assertThat(run.err()).as(run.toString()).contains("headroom: stopped early: every one of the ",
                "failed with error 1212 (connection refused) and no server answered; check that the target is running"
                        + " and listening on the URL's port (--base-url)").doesNotContain("\tat ");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.get("outcome").asText()).isEqualTo("aborted_on_repeated_error");
        assertThat(summary.at("/run/metadata/headroom.stoppedEarly").asText()).contains("error 1212");
        assertThat(summary.at("/run/durationNanos").asLong()).isLessThan(600_000_000_000L);
        assertThat(run.out()).contains("stopped");
    }

    @Test
    void aServerFailingHalfTheRequestsRunsToTheEnd() throws Exception {
        assertRunsToTheEnd(0.5);
    }

    /** A server that answers 500 to everything is answering: its errors are what the run measures (as in k6). */
    @Test
    void aServerAnsweringEveryRequestWith500RunsToTheEnd() throws Exception {
        assertRunsToTheEnd(1.0);
    }

    private void assertRunsToTheEnd(double errorRate) throws Exception {
        // A fast shop (1 ms per request), so the rule's premise is met: more than 1000 requests over more than 5 s.
        DemoConfig config = DemoConfig.defaults().withAllServiceTimes(ServiceTime.fixedMillis(1))
                .withFaults(new FaultSettings(errorRate, 0, 0, 0, 0, 0, 0));
        try (DemoServer demo = DemoServer.start(config)) {
            Path plan = plan(demo.baseUrl().toString(), "executor: constant-vus\nvus: 4\nduration: 6s\n");
            Path json = dir.resolve("summary.json");
            CliRun run = CliRun.of("run", plan.toString(), "-q", "--no-warmup", "--json", json.toString());

            JsonNode summary = new ObjectMapper().readTree(json.toFile());
            assertThat(summary.get("outcome").asText()).as(run.toString()).isEqualTo("completed");
            assertThat(run.exitCode()).as(run.toString()).isNotEqualTo(96);
            assertThat(run.err()).doesNotContain("stopped early");
            long requests = 0, failed = 0;
            for (JsonNode s : summary.get("series")) {
                if (!s.get("metric").asText().equals("http_reqs")) continue;
                long n = s.at("/stats/count").asLong();
                if (s.get("tags").isEmpty()) requests += n; // the untagged series is the whole run's
                else if (s.at("/tags/status").asText().equals("500")) failed += n;
            }
            assertThat(requests).as("requests sent").isGreaterThan(1000);
            assertThat(failed).as("answered with 500").isPositive();
        }
    }
}
