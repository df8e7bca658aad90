package io.headroom.core.engine;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.run;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** vus_max is k6's gauge of allocated VUs: it does not follow a ramp-down, nor fall to 0 as VUs finish. */
class VusMaxTest {
    private static SeriesStats.GaugeStats gauge(RunResult result, String metric) {
        return (SeriesStats.GaugeStats) result.series().stream().filter(s -> s.metric().equals(metric) && s.tags().isEmpty())
                .findFirst().orElseThrow().stats();
    }

    @Test
    void keepsThePlannedVusThroughARampDown() {
        var ramp = new ExecutorSpec.RampingVus(0, List.of(new Stage(ms(300), 3), new Stage(ms(1900), 0)), ms(0));
        RunResult result = run(spec(scenario("ramp", ramp, ms(0), ctx -> ctx.sleep(ms(20)))));
        SeriesStats.GaugeStats vusMax = gauge(result, BuiltinMetrics.VUS_MAX);
        assertThat(vusMax.min()).isEqualTo(3);
        assertThat(vusMax.max()).isEqualTo(3);
        assertThat(vusMax.value()).isEqualTo(3);
        // negative control: vus follows the ramp down (by the 2 s tick at most 1 of the 3 VUs is left)
        assertThat(gauge(result, BuiltinMetrics.VUS).min()).isLessThan(3);
    }

    @Test
    void keepsTheAllocatedVusOfARunShorterThanASecond() {
        var once = new ExecutorSpec.PerVuIterations(2, 1, ms(10_000));
        RunResult result = run(spec(scenario("once", once, ms(0), ctx -> {})));
        SeriesStats.GaugeStats vusMax = gauge(result, BuiltinMetrics.VUS_MAX);
        assertThat(vusMax.value()).isEqualTo(2);
        assertThat(vusMax.min()).isEqualTo(2);
    }
}
