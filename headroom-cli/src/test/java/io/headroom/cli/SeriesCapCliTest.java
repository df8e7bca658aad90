package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.MetricRegistry;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A URL with an id in it and no {@code name:} makes one series per URL only up to the cap, then warns once. */
class SeriesCapCliTest {
    @TempDir
    Path dir;

    private CliRun run(DemoServer demo, int iterations) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: ids-in-urls
                scenarios:
                  api:
                    executor: per-vu-iterations
                    vus: 4
                    iterations: %d
                    flow:
                      - get: http://127.0.0.1:%d/products/${uuid()}
                """.formatted(iterations, demo.port()));
        return CliRun.of("run", "--accept-invalid-run", plan.toString(), "--json", dir.resolve("summary.json").toString());
    }

    private List<JsonNode> httpReqsSeries() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : summary.findValue("series")) {
            if (s.path("metric").asText().equals("http_reqs") && !s.path("tags").isEmpty()) out.add(s);
        }
        return out;
    }

    @Test
    void moreDistinctUrlsThanTheCapMakeAtMostCapPlusOneSeriesAndOneWarning() throws Exception {
        int cap = MetricRegistry.DEFAULT_MAX_SERIES_PER_METRIC;
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            CliRun run = run(demo, cap / 4 + 100); // 4 VUs: 1,400 distinct URLs
            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<JsonNode> series = httpReqsSeries();
            assertThat(series).hasSizeLessThanOrEqualTo(cap + 1).hasSizeGreaterThanOrEqualTo(cap);
            assertThat(series).filteredOn(s -> s.path("tags").path("url").asText().equals("[other]")).singleElement()
                    .satisfies(s -> assertThat(s.path("tags").path("scenario").asText()).isEqualTo("api"));
            String fix = "add `name:` to the request";
            assertThat(run.err()).containsOnlyOnce("! warning: http_reqs reached " + cap + " series").contains(fix);
            JsonNode metadata = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).findValue("metadata");
            assertThat(metadata.path("headroom.seriesCapped").asText()).startsWith("http_reqs, ").contains(fix);
            assertThat(run.out()).contains("headroom.seriesCapped");
        }
    }

    @Test
    void fewerDistinctUrlsThanTheCapAreNotFoldedNorWarned() throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            CliRun run = run(demo, 25);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<JsonNode> series = httpReqsSeries();
            assertThat(series).hasSize(100).noneMatch(s -> s.path("tags").toString().contains("[other]"));
            assertThat(run.out() + run.err()).doesNotContain("warning").doesNotContain("seriesCapped");
        }
    }
}
