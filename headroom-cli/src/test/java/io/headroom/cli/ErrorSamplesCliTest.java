package io.headroom.cli;

import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.FaultSettings;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The first message of every error code reaches the console, the JSON summary and the HTML report. */
class ErrorSamplesCliTest {
    @TempDir
    Path dir;

    private CliRun run(String url) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: errors
                scenarios:
                  api:
                    executor: per-vu-iterations
                    vus: 1
                    iterations: 4
                    flow:
                      - get: %s
                        name: target
                """.formatted(url));
        return CliRun.of("run", plan.toString(), "--quiet", "--accept-invalid-run",
                "--json", dir.resolve("summary.json").toString(), "--html", dir.resolve("report.html").toString());
    }

    @Test
    void refusedConnectionsShowTheTransportMessageInConsoleJsonAndHtml() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String message = "dial tcp 127.0.0.1:" + closedPort + ": connection refused";

        CliRun run = run("http://127.0.0.1:" + closedPort + "/products");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("█ ERRORS");
        assertThat(run.out().substring(run.out().indexOf("█ ERRORS"))).containsSubsequence("1212", "4", message);
        RunResult read = JsonSummary.read(dir.resolve("summary.json"));
        assertThat(read.errorSamples()).hasSize(1);
        ErrorSample sample = read.errorSamples().getFirst();
        assertThat(sample.code()).isEqualTo("1212");
        assertThat(sample.message()).isEqualTo(message);
        assertThat(sample.count()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<code>" + message + "</code>");
    }

    @Test
    void serverErrorsShowTheStatusAndItsReason() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults().withFaults(FaultSettings.NONE.withErrorRate(1.0)))) {
            CliRun run = run(demo.baseUrl() + "/products?limit=1");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out().substring(run.out().indexOf("█ ERRORS")))
                    .containsSubsequence("1500", "4", "HTTP 500 Internal Server Error");
            assertThat(JsonSummary.read(dir.resolve("summary.json")).errorSamples())
                    .extracting(ErrorSample::code, ErrorSample::message, ErrorSample::count)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1500", "HTTP 500 Internal Server Error", 4L));
            assertThat(Files.readString(dir.resolve("report.html"))).contains("<code>HTTP 500 Internal Server Error</code>");
        }
    }
}
