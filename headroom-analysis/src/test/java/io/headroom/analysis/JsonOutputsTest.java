package io.headroom.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.analysis.capacity.CapacityModel;
import io.headroom.analysis.capacity.CapacityOptions;
import io.headroom.analysis.capacity.CapacityReport;
import io.headroom.analysis.capacity.Slo;
import io.headroom.analysis.compare.ComparisonOptions;
import io.headroom.analysis.compare.ComparisonReport;
import io.headroom.analysis.compare.RunComparison;
import io.headroom.analysis.diagnose.Diagnosis;
import io.headroom.analysis.diagnose.DiagnosisReport;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON outputs parse, and carry the numbers the text shows. */
class JsonOutputsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RunResult stepped(String name, double median) {
        SyntheticRun run = new SyntheticRun(name)
                .latency(Tags.empty(), SyntheticRun.lognormalMillis(3, 4000, median, 0.5))
                .failures(Tags.of("status", "500", "name", "a \"quoted\" name"), 40, 0)
                .failures(Tags.empty(), 40, 3960)
                .counter(BuiltinMetrics.HTTP_REQS, Tags.empty(), 4000);
        for (int vus : new int[] {1, 2, 4, 8}) {
            for (int s = 0; s < 2; s++) run.second(Math.min(vus, 4) * 100.0, vus, median, median * 2, 1);
        }
        return run.build();
    }

    @Test
    void comparisonJsonParsesAndFlagsTheRegression() throws Exception {
        JsonNode json = MAPPER.readTree(ComparisonReport.json(RunComparison.compare(stepped("a", 20), stepped("b", 60),
                ComparisonOptions.defaults())));
        assertThat(json.get("regression").asBoolean()).isTrue();
        JsonNode p95 = json.get("changes").get(1);
        assertThat(p95.get("quantity").asText()).isEqualTo("p95");
        assertThat(p95.get("ratio").asDouble()).isBetween(2.5, 3.5);
        assertThat(p95.get("regression").asBoolean()).isTrue();
    }

    @Test
    void diagnosisJsonParsesWithQuotesInTitles() throws Exception {
        JsonNode json = MAPPER.readTree(DiagnosisReport.json("x \"y\".json", Diagnosis.of(stepped("a", 20))));
        assertThat(json.get("source").asText()).isEqualTo("x \"y\".json");
        assertThat(json.get("findings").size()).isPositive();
    }

    @Test
    void capacityJsonParsesWithTheFittedCurveAndProjection() throws Exception {
        CapacityModel model = CapacityModel.of(stepped("s", 20), new CapacityOptions(Slo.parse("p(95)<100"), 0.1, 3, 2, 0.7, null));
        JsonNode json = MAPPER.readTree(CapacityReport.json("s.json", model));
        assertThat(json.get("usl").get("maxThroughput").asDouble()).isBetween(300.0, 500.0);
        assertThat(json.get("levels").size()).isEqualTo(4);
        assertThat(json.get("levels").get(0).get("fittedThroughput").isNumber()).isTrue();
        assertThat(json.get("projection").size()).isEqualTo(4);
        assertThat(json.get("slo").get("expression").asText()).isEqualTo("p(95)<100");
    }
}
