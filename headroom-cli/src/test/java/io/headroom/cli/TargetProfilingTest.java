package io.headroom.cli;

import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --profile-pid} against the demo shop in a child JVM, with the CPU-heavy endpoint in the plan. */
class TargetProfilingTest {
    @TempDir
    Path dir;

    @Test
    void profilePidPutsTheTargetsHotMethodIntoTheReportAndProfileJson() throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: profiled
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  compute:
                    executor: constant-arrival-rate
                    rate: 40
                    timeUnit: 1s
                    duration: 6s
                    preAllocatedVUs: 10
                    maxVUs: 40
                    flow:
                      - get: /compute?n=1000
                        name: compute
                """);
        CliRun run;
        try (DemoChild demo = DemoChild.start()) {
            run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-q", "-e", "BASE_URL=" + demo.baseUrl(),
                    "--html", dir.resolve("report.html").toString(), "--profile-pid", Long.toString(demo.pid()),
                    "--profile-self");
        }

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ProfileReport profile = ProfileJson.read(dir.resolve("profile.json"));
        assertThat(profile.cpu().sampleCount()).as(run.toString()).isPositive();
        assertThat(dir.resolve("flame-wall.html")).content().contains("Wall-clock flame graph: pid ", "\"unit\":\"ms\"");
        // On a machine whose cores other processes hold, the target gets too little CPU in the steady window
        // for its profile to say anything; that is a busy machine, not a wrong profile.
        org.junit.jupiter.api.Assumptions.assumeTrue(profile.cpu().sampleCount() >= 30,
                "only " + profile.cpu().sampleCount() + " CPU samples of the target: machine busy");
        assertThat(profile.cpu().topSelf().subList(0, Math.min(3, profile.cpu().topSelf().size())))
                .as(profile.cpu().topSelf().toString())
                .anySatisfy(m -> assertThat(m.method()).startsWith("io.headroom.demo.Catalogue."));
        assertThat(profile.cpu().topTotal()).extracting(ProfileReport.HotMethod::method)
                .contains("io.headroom.demo.Catalogue.rankProducts");
        assertThat(dir.resolve("flame.html")).content().contains("Catalogue.rankProducts");
        assertThat(dir.resolve("profile-self.json")).exists();
        assertThat(dir.resolve("flame-self.html")).exists();
        assertThat(run.out()).contains("Top hot method:", "Generator (Headroom's JVM): CPU at peak",
                "profile written to " + dir.resolve("flame.html"));

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<section id=\"target-profile\">", "<section id=\"generator-profile\">",
                "<table class=\"hot-methods\">", "io.headroom.demo.Catalogue.", "<iframe class=\"flame\"",
                "Top hot method:");
    }
}
