package io.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.RunResult;
import io.headroom.output.kinds.OutputKinds;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --out} on the command line: values checked before anything runs (exit 2, the value named, no stack
 * trace), every kind in {@code --help}, and a remote-write receiver that is down, slow or answers 500 against a
 * healthy one (a JDK HttpServer on loopback): the run ends on time, the dropped batches are counted in the summary
 * and warned about on stderr and in the summary's warnings; the healthy one drops nothing and warns of nothing.
 */
class OutOptionTest {
    /** The plan runs 3 s; the outputs may add their flush budget (3 s); the rest is the JVM's slack. */
    private static final long RUN_MILLIS_BOUND = 3_000 + 3_000 + 4_000;

    @TempDir
    Path dir;

    @Test
    void badValuesExitTwoNamingTheValue() {
        CliRun unknown = CliRun.of("run", "plan.yaml", "--out", "statsd=127.0.0.1:8125");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown output kind 'statsd'", OutputKinds.known()).doesNotContain("\tat ");

        CliRun scheme = CliRun.of("run", "plan.yaml", "--out", "prometheus-rw=ftp://127.0.0.1/write");
        assertThat(scheme.exitCode()).isEqualTo(2);
        assertThat(scheme.err()).contains("expected an http:// or https:// URL", "ftp://127.0.0.1/write").doesNotContain("\tat ");

        CliRun notUrl = CliRun.of("run", "plan.yaml", "--out", "prometheus-rw=http://bad host/write");
        assertThat(notUrl.exitCode()).isEqualTo(2);
        assertThat(notUrl.err()).contains("is not a URL").doesNotContain("\tat ");

        CliRun noFile = CliRun.of("run", "plan.yaml", "--out", "json");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("needs its FILE", "--out json=FILE");

        CliRun stdout = CliRun.of("run", "plan.yaml", "--out", "csv=-");
        assertThat(stdout.exitCode()).isEqualTo(2);
        assertThat(stdout.err()).contains("standard output is for the summary");
    }

    @Test
    void twoOutputsToOneFileAreRefusedBeforeTheRun() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: p\nscenarios:\n  s:\n    executor: per-vu-iterations\n    flow: [{think: 1ms}]\n");
        Path same = dir.resolve("same.json");
        CliRun twice = CliRun.of("run", plan.toString(), "--out", "json=" + same, "--out", "json=" + same);
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("already writes there").doesNotContain("\tat ");
        CliRun withSummary = CliRun.of("run", plan.toString(), "--json", same.toString(), "--out", "json=" + same);
        assertThat(withSummary.exitCode()).isEqualTo(2);
        assertThat(withSummary.err()).contains("--json already writes there");
        // positive control: two files
        CliRun two = CliRun.of("run", plan.toString(), "--quiet", "--out", "json=" + same, "--out", "csv=" + dir.resolve("other.csv"));
        assertThat(two.exitCode()).as(two.toString()).isZero();
        assertThat(Files.readString(same)).contains("\"type\":\"Point\"");
        assertThat(Files.readString(dir.resolve("other.csv"))).startsWith("metric_name,timestamp,metric_value");
    }

    @Test
    void aGoodValueGetsPastTheCheck() {
        // positive control: the value is accepted; what fails is the missing plan, named as such
        CliRun run = CliRun.of("run", dir.resolve("missing.yaml").toString(), "--out", "prometheus-rw=http://127.0.0.1:9/api/v1/write");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing.yaml").doesNotContain("--out");
    }

    @Test
    void helpNamesEveryKind() {
        CliRun help = CliRun.of("run", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("-o, --out=KIND=ARG");
        OutputKinds.ALL.forEach(k -> assertThat(help.out()).contains(k.name() + "=" + k.argumentLabel()));
    }

    @Test
    void testIdIsThePlansNameAndTheStart() {
        ZonedDateTime at = ZonedDateTime.of(2026, 12, 3, 16, 45, 1, 0, ZoneOffset.UTC);
        assertThat(OutOption.testId("check out/v2", at)).isEqualTo("check-out-v2-20261203-164501");
        assertThat(OutOption.testId("", at)).isEqualTo("run-20261203-164501");
    }

    @ParameterizedTest
    @ValueSource(strings = {"down", "slow", "500"})
    void aFailingReceiverNeverStallsTheRunAndIsReported(String receiver) throws Exception {
        ExecutorService handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = receiver.equals("down") ? null : server(handlers, requests, receiver.equals("slow") ? 10_000 : 0, 500);
        int port = server == null ? RealPrometheus.freePort() : server.getAddress().getPort();
        try {
            Outcome o = run(port);
            assertThat(o.millis).as("the run ends on time: " + o.cli).isLessThan(RUN_MILLIS_BOUND);
            assertThat(o.cli.exitCode()).as(o.cli.toString()).isZero();
            LiveOutputHealth health = o.result.generatorHealth().liveOutputs().getFirst();
            assertThat(health.dropped()).as(health.toString()).isPositive();
            assertThat(health.delivered()).isZero();
            assertThat(o.cli.err()).contains("warning: --out prometheus-rw=http://127.0.0.1:" + port, "batches were dropped");
            assertThat(o.cli.out()).contains("WARNINGS", "batches were dropped");
            if (!receiver.equals("down")) assertThat(requests.get()).isPositive();
            if (receiver.equals("500")) assertThat(health.problem()).contains("HTTP 500");
        } finally {
            if (server != null) server.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void aHealthyReceiverTakesEveryBatchWithoutAWarning() throws Exception {
        ExecutorService handlers = Executors.newCachedThreadPool();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = server(handlers, requests, 0, 204);
        try {
            Outcome o = run(server.getAddress().getPort());
            assertThat(o.cli.exitCode()).as(o.cli.toString()).isZero();
            LiveOutputHealth health = o.result.generatorHealth().liveOutputs().getFirst();
            assertThat(health.dropped()).as(health.toString()).isZero();
            assertThat(health.delivered()).isEqualTo(requests.get()).isGreaterThanOrEqualTo(3);
            assertThat(o.cli.err()).doesNotContain("warning");
            assertThat(o.cli.out()).doesNotContain("batches were dropped").contains("--out batches " + health.delivered() + " sent, 0 dropped");
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private record Outcome(CliRun cli, RunResult result, long millis) {}

    private Outcome run(int port) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: receiver
                scenarios:
                  s:
                    executor: constant-vus
                    vus: 1
                    duration: 3s
                    flow: [{think: 50ms}]
                """);
        Path summary = dir.resolve("summary.json");
        long start = System.nanoTime();
        CliRun cli = CliRun.of("run", plan.toString(), "--no-warmup", "--json", summary.toString(),
                "--out", "prometheus-rw=http://127.0.0.1:" + port + "/api/v1/write");
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Outcome(cli, JsonSummary.read(summary), millis);
    }

    /** A receiver that answers {@code status} after {@code delayMillis}, counting the requests. */
    private static HttpServer server(ExecutorService handlers, AtomicInteger requests, long delayMillis, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/api/v1/write", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                exchange.close();
                return;
            }
            byte[] body = status >= 400 ? "out of order sample".getBytes() : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
