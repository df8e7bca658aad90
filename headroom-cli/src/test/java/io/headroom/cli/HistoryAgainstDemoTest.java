package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.analysis.history.HistoryEntry;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.report.ResultsIndex;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results index through the real CLI: 1-second runs of one plan against the demo shop (one with 60 ms added
 * latency, one with none, one with 30 ms, then a run flagged invalid as a starved generator's would be), a run of
 * another plan, and a last run; then {@code compare --baseline previous|best|median-of-5} and {@code trend}, its HTML opened
 * in headless Chromium.
 */
// Alone: concurrent runs on a small machine would blur the latency differences the baselines are chosen by.
@Isolated
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryAgainstDemoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // A closed model: no schedule, so a busy machine cannot make a run invalid by scheduling lag behind the test's back.
    private static final String PLAN = """
            name: history-shop
            baseUrl: ${ENV:BASE_URL}
            scenarios:
              api:
                executor: constant-vus
                vus: 2
                duration: 1s
                flow:
                  - get: /products?limit=5
                    name: products
            """;

    Path dir;
    Path results;
    Path plan;
    Path otherPlan;
    DemoServer demo;
    /** The runs of the plan in order: slow (60 ms), fast (0), middle (30 ms), invalid (200 ms), last (0); then the other plan's. */
    List<HistoryEntry> runs;
    HistoryEntry other;

    @BeforeAll
    void runTheHistory() throws IOException {
        dir = Files.createTempDirectory("headroom-history-");
        results = dir.resolve("results");
        plan = dir.resolve("plan.yaml");
        Files.writeString(plan, PLAN);
        otherPlan = dir.resolve("other.yaml");
        Files.writeString(otherPlan, PLAN.replace("history-shop", "other-shop"));
        demo = DemoServer.start(DemoConfig.defaults());
        run(plan, 60);
        run(plan, 0);
        run(plan, 30);
        run(plan, 200);
        run(otherPlan, 0);
        run(plan, 0);
        List<HistoryEntry> all = new ResultsIndex(results).read(w -> { throw new AssertionError(w); });
        assertThat(all).hasSize(6);
        markInvalid(all.get(3));
        all = new ResultsIndex(results).read(w -> { throw new AssertionError(w); });
        other = all.get(4);
        runs = new ArrayList<>(all);
        runs.remove(4);
    }

    @AfterAll
    void stop() throws IOException {
        if (demo != null) demo.close();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** One kept run with {@code addedLatencyMillis} at the demo. */
    private void run(Path planFile, long addedLatencyMillis) {
        demo.faults().setAddedLatencyMillis(addedLatencyMillis);
        CliRun run = CliRun.of("run", planFile.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                "--results-dir", results.toString());
        demo.faults().setAddedLatencyMillis(0);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).containsPattern("run \\S+ kept in the results index ");
    }

    /**
     * Makes {@code entry}'s run what the generator self-check makes a run it starved: its kept summary gets an
     * invalid-run reason, its index entry {@code invalidRun: true} and exit 98. A starved generator cannot be had on
     * demand (since drops from a VU shortage only warn, only scheduling lag from an overloaded machine makes a run
     * invalid), so the flag is set on a real run, in both files, as the run would have written them.
     */
    private void markInvalid(HistoryEntry entry) throws IOException {
        Path summary = results.resolve(entry.summary());
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(summary.toFile());
        var health = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("generatorHealth");
        health.put("invalidRun", true);
        health.putArray("reasons").add("scheduling lag p(99) was 52.9 ms (bound 10 ms; 9 iterations started more than"
                + " 10 ms late) because the generator could not keep up");
        JSON.writerWithDefaultPrettyPrinter().writeValue(summary.toFile(), root);
        Path indexFile = results.resolve("index.json");
        var index = JSON.readTree(indexFile.toFile());
        for (JsonNode run : index.get("runs")) {
            if (run.get("runId").asText().equals(entry.runId())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) run).put("invalidRun", true).put("exitCode", 98);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(indexFile.toFile(), index);
        assertThat(io.headroom.report.JsonSummary.read(summary).generatorHealth().invalid()).isTrue();
    }

    @Test
    void everyRunIsKeptWithItsPlanIdentityOutcomeAndSummary() {
        assertThat(runs).extracting(HistoryEntry::planName).containsOnly("history-shop");
        assertThat(runs).extracting(HistoryEntry::planHash).containsOnly(PlanHash.of(plan));
        assertThat(other.planHash()).isEqualTo(PlanHash.of(otherPlan)).isNotEqualTo(PlanHash.of(plan));
        assertThat(runs).extracting(HistoryEntry::invalid).containsExactly(false, false, false, true, false);
        assertThat(runs).extracting(HistoryEntry::exitCode).containsExactly(0, 0, 0, 98, 0);
        assertThat(runs).extracting(HistoryEntry::scenarios).containsOnly(List.of("api"));
        assertThat(runs).allSatisfy(e -> {
            assertThat(results.resolve(e.summary())).isRegularFile();
            assertThat(e.p95Millis()).isPositive();
            assertThat(e.requestsPerSecond()).isPositive();
        });
        // The latency the demo added shows in the index: slow > middle > fast.
        assertThat(runs.get(0).p95Millis()).isGreaterThan(runs.get(2).p95Millis());
        assertThat(runs.get(2).p95Millis()).isGreaterThan(runs.get(1).p95Millis());
    }

    @Test
    void previousSkipsTheInvalidRunAndNeverPicksTheOtherPlan() {
        CliRun compare = CliRun.of("compare", "--baseline", "previous", "--results-dir", results.toString());
        assertThat(compare.exitCode()).as(compare.toString()).isIn(0, 99);
        assertThat(compare.err()).contains("skipped " + runs.get(3).runId() + ": invalid run",
                "comparing " + runs.get(4).runId() + " with " + runs.get(2).runId() + ", the previous valid run of plan history-shop");
        assertThat(compare.err() + compare.out()).doesNotContain(other.runId()).doesNotContain("\tat ");
        assertThat(compare.out()).contains(runs.get(2).runId() + ".json → " + runs.get(4).runId() + ".json");
    }

    @Test
    void bestIsTheFastestEarlierValidRun() {
        CliRun compare = CliRun.of("compare", "--baseline", "best", "--results-dir", results.toString());
        assertThat(compare.exitCode()).as(compare.toString()).isIn(0, 99);
        assertThat(compare.err()).contains("with " + runs.get(1).runId() + ", the lowest p95");
        assertThat(compare.out()).contains(runs.get(1).runId() + ".json → " + runs.get(4).runId() + ".json");
    }

    @Test
    void medianOfFiveIsTheMiddleRunAndSaysThereWereFewerThanFive() {
        CliRun compare = CliRun.of("compare", "--baseline", "median-of-5", "--results-dir", results.toString());
        assertThat(compare.exitCode()).as(compare.toString()).isIn(0, 99);
        assertThat(compare.err()).contains("with " + runs.get(2).runId() + ", the run with the median p95",
                "of only 3 (fewer than 5) earlier valid runs", "skipped " + runs.get(3).runId() + ": invalid run");
    }

    @Test
    void anEarlierRunCanBeJudgedByItsIdOrItsSummary() {
        // The invalid run judged: its own baseline is the middle run, and it is told that it is itself invalid.
        CliRun byId = CliRun.of("compare", "--baseline", "previous", runs.get(3).runId(), "--results-dir", results.toString());
        assertThat(byId.err()).as(byId.toString()).contains("is itself invalid", "with " + runs.get(2).runId());
        Path summary = results.resolve(runs.get(2).summary());
        CliRun bySummary = CliRun.of("compare", "--baseline", "previous", summary.toString(), "--results-dir", results.toString());
        assertThat(bySummary.err()).as(bySummary.toString()).contains("comparing " + runs.get(2).runId() + " with " + runs.get(1).runId());
    }

    @Test
    void noEarlierRunIsAUsageErrorSayingWhatTheIndexHolds() {
        CliRun first = CliRun.of("compare", "--baseline", "previous", runs.get(0).runId(), "--results-dir", results.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        assertThat(first.err()).contains("no earlier run of plan history-shop").doesNotContain("\tat ");
        // The other plan's only run has five earlier runs, all of another plan: none of them is picked.
        CliRun otherPlanRun = CliRun.of("compare", "--baseline", "best", other.runId(), "--results-dir", results.toString());
        assertThat(otherPlanRun.exitCode()).as(otherPlanRun.toString()).isEqualTo(2);
        assertThat(otherPlanRun.err()).contains("no earlier run of plan other-shop", "4 earlier runs are of other plans");
        CliRun empty = CliRun.of("compare", "--baseline", "previous", "--results-dir", dir.resolve("empty").toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("holds no runs yet");
        CliRun badWord = CliRun.of("compare", "--baseline", "average", "--results-dir", results.toString());
        assertThat(badWord.exitCode()).isEqualTo(2);
        assertThat(badWord.err()).contains("--baseline: expected one of previous, best, median-of-5");
        CliRun nothing = CliRun.of("compare", "--results-dir", results.toString());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("compare needs BEFORE and AFTER summaries, or --baseline");
    }

    @Test
    void trendShowsTheRunsOfThePlanWithTheInvalidOneMarkedAndDrawsThemInChromium() throws Exception {
        Path html = dir.resolve("trend.html");
        CliRun trend = CliRun.of("trend", plan.toString(), "--last", "10", "--html", html.toString(), "--results-dir", results.toString());
        assertThat(trend.exitCode()).as(trend.toString()).isZero();
        assertThat(trend.out()).contains("http_req_duration:p95 over the last 5 runs of plan", "! invalid run",
                "1 run invalid or incomplete", "trend chart written to " + html);
        for (HistoryEntry e : runs) assertThat(trend.out()).contains(e.runId());
        assertThat(trend.out()).doesNotContain(other.runId());

        JsonNode r = chart(html, "instrumented.html");
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("charts")).hasSize(1);
        JsonNode chart = r.get("charts").get(0);
        assertThat(chart.get("trustedPixels").asInt()).as(chart.toString()).isGreaterThan(100);
        assertThat(chart.get("untrustedPixels").asInt()).as("the invalid run's mark: " + chart).isGreaterThan(20);
        assertThat(r.get("rows").asInt()).isEqualTo(5);
        assertThat(r.get("untrustedRows").asInt()).isEqualTo(1);
        // The invalid run is off the line: its value is only in the untrusted column, at its place.
        JsonNode data = JSON.readTree(r.get("data").asText());
        assertThat(data.get("trusted").get(3).isNull()).isTrue();
        assertThat(data.get("untrusted").get(3).asDouble()).isEqualTo(runs.get(3).p95Millis());
        for (int i : new int[] {0, 1, 2, 4}) assertThat(data.get("untrusted").get(i).isNull()).isTrue();
    }

    @Test
    void trendOfAPlanWithoutInvalidRunsDrawsNoInvalidMark() throws Exception {
        Path html = dir.resolve("trend-other.html");
        CliRun trend = CliRun.of("trend", "--plan", "other-shop", "--metric", "http_reqs:rate", "--html", html.toString(),
                "--results-dir", results.toString());
        assertThat(trend.exitCode()).as(trend.toString()).isZero();
        assertThat(trend.out()).contains("http_reqs:rate over the last 1 run of plan named other-shop", other.runId())
                .doesNotContain("invalid");
        JsonNode r = chart(html, "instrumented-other.html");
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        JsonNode chart = r.get("charts").get(0);
        assertThat(chart.get("trustedPixels").asInt()).as(chart.toString()).isGreaterThan(20);
        assertThat(chart.get("untrustedPixels").asInt()).as(chart.toString()).isZero();
    }

    @Test
    void trendRefusesWhatItCannotShowWithExit2() {
        CliRun metric = CliRun.of("trend", plan.toString(), "--metric", "vus:max", "--results-dir", results.toString());
        assertThat(metric.exitCode()).isEqualTo(2);
        assertThat(metric.err()).contains("--metric: the results index keeps http_req_duration:p50");
        CliRun neither = CliRun.of("trend", "--results-dir", results.toString());
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("trend needs a PLAN file or --plan NAME");
        CliRun unknown = CliRun.of("trend", "--plan", "nope", "--results-dir", results.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no runs of the plan named nope", "it holds runs of history-shop, other-shop");
    }

    @Test
    void aCorruptIndexIsRebuiltWithAWarningAndTheCommandsCarryOn() throws IOException {
        Path copy = dir.resolve("corrupt-copy");
        copyTree(results, copy);
        Files.writeString(copy.resolve("index.json"), "{ this is not json");
        CliRun trend = CliRun.of("trend", plan.toString(), "--results-dir", copy.toString());
        assertThat(trend.exitCode()).as(trend.toString()).isZero();
        assertThat(trend.err()).contains(copy.resolve("index.json") + " is corrupt", "rebuilt it from the 6 summaries")
                .doesNotContain("\tat ");
        for (HistoryEntry e : runs) assertThat(trend.out()).contains(e.runId());
        // Intact: no warning at all.
        CliRun again = CliRun.of("trend", plan.toString(), "--results-dir", copy.toString());
        assertThat(again.err()).isEmpty();
    }

    @Test
    void noHistoryKeepsNothingAndAnUnwritableNamedFolderIsRefusedBeforeAnyLoad() throws IOException {
        Path elsewhere = dir.resolve("elsewhere");
        CliRun off = CliRun.of("run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--no-history",
                "--results-dir", elsewhere.toString());
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).doesNotContain("kept in the results index");
        assertThat(elsewhere).doesNotExist();
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliRun refused = CliRun.of("run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                "--results-dir", file.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--results-dir", "--no-history").doesNotContain("\tat ");
    }

    @Test
    void keepRunsPrunesTheOldestRunsAndTheirSummariesAndZeroIsRefused() throws IOException {
        Path copy = dir.resolve("pruned-copy");
        copyTree(results, copy);
        CliRun run = CliRun.of("run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--keep-runs", "3",
                "--results-dir", copy.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("(4 oldest runs pruned, --keep-runs 3)");
        List<HistoryEntry> kept = new ResultsIndex(copy).read(w -> { throw new AssertionError(w); });
        assertThat(kept).hasSize(3);
        assertThat(kept.getFirst().runId()).isEqualTo(other.runId());
        assertThat(copy.resolve(runs.get(0).summary())).doesNotExist();
        try (var files = Files.list(copy.resolve("runs"))) {
            assertThat(files.count()).isEqualTo(3);
        }
        CliRun zero = CliRun.of("run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--keep-runs", "0",
                "--results-dir", copy.toString());
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--keep-runs must be at least 1");
    }

    @Test
    void twoRunsInTwoProcessesAtOnceAreBothKept() throws Exception {
        Path shared = dir.resolve("shared");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                    // A cold JVM may drop an iteration in its first second: that verdict is not what is tested here.
                    Main.class.getName(), "run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--results-dir", shared.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child run did not finish");
            }
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("child-" + i + ".log"))).isZero();
        }
        List<HistoryEntry> kept = new ResultsIndex(shared).read(w -> { throw new AssertionError(w); });
        assertThat(kept).hasSize(2);
        assertThat(kept).allSatisfy(e -> assertThat(shared.resolve(e.summary())).isRegularFile());
    }

    // ---- helpers ----

    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors, charts: [] };
              try {
                r.rows = document.querySelectorAll('#runs tbody tr').length;
                r.untrustedRows = document.querySelectorAll('#runs tbody tr.untrusted').length;
                r.data = document.getElementById('headroom-trend').textContent;
                (window.__headroomCharts || []).forEach(function (u) {
                  var canvas = u.ctx.canvas;
                  var px = u.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                  function count(hex) {
                    var c = [parseInt(hex.substr(1, 2), 16), parseInt(hex.substr(3, 2), 16), parseInt(hex.substr(5, 2), 16)], n = 0;
                    for (var i = 0; i < px.length; i += 4) {
                      if (px[i + 3] !== 0 && Math.abs(px[i] - c[0]) < 8 && Math.abs(px[i + 1] - c[1]) < 8 && Math.abs(px[i + 2] - c[2]) < 8) n++;
                    }
                    return n;
                  }
                  r.charts.push({ id: u.__container.id, width: canvas.width,
                    trustedPixels: count(u.series[1].stroke(u, 1)), untrustedPixels: count(u.series[2].stroke(u, 2)) });
                });
              } catch (e) {
                r.errors.push('harness: ' + e);
              }
              var pre = document.createElement('pre');
              pre.id = 'test-results';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            })();
            </script>
            """;

    private JsonNode chart(Path html, String instrumented) throws Exception {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        return JSON.readTree(Chromium.harnessResults(dir.resolve(instrumented), page, DRIVER));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
