package io.headroom.analysis.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.target.TargetSeries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak rule on what Headroom recorded of the real demo (fixtures made by headroom-cli's
 * {@code LeakFixtureRecorder}: 70 s at 50 req/s, heap free to expand): the healthy demo's resident memory grows
 * while its heap after GC stays flat; with {@code --leak-kb-per-request 16} the heap after GC climbs. 70 s is
 * below the default minimum, so the verdicts are asked for with a {@link LeakCheck} that fits the fixtures.
 */
class LeakRuleOnDemoFixturesTest {
    private static final LeakCheck FITS_THE_FIXTURES = new LeakCheck(5, 30);

    private record Recorded(RunResult run, ProfileReport profile) {}

    private static Recorded load(String name) throws IOException {
        JsonNode root;
        try (InputStream in = LeakRuleOnDemoFixturesTest.class.getResourceAsStream(name)) {
            root = new ObjectMapper().readTree(in);
        }
        List<IntervalPoint> points = new ArrayList<>();
        for (JsonNode p : root.get("rss")) {
            double bytes = p.get(1).asDouble();
            points.add(new IntervalPoint(Math.round(p.get(0).asDouble() * 1000), List.of(new IntervalPoint.Series(
                    TargetSeries.RSS, MetricKind.GAUGE, Tags.empty(), 0, 0, bytes, bytes, 0, 0, 0, bytes))));
        }
        RunInfo info = new RunInfo(name, Instant.EPOCH, Duration.ofSeconds(70), List.of(), Map.of());
        RunResult run = new RunResult(info, RunOutcome.COMPLETED, List.of(), List.of(), List.of(), points);
        JsonNode heap = root.get("heapAfterGc");
        List<ProfileReport.HeapPoint> heapPoints = new ArrayList<>();
        for (JsonNode p : heap.get("points")) {
            heapPoints.add(new ProfileReport.HeapPoint(p.get("seconds").asDouble(), p.get("usedBytes").asLong()));
        }
        ProfileReport profile = TargetDiagnosisTest.profileWith(new ProfileReport.HeapAfterGc(
                heap.get("collections").asLong(), heap.get("committedBytes").asLong(), heapPoints));
        return new Recorded(run, profile);
    }

    private static Finding leakFinding(List<Finding> findings) {
        return findings.stream().filter(f -> f.rule() == Rule.TARGET_MEMORY_GROWTH).findFirst()
                .orElseThrow(() -> new AssertionError("no memory growth finding in " + findings));
    }

    @Test
    void theLeakingDemoIsAPossibleLeakOnItsHeapAfterGc() throws IOException {
        Recorded leak = load("demo-leak-memory.json");

        Finding finding = leakFinding(TargetDiagnosis.of(leak.run(), 2, leak.profile(), null, FITS_THE_FIXTURES));

        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.title()).startsWith("Possible leak: heap after GC +");
    }

    @Test
    void theHealthyDemoWhoseResidentMemoryGrowsIsNoLeak() throws IOException {
        Recorded healthy = load("demo-healthy-memory.json");
        List<TargetSeries.Point> rss = TargetSeries.of(healthy.run(), TargetSeries.RSS);
        assertThat(rss.getLast().value()).as("the premise: resident memory grew while the heap expanded")
                .isGreaterThan(1.3 * rss.getFirst().value());

        Finding withHeap = leakFinding(TargetDiagnosis.of(healthy.run(), 2, healthy.profile(), null, FITS_THE_FIXTURES));
        Finding rssOnly = leakFinding(TargetDiagnosis.of(healthy.run(), 2, null, null, FITS_THE_FIXTURES));

        assertThat(withHeap.severity()).isEqualTo(Severity.INFO);
        assertThat(withHeap.title()).isEqualTo("No steady heap growth after GC");
        assertThat(rssOnly.severity()).as("resident memory alone is weak evidence").isEqualTo(Severity.INFO);
        assertThat(rssOnly.title()).doesNotStartWith("Possible leak");
    }

    @Test
    void withTheDefaultMinimumBothSeventySecondRunsAreInconclusive() throws IOException {
        for (String name : List.of("demo-leak-memory.json", "demo-healthy-memory.json")) {
            Recorded r = load(name);
            Finding finding = leakFinding(TargetDiagnosis.of(r.run(), 2, r.profile(), null));
            assertThat(finding.title()).as(name).startsWith("Leak check inconclusive: ");
            assertThat(finding.severity()).isEqualTo(Severity.INFO);
        }
    }
}
