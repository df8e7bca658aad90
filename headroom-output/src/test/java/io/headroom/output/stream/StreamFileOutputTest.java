package io.headroom.output.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.output.OutputContext;
import io.headroom.output.kinds.OutputKinds;
import io.headroom.output.Snapshots;
import io.headroom.report.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** k6's JSON and CSV streams as a script reads them, the .gz variant, and the file's size limit. */
class StreamFileOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_764_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    private OutputContext context(List<ThresholdSpec> thresholds) {
        return new OutputContext("run-1", thresholds, Redaction::text, Map.of(), warnings::add);
    }

    @Test
    void jsonDeclaresEachMetricOnceThenOnePointPerSeriesPerSecond() throws Exception {
        Path file = dir.resolve("out.json");
        List<ThresholdSpec> thresholds = List.of(ThresholdSpec.parse("http_req_duration", "p(95)<500", false, java.time.Duration.ZERO));
        var out = OutputKinds.parse("json=" + file).open(context(thresholds));
        out.accept(Snapshots.second(), T);
        out.accept(Snapshots.second(), T + 1000);
        out.close();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file)) lines.add(JSON.readTree(l));
        assertThat(lines.stream().filter(n -> n.get("type").asText().equals("Metric"))).hasSize(5);
        assertThat(lines.stream().filter(n -> n.get("type").asText().equals("Point"))).hasSize(10);
        JsonNode duration = lines.stream().filter(n -> n.get("type").asText().equals("Metric")
                && n.get("metric").asText().equals("http_req_duration")).findFirst().orElseThrow();
        assertThat(duration.at("/data/type").asText()).isEqualTo("trend");
        assertThat(duration.at("/data/contains").asText()).isEqualTo("time");
        assertThat(duration.at("/data/thresholds/0").asText()).isEqualTo("p(95)<500");
        JsonNode point = lines.stream().filter(n -> n.get("type").asText().equals("Point")
                && n.get("metric").asText().equals("http_req_duration")).findFirst().orElseThrow();
        assertThat(point.at("/data/time").asText()).isEqualTo("2025-11-24T16:00:00Z");
        assertThat(point.at("/data/value").asDouble()).isCloseTo(143.333, org.assertj.core.data.Offset.offset(0.001)); // mean ms
        assertThat(point.at("/data/tags/name").asText()).isEqualTo("products");
        assertThat(point.at("/data/interval/count").asLong()).isEqualTo(3);
        assertThat(point.at("/data/interval/seconds").asDouble()).as("the interval's own length").isEqualTo(1.0);
        assertThat(point.at("/data/interval/p99").asDouble()).as("never above the exact max").isLessThanOrEqualTo(400);
        assertThat(point.at("/data/interval/max").asDouble()).isEqualTo(400);
        JsonNode vus = lines.stream().filter(n -> n.get("type").asText().equals("Point")
                && n.get("metric").asText().equals("vus")).findFirst().orElseThrow();
        assertThat(vus.at("/data/tags").isNull()).as("k6 writes null for no tags").isTrue();
        assertThat(vus.at("/data/value").asDouble()).isEqualTo(4);
        double failed = lines.stream().filter(n -> n.get("type").asText().equals("Point")
                && n.get("metric").asText().equals("http_req_failed")).findFirst().orElseThrow().at("/data/value").asDouble();
        assertThat(failed).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(out.health().delivered()).isEqualTo(2);
        assertThat(warnings).isEmpty();
    }

    @Test
    void csvHasK6sColumnsAndQuotesWhatNeedsIt() throws Exception {
        Path file = dir.resolve("out.csv.gz");
        var out = OutputKinds.parse("csv=" + file).open(context(List.of()));
        out.accept(Snapshots.second(), T + 999);
        out.close();
        List<String> rows;
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(rows.getFirst()).isEqualTo(K6CsvOutput.K6_COLUMNS + ",interval_count,interval_min,interval_max");
        assertThat(rows).contains("http_reqs,1764000000,3,,,,,,GET,products,,api,,200,,,,,,,,");
        assertThat(rows).contains("http_req_duration,1764000000,143.33333333333334,,,,,,GET,products,,api,,200,,,,,,3,10,400");
        assertThat(rows).contains("checks,1764000000,0.6666666666666666,\"status is 200, \"\"ok\"\"\",,,,,,,,,,,,,,,,,,");
        assertThat(rows).hasSize(6);
    }

    @Test
    void aFileStopsAtItsLimitAndSaysSo() throws IOException {
        Path file = dir.resolve("small.json");
        var small = new StreamFileOutput("json", file, new K6JsonOutput.Format(List.of(), Redaction::text), context(List.of()), 3000);
        for (int i = 0; i < 20; i++) small.accept(Snapshots.second(), T + i * 1000L);
        small.close();
        assertThat(Files.size(file)).isLessThanOrEqualTo(3000).isPositive();
        assertThat(small.health().delivered()).isPositive();
        assertThat(small.health().dropped()).isEqualTo(20 - small.health().delivered());
        assertThat(warnings).singleElement().asString().contains("json=" + file, "limit of 3000 bytes", "docs/limits.md");
        // positive control: the same seconds under the real limit are all written
        warnings.clear();
        Path big = dir.resolve("big.json");
        var whole = new StreamFileOutput("json", big, new K6JsonOutput.Format(List.of(), Redaction::text), context(List.of()),
                StreamFileOutput.MAX_BYTES);
        for (int i = 0; i < 20; i++) whole.accept(Snapshots.second(), T + i * 1000L);
        whole.close();
        assertThat(whole.health().delivered()).isEqualTo(20);
        assertThat(warnings).isEmpty();
    }
}
