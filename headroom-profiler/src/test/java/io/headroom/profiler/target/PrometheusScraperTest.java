package io.headroom.profiler.target;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusScraperTest {
    @Test
    void parsesTheTextFormatWithLabelsEscapesAndSpecialValues() {
        List<PrometheusScraper.Sample> samples = PrometheusScraper.parse("""
                # HELP queue_depth Requests waiting.
                # TYPE queue_depth gauge
                queue_depth 7
                jvm_memory_used_bytes{area="heap",id="G1 \\"Eden\\""} 1.5e6 1700000000000
                up{job="x"} NaN
                limit +Inf
                broken{area="heap" 3
                """);

        assertThat(samples).containsExactly(
                new PrometheusScraper.Sample("queue_depth", Map.of(), 7),
                new PrometheusScraper.Sample("jvm_memory_used_bytes", Map.of("area", "heap", "id", "G1 \"Eden\""), 1.5e6),
                new PrometheusScraper.Sample("up", Map.of("job", "x"), Double.NaN),
                new PrometheusScraper.Sample("limit", Map.of(), Double.POSITIVE_INFINITY));
    }
}
