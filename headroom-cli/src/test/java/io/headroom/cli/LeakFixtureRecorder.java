package io.headroom.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.target.TargetSeries;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the fixtures of the leak rule's tests in headroom-analysis ({@code demo-healthy-memory.json},
 * {@code demo-leak-memory.json}): the demo under 50 requests a second for 70 s, watched with
 * {@code --monitor-pid} and {@code --profile-pid}, with the JVM's default heap sizing (so the heap, and with
 * it resident memory, expands under load; a small young generation, so collections come every second or two), healthy and with {@code --leak-kb-per-request 16}. Kept out of
 * the normal build; rerun with
 * {@code mvn -o -q -pl headroom-cli -am test -Dtest=LeakFixtureRecorder -Dsurefire.failIfNoSpecifiedTests=false -Dfixtures.record=true}.
 */
@EnabledIfSystemProperty(named = "fixtures.record", matches = "true")
class LeakFixtureRecorder {
    private static final Path FIXTURES = Path.of("../headroom-analysis/src/test/resources/io/headroom/analysis/diagnose");
    private static final List<String> EXPANDING_HEAP = List.of("-Xmx512m", "-Xmn8m", "-XX:+UseG1GC");

    @Test
    void recordHealthy(@TempDir Path dir) throws Exception {
        record(dir, "demo-healthy-memory.json");
    }

    @Test
    void recordLeak(@TempDir Path dir) throws Exception {
        record(dir, "demo-leak-memory.json", "--leak-kb-per-request", "16");
    }

    private static void record(Path dir, String fixture, String... demoArgs) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                name: leak-fixture
                baseUrl: ${ENV:BASE_URL}
                scenarios:
                  api:
                    executor: constant-arrival-rate
                    rate: 50
                    timeUnit: 1s
                    duration: 70s
                    preAllocatedVUs: 10
                    maxVUs: 40
                    flow:
                      - get: /products/1
                        name: api
                """);
        CliRun run;
        try (DemoChild demo = DemoChild.startWith(EXPANDING_HEAP, demoArgs)) {
            run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-q", "-e", "BASE_URL=" + demo.baseUrl(),
                    "--json", dir.resolve("summary.json").toString(), "--html", dir.resolve("report.html").toString(),
                    "--monitor-pid", Long.toString(demo.pid()), "--profile-pid", Long.toString(demo.pid()));
        }
        assertThat(run.exitCode()).as(run.toString()).isZero();
        RunResult result = JsonSummary.read(dir.resolve("summary.json"));
        ProfileReport profile = ProfileJson.read(dir.resolve("profile.json"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("source", "LeakFixtureRecorder: serve-demo " + String.join(" ", demoArgs) + " with " + EXPANDING_HEAP
                + ", 50 req/s for 70 s, run --monitor-pid --profile-pid");
        ArrayNode rss = root.putArray("rss");
        for (TargetSeries.Point p : TargetSeries.of(result, TargetSeries.RSS)) rss.addArray().add(p.seconds()).add(p.value());
        root.set("heapAfterGc", json.valueToTree(profile.heapAfterGc()));
        Files.createDirectories(FIXTURES);
        Files.writeString(FIXTURES.resolve(fixture), json.writeValueAsString(root) + "\n");
        System.out.println(run.out());
    }
}
