package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials in a request URL never reach the console, the JSON summary or any report file. */
class SecretsTest {
    @TempDir
    Path dir;

    @Test
    void urlCredentialsAreRedactedInEveryOutput() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: secrets
                    scenarios:
                      api:
                        executor: per-vu-iterations
                        vus: 1
                        iterations: 3
                        flow:
                          - get: http://alice:s3cret-pw@127.0.0.1:%d/products?limit=1
                    """.formatted(demo.port()));
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "--quiet", "--json", dir.resolve("summary.json").toString(),
                    "--html", dir.resolve("report.html").toString(), "--junit", dir.resolve("junit.xml").toString(),
                    "--csv", dir.resolve("intervals.csv").toString(), "--markdown", dir.resolve("summary.md").toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out() + run.err()).doesNotContain("s3cret-pw");
            assertThat(run.out()).contains("[REDACTED]@127.0.0.1");
            for (String name : List.of("summary.json", "report.html", "junit.xml", "intervals.csv", "summary.md")) {
                assertThat(Files.readString(dir.resolve(name))).as(name).doesNotContain("s3cret-pw");
            }
            assertThat(Files.readString(dir.resolve("summary.json"))).contains("[REDACTED]@127.0.0.1");
        }
    }

    @Test
    void queryParametersNamedWithRedactAreHiddenInEveryOutputAndOthersKept() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: api-key
                    scenarios:
                      api:
                        executor: per-vu-iterations
                        vus: 1
                        iterations: 2
                        flow:
                          - get: http://127.0.0.1:%d/products?limit=1&api_key=k3y-value
                    """.formatted(demo.port()));
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "--quiet", "--redact", "API_KEY",
                    "--json", dir.resolve("summary.json").toString(), "--html", dir.resolve("report.html").toString(),
                    "--csv", dir.resolve("intervals.csv").toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).doesNotContain("k3y-value").contains("limit=1&api_key=[REDACTED]");
            for (String name : List.of("summary.json", "report.html", "intervals.csv")) {
                assertThat(Files.readString(dir.resolve(name))).as(name).doesNotContain("k3y-value");
            }
        }
    }

    @Test
    void namesListedUnderRedactInThePlanAreHiddenInEveryOutput() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: plan-redact
                    redact: [session_token]
                    scenarios:
                      api:
                        executor: per-vu-iterations
                        vus: 1
                        iterations: 2
                        flow:
                          - get: http://127.0.0.1:%d/products?limit=1&session_token=t0ken-value
                    """.formatted(demo.port()));
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "--quiet",
                    "--json", dir.resolve("summary.json").toString(), "--markdown", dir.resolve("summary.md").toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).doesNotContain("t0ken-value").contains("session_token=[REDA"); // the table may shorten it
            assertThat(Files.readString(dir.resolve("summary.json"))).contains("session_token=[REDACTED]");
            for (String name : List.of("summary.json", "summary.md")) {
                assertThat(Files.readString(dir.resolve(name))).as(name).doesNotContain("t0ken-value");
            }
        }
    }
}
