package io.headroom.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSummaryTest {
    private static final Path SCHEMA_FILE = Path.of("../docs/summary.schema.json");
    private static final Pattern HISTOGRAM_FIELD = Pattern.compile("\"histogram\": \"([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path dir;

    @Test
    void writesSmallRunLikeGoldenFile() throws Exception {
        String json = JsonSummary.toJson(SampleResults.smallRun());
        if (Boolean.getBoolean("golden.update")) Golden.assertMatches("small-summary.json", json);
        // Deflate output may differ between zlib builds; compare histograms by their decoded content.
        assertThat(canonicalHistograms(json)).isEqualTo(canonicalHistograms(golden("small-summary.json")));
    }

    @Test
    void goldenFileReadsBackToTheResultItWasWrittenFrom() throws Exception {
        Path file = dir.resolve("small-summary.json");
        Files.writeString(file, golden("small-summary.json"));
        assertThat(JsonSummary.read(file)).isEqualTo(SampleResults.smallRun());
    }

    @Test
    void roundTripRestoresAnEqualResult() throws Exception {
        RunResult original = SampleResults.checkoutRun(RunOutcome.ABORTED_BY_THRESHOLD);
        Path file = dir.resolve("summary.json");
        JsonSummary.write(original, file);

        RunResult read = JsonSummary.read(file);

        assertThat(read).isEqualTo(original);
        assertThat(read.intervals()).isEqualTo(original.intervals());
        assertThat(read.info().duration()).isEqualTo(original.info().duration());
        for (int i = 0; i < original.series().size(); i++) {
            SeriesResult before = original.series().get(i);
            SeriesResult after = read.series().get(i);
            assertThat(after.stats()).isEqualTo(before.stats());
            if (before.stats() instanceof TrendStats t) {
                TrendStats decoded = (TrendStats) after.stats();
                assertThat(decoded.histogram()).isNotSameAs(t.histogram());
                assertThat(decoded.histogram().getTotalCount()).isEqualTo(t.histogram().getTotalCount());
                for (double p : new double[] {0, 25, 50, 90, 95, 99, 99.9, 99.99, 100}) {
                    assertThat(decoded.percentile(p)).as("%s p(%s)", before.metric(), p).isEqualTo(t.percentile(p));
                }
                assertThat(decoded.histogram().getMean()).isEqualTo(t.histogram().getMean());
            }
        }
    }

    @Test
    void decodedHistogramsMergeExactlyIntoEndpointPercentiles() throws Exception {
        RunResult original = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        Path file = dir.resolve("summary.json");
        JsonSummary.write(original, file);

        assertThat(EndpointSummary.of(JsonSummary.read(file))).isEqualTo(EndpointSummary.of(original));
    }

    @Test
    void keepsNonFiniteValuesNegativeZeroAndMissingHistograms() throws Exception {
        RunResult base = SampleResults.smallRun();
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult("odd_gauge", MetricKind.GAUGE, ValueType.DEFAULT, Tags.of("k", "v"),
                new GaugeStats(Double.NaN, Double.NEGATIVE_INFINITY, -0.0)));
        series.add(new SeriesResult("no_histogram", MetricKind.TREND, ValueType.TIME, Tags.empty(),
                new TrendStats(0, 0, 0, 0, 0, 0, 0, 0, 0, null)));
        List<IntervalPoint> intervals = List.of(new IntervalPoint(1_000, List.of(
                new IntervalPoint.Series("odd_gauge", MetricKind.GAUGE, Tags.of("k", "v"), 0, 0, Double.POSITIVE_INFINITY,
                        0.1, 0, 0, 0, 1e300))));
        RunResult odd = new RunResult(base.info(), RunOutcome.INTERRUPTED, series, base.checks(), base.thresholds(), intervals);

        String json = JsonSummary.toJson(odd);
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "odd.json");

        assertThat(read).isEqualTo(odd);
        assertThat(json).contains("\"value\": \"NaN\"").contains("\"min\": \"-Infinity\"").contains("\"max\": -0.0");
        assertThat(schemaErrors(json)).isEmpty();
    }

    @Test
    void keepsEachScenariosOptionsInTheirOrderAndReadsOlderSummariesWithoutThem() throws Exception {
        RunResult base = SampleResults.smallRun();
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("startVUs", "0");
        options.put("stages", "30s→10, 1m→0");
        options.put("gracefulRampDown", "30s");
        io.headroom.core.result.RunInfo info = new io.headroom.core.result.RunInfo(base.info().name(), base.info().startedAt(),
                base.info().duration(), List.of(new io.headroom.core.result.RunInfo.ScenarioInfo("ramp", "ramping-vus", false, 10, 5, 0, options),
                new io.headroom.core.result.RunInfo.ScenarioInfo("plain", "constant-vus", false, 1, 5, 0)), base.info().metadata());
        RunResult run = new RunResult(info, base.outcome(), base.series(), base.checks(), base.thresholds(), base.intervals());
        String json = JsonSummary.toJson(run);
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "options.json");
        assertThat(read).isEqualTo(run);
        assertThat(read.info().scenarios().getFirst().options().keySet()).containsExactly("startVUs", "stages", "gracefulRampDown");
        assertThat(read.info().scenarios().get(1).options()).isEmpty();
        assertThat(schemaErrors(json)).isEmpty();
        String bad = json.replace("\"gracefulRampDown\": \"30s\"", "\"gracefulRampDown\": 30");
        assertThat(bad).isNotEqualTo(json);
        assertThatThrownBy(() -> JsonSummary.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.json"))
                .isInstanceOf(SummaryFormatException.class).hasMessageContaining("options.gracefulRampDown").hasMessageContaining("expected a string");
    }

    @Test
    void keepsEachSecondsPerEndpointPercentilesAndReadsOlderSummariesWithoutThem() throws Exception {
        RunResult base = SampleResults.smallRun();
        Tags cart = Tags.of("name", "/cart", "method", "GET"), home = Tags.of("name", "/home", "method", "GET");
        IntervalPoint.Series total = new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.empty(), 30, 300, 0, 1, 9, 40, 80, 90);
        List<IntervalPoint> intervals = List.of(
                new IntervalPoint(1_000, List.of(total), List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, cart, 20, 200, 0, 1, 8, 30, 70, 90),
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, home, 10, 100, 0, 2, 10, 41, 81, 85))),
                new IntervalPoint(2_000, List.of(total), List.of(
                        new IntervalPoint.Series("http_req_duration", MetricKind.TREND, home, 30, 300, 0, 1, 9, 40, 80, 90))));
        RunResult run = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(), intervals);

        String json = JsonSummary.toJson(run);
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "endpoints.json");
        assertThat(read.intervals()).isEqualTo(intervals);
        assertThat(schemaErrors(json)).isEmpty();
        JsonNode endpoints = new ObjectMapper().readTree(json).get("intervals").get("endpoints");
        assertThat(endpoints).hasSize(2);
        JsonNode cartColumn = endpoints.get(0).get("tags").get("name").asText().equals("/cart") ? endpoints.get(0) : endpoints.get(1);
        assertThat(cartColumn.get("p95").toString()).isEqualTo("[30,null]");

        // A summary written before: no "endpoints", every point reads with none.
        String older = JsonSummary.toJson(new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(),
                List.of(new IntervalPoint(1_000, List.of(total)))));
        assertThat(older).doesNotContain("\"endpoints\"");
        assertThat(JsonSummary.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8)), "older.json").intervals())
                .allSatisfy(p -> assertThat(p.endpoints()).isEmpty());

        // A column of the wrong length is named by its path.
        String broken = json.replace("\"p95\": [ 30, null ]", "\"p95\": [ 30 ]").replace("\"p95\":[30,null]", "\"p95\":[30]");
        assertThat(broken).isNotEqualTo(json);
        assertThatThrownBy(() -> JsonSummary.read(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "broken.json"))
                .isInstanceOf(SummaryFormatException.class).hasMessageContaining("intervals.endpoints[").hasMessageContaining("p95");
    }

    @Test
    void keepsTheOrderOfSeriesWithinEachPointEvenWhenPointsDisagree() throws Exception {
        IntervalPoint.Series a = new IntervalPoint.Series("a", MetricKind.COUNTER, Tags.empty(), 1, 0, 0, 0, 0, 0, 0, 0);
        IntervalPoint.Series b = new IntervalPoint.Series("b", MetricKind.COUNTER, Tags.empty(), 2, 0, 0, 0, 0, 0, 0, 0);
        IntervalPoint.Series c = new IntervalPoint.Series("c", MetricKind.COUNTER, Tags.empty(), 3, 0, 0, 0, 0, 0, 0, 0);
        RunResult base = SampleResults.smallRun();
        // Point 0 says a < b, point 1 says c < a, point 2 says b < c: no single table order fits all three.
        List<IntervalPoint> intervals = List.of(new IntervalPoint(1_000, List.of(a, b)),
                new IntervalPoint(2_000, List.of(c, a)), new IntervalPoint(3_000, List.of(b, c)),
                new IntervalPoint(4_000, List.of(a, b, c)));
        RunResult shuffled = new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(), intervals);

        String json = JsonSummary.toJson(shuffled);
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "order.json");

        assertThat(read.intervals()).isEqualTo(intervals);
        assertThat(json).contains("\"seriesOrder\"");
        assertThat(schemaErrors(json)).isEmpty();
    }

    @Test
    void intervalStorageGrowsByNumbersNotByObjectsPerSecond() throws Exception {
        String tenSeconds = JsonSummary.toJson(runWithSeconds(10));
        RunResult hour = runWithSeconds(3_600);
        String oneHour = JsonSummary.toJson(hour);

        assertThat(oneHour.chars().filter(c -> c == '{').count()).isEqualTo(tenSeconds.chars().filter(c -> c == '{').count());
        // Five series with seven numbers each per second: well under 100 bytes per series and second.
        assertThat(oneHour.length()).isLessThan(3_600 * 5 * 100);
        assertThat(JsonSummary.read(new ByteArrayInputStream(oneHour.getBytes(StandardCharsets.UTF_8)), "hour.json"))
                .isEqualTo(hour);
    }

    private static RunResult runWithSeconds(int seconds) {
        RunResult base = SampleResults.smallRun();
        List<IntervalPoint> points = new ArrayList<>();
        for (int i = 1; i <= seconds; i++) {
            List<IntervalPoint.Series> series = new ArrayList<>();
            for (String name : List.of("/a", "/b", "/c", "/d", "/e")) {
                series.add(new IntervalPoint.Series("http_req_duration", MetricKind.TREND, Tags.of("name", name),
                        100 + i % 7, 1234.5 + i, 0, 1.001, 10.5 + i % 13, 45.25, 80.125, 120 + i % 100));
            }
            points.add(new IntervalPoint(i * 1_000L, series));
        }
        return new RunResult(base.info(), base.outcome(), base.series(), base.checks(), base.thresholds(), points);
    }

    @Test
    void needsNoExplicitOrderWhenPointsAgree() {
        String json = JsonSummary.toJson(SampleResults.checkoutRun(RunOutcome.COMPLETED));
        assertThat(json).doesNotContain("seriesOrder");
    }

    @Test
    void writeToStreamLeavesTheStreamOpen() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream was closed");
            }
        };
        JsonSummary.write(SampleResults.smallRun(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\n  \"schema\": \"headroom.summary/1\"").endsWith("}\n");
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, "old content");
        JsonSummary.write(SampleResults.smallRun(), file);
        assertThat(JsonSummary.read(file)).isEqualTo(SampleResults.smallRun());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.json");
        }
    }

    @Test
    void writtenSummariesConformToTheJsonSchema() throws Exception {
        assertThat(schemaErrors(JsonSummary.toJson(SampleResults.smallRun()))).isEmpty();
        assertThat(schemaErrors(JsonSummary.toJson(SampleResults.checkoutRun(RunOutcome.INTERRUPTED)))).isEmpty();
        assertThat(schemaErrors(JsonSummary.toJson(SampleResults.emptyRun(RunOutcome.COMPLETED)))).isEmpty();
        assertThat(schemaErrors(JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(
                io.headroom.core.result.GeneratorHealth.assess(42.5, 5, 1, 0.97, 12, 180, 35, 17, 2))))).isEmpty();
        // with other-process CPU, steal, drops behind schedule and a VU shortage (p99 unknown: NaN)
        assertThat(schemaErrors(JsonSummary.toJson(SampleResults.smallRun().withGeneratorHealth(
                io.headroom.core.result.GeneratorHealth.assess(0.4, 0, 0.3, 0.2, 12, 0.1, 0.01, 8, 3, 30, 3, 3000, 2, List.of(
                        new io.headroom.core.result.VuShortage("open", 27, 5, 100, Double.NaN))))))).isEmpty();
        assertThat(schemaErrors(JsonSummary.toJson(ErrorSamplesReportTest.withSamples(SampleResults.smallRun())))).isEmpty();
    }

    @Test
    void errorSamplesRoundTripAndAreAbsentWhenNothingFailed() throws Exception {
        RunResult failed = ErrorSamplesReportTest.withSamples(SampleResults.smallRun());
        String json = JsonSummary.toJson(failed);

        assertThat(JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json")).isEqualTo(failed);
        assertThat(json).contains("\"errorSamples\"", "\"code\": \"1212\"");
        assertThat(JsonSummary.toJson(SampleResults.smallRun())).doesNotContain("errorSamples");
        assertThat(schemaErrors(json.replace("\"count\": 431", "\"count\": \"many\""))).isNotEmpty();
    }

    static RunResult withExemplars(RunResult r) {
        io.headroom.core.metric.Tags slow = io.headroom.core.metric.Tags.of("name", "/slow", "method", "GET");
        return r.withExemplars(List.of(
                new io.headroom.core.metric.Exemplar(slow, "4bf92f3577b34da6a3ce929d0e0e4736", 412.25, 1_530),
                new io.headroom.core.metric.Exemplar(slow, "0af7651916cd43dd8448eb211c80319c", 398, 120)));
    }

    @Test
    void exemplarsRoundTripConformToTheSchemaAndAreAbsentWithoutTraceContext() throws Exception {
        RunResult traced = withExemplars(SampleResults.smallRun());
        String json = JsonSummary.toJson(traced);

        assertThat(JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json")).isEqualTo(traced);
        assertThat(json).contains("\"exemplars\"", "\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"", "\"durationMillis\": 412.25");
        assertThat(schemaErrors(json)).isEmpty();
        assertThat(JsonSummary.toJson(SampleResults.smallRun())).doesNotContain("exemplars");
        // A trace id that is not one: the schema and the reader both refuse it, naming the field.
        String bad = json.replace("4bf92f3577b34da6a3ce929d0e0e4736", "4BF92F35");
        assertThat(schemaErrors(bad)).isNotEmpty();
        assertThat(readError(bad)).startsWith("bad.json: ").contains("exemplars[0].traceId");
    }

    @Test
    void schemaRejectsAnUnknownSchemaIdAndAWrongKind() throws Exception {
        String json = JsonSummary.toJson(SampleResults.smallRun());
        assertThat(schemaErrors(json.replace("headroom.summary/1", "headroom.summary/2"))).isNotEmpty();
        assertThat(schemaErrors(json.replace("\"kind\": \"gauge\"", "\"kind\": \"histogram\""))).isNotEmpty();
    }

    @Test
    void rejectsUnknownSchemaVersionNamingTheFile() throws Exception {
        Path file = dir.resolve("from-the-future.json");
        Files.writeString(file, JsonSummary.toJson(SampleResults.smallRun()).replace("headroom.summary/1", "headroom.summary/2"));

        assertThatThrownBy(() -> JsonSummary.read(file))
                .isInstanceOf(SummaryFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("unsupported schema \"headroom.summary/2\"")
                .hasMessageContaining("reads \"headroom.summary/1\"")
                .satisfies(e -> assertThat(((SummaryFormatException) e).source()).isEqualTo(file.toString()));
    }

    @Test
    void rejectsJsonThatIsNotASummary() throws Exception {
        assertThat(readError("{\"name\": \"x\"}")).isEqualTo("bad.json: not a Headroom summary (no \"schema\" field; expected \"headroom.summary/1\")");
        assertThat(readError("[1, 2]")).isEqualTo("bad.json: not a Headroom summary (expected a JSON object)");
        assertThat(readError("")).isEqualTo("bad.json: the file is empty");
        assertThat(readError("{\"schema\": \"headroom.summary/1\",")).startsWith("bad.json: not valid JSON at line 1");
    }

    @Test
    void namesThePlaceOfAMalformedField() throws Exception {
        String json = JsonSummary.toJson(SampleResults.smallRun());
        assertThat(readError(json.replace("\"passes\": 1,", "\"passes\": 1.5,")))
                .isEqualTo("bad.json: series[3].stats.passes: expected a whole number");
        assertThat(readError(json.replace("\"outcome\": \"completed\"", "\"outcome\": \"finished\"")))
                .isEqualTo("bad.json: outcome: expected one of [completed, aborted_by_threshold, interrupted, "
                        + "max_duration_reached, aborted_on_repeated_error, agent_lost], found \"finished\"");
        assertThat(readError(json.replace("\"durationNanos\": 2000000500,", "")))
                .isEqualTo("bad.json: run.durationNanos: missing");
        assertThat(readError(json.replaceFirst("\"histogram\": \"[^\"]+\"", "\"histogram\": \"bm90IGEgaGlzdG9ncmFt\"")))
                .startsWith("bad.json: series[0].stats.histogram: not a base64 compressed HdrHistogram");
        assertThat(readError(json.replace("\"count\": [ 3, 1 ]", "\"count\": [ 3 ]")))
                .isEqualTo("bad.json: intervals.series[0].count: has 1 values but offsetsMillis has 2");
    }

    @Test
    void exactTrendStatisticsRoundTripAndConformToTheSchema() throws Exception {
        io.headroom.core.metric.MetricRegistry registry = new io.headroom.core.metric.MetricRegistry(() -> 0L);
        var basket = registry.trend("basket_value", io.headroom.core.metric.ValueType.DEFAULT, io.headroom.core.metric.Tags.empty());
        basket.record(90.5);
        basket.record(70);
        basket.record(80);
        registry.closeInterval();
        RunResult small = SampleResults.smallRun();
        List<SeriesResult> series = new ArrayList<>(small.series());
        series.addAll(registry.results());
        RunResult withExact = new RunResult(small.info(), small.outcome(), series, small.checks(), small.thresholds(), small.intervals());
        String json = JsonSummary.toJson(withExact);
        assertThat(json).contains("\"sum\": 240.5", "\"values\": [ 70, 80, 90.5 ]");
        assertThat(schemaErrors(json)).isEmpty();
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "s.json");
        TrendStats t = (TrendStats) read.series().getLast().stats();
        assertThat(t.exactValues()).containsExactly(70.0, 80.0, 90.5);
        assertThat(t.percentile(90)).isEqualTo(88.4); // k6's interpolation from the values read back
        assertThat(read).isEqualTo(withExact);
        // a count that disagrees with the values is named
        assertThat(readError(json.replace("\"values\": [ 70, 80, 90.5 ]", "\"values\": [ 70, 80 ]")))
                .isEqualTo("bad.json: series[5].stats.values: expected 3 values (the count) or none, found 2");
    }

    @Test
    void readsASummaryWrittenBeforeSumValuesAndNoDataExisted() throws Exception {
        String json = JsonSummary.toJson(SampleResults.smallRun())
                .replaceAll("\\s*\"sum\": [0-9.]+,", "")
                .replaceAll("\\s*\"values\": \\[ \\],", "")
                .replaceAll(",\\s*\"noData\": (true|false)", "");
        assertThat(json).doesNotContain("\"values\"", "\"noData\"");
        RunResult read = JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "old.json");
        TrendStats t = (TrendStats) read.series().getFirst().stats();
        assertThat(t.sum()).isEqualTo(t.avg() * t.count());
        assertThat(t.exactValues()).isEmpty();
        assertThat(read.thresholds()).allSatisfy(r -> assertThat(r.verdict().noData()).isEqualTo(r.verdict() instanceof io.headroom.core.result.ThresholdVerdict.NoData));
        assertThat(schemaErrors(json)).isEmpty();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() throws Exception {
        String json = JsonSummary.toJson(SampleResults.smallRun())
                .replace("\"outcome\": \"completed\",", "\"outcome\": \"completed\", \"addedInALaterMinorVersion\": {\"x\": 1},");
        assertThat(JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "newer.json"))
                .isEqualTo(SampleResults.smallRun());
    }

    @Test
    void omitsIntervalFieldsThatAreZeroThroughout() {
        String json = JsonSummary.toJson(SampleResults.smallRun());
        String counter = json.substring(json.indexOf("\"metric\": \"http_reqs\",\n      \"kind\": \"counter\""));
        counter = counter.substring(0, counter.indexOf('}', counter.indexOf("\"count\"")));
        assertThat(counter).contains("\"count\": [ 3, 1 ]").doesNotContain("\"sum\"").doesNotContain("\"p95\"");
    }

    private static String readError(String json) {
        try {
            JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json");
        } catch (SummaryFormatException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError("expected a SummaryFormatException, got " + e, e);
        }
        throw new AssertionError("expected a SummaryFormatException");
    }

    private static List<String> schemaErrors(String json) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Schema schema = registry.getSchema(Files.readString(SCHEMA_FILE));
        JsonNode node = new ObjectMapper().readTree(json);
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    private static String golden(String name) throws Exception {
        try (var in = JsonSummaryTest.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Replaces each base64 histogram by its decoded content: total count and value×count pairs. */
    static String canonicalHistograms(String json) throws Exception {
        Matcher m = HISTOGRAM_FIELD.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Histogram h = io.headroom.core.metric.HistogramCodec.decode(m.group(1));
            StringBuilder values = new StringBuilder("decoded: count=" + h.getTotalCount() + " digits="
                    + h.getNumberOfSignificantValueDigits());
            for (HistogramIterationValue v : h.recordedValues()) {
                values.append(' ').append(v.getValueIteratedTo()).append('x').append(v.getCountAtValueIteratedTo());
            }
            m.appendReplacement(out, Matcher.quoteReplacement("\"histogram\": \"" + values + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

}
