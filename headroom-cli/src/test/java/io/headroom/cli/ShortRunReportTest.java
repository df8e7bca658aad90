package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a short constant-VU run with a uniform 5 % error rate, watched with {@code --monitor-pid}
 * (issue 21): it shows only what the analysis stands behind. No capacity curve and no error cliff from start-up
 * seconds, no "no growth" sentence with an hourly rate extrapolated from seconds, and "too short to judge" / "not
 * judged" where that is the truth; the error rate, which the run does measure, is still a finding.
 */
class ShortRunReportTest {
    @TempDir
    Path dir;

    @Test
    void aShortConstantRunShowsOnlyWhatItCanJudge() throws Exception {
        Path html = dir.resolve("report.html");
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            demo.faults().setErrorRate(0.05);
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: short-constant
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      api:
                        executor: constant-vus
                        vus: 8
                        duration: 3s
                        flow:
                          - get: /products?limit=5
                            name: products
                    """);
            // The demo runs in this JVM: --monitor-pid watches it (heap over JMX, resident memory from /proc).
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--html", html.toString(), "--monitor-pid", Long.toString(ProcessHandle.current().pid()));
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        String page = Files.readString(html);
        int start = page.indexOf("<section id=\"findings\">");
        String findings = page.substring(start, page.indexOf("</section>", start));

        assertThat(page).doesNotContain("<section id=\"capacity\">");
        assertThat(findings).as(findings).contains("Error rate")
                .doesNotContain("Errors jump", "capacity reached", "Latency grows with load")
                .contains("Load against concurrency not judged", "the plan held the load constant (constant-vus)",
                        "Latency drift over the run too short to judge");
        // Memory: a verdict needs minutes; seconds of it are "inconclusive" or "too short", never a rate per hour.
        assertThat(findings).containsAnyOf("Leak check inconclusive", "Memory growth: too short to judge")
                .doesNotContain("MB/hour").doesNotContain("No steady memory growth");
    }
}
