package io.headroom.core.engine;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.headroom.core.engine.EngineFixtures.ms;
import static io.headroom.core.engine.EngineFixtures.scenario;
import static io.headroom.core.engine.EngineFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

class EngineSamplerTest {

    @Test
    void samplerGaugesAppearInEveryIntervalAndInTheResult() {
        AtomicInteger calls = new AtomicInteger();
        Engine engine = new Engine();
        engine.addSampler(metrics -> metrics.gauge("target_rss_bytes", ValueType.DATA, Tags.empty())
                .set(1_000 * calls.incrementAndGet()));

        RunResult result = engine.run(spec(scenario("s", new ExecutorSpec.ConstantVus(1, ms(2_200)), ms(500),
                ctx -> ctx.sleep(ms(20)))), RunListener.NONE);

        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
        assertThat(result.intervals()).isNotEmpty().allSatisfy(point -> assertThat(rss(point)).isPositive());
        SeriesResult series = result.series().stream().filter(s -> s.metric().equals("target_rss_bytes")).findFirst()
                .orElseThrow();
        assertThat(series.kind()).isEqualTo(MetricKind.GAUGE);
        assertThat(((SeriesStats.GaugeStats) series.stats()).max()).isEqualTo(1_000.0 * calls.get());
    }

    @Test
    void failingSamplerIsReportedOnceAndDoesNotStopTheRun() {
        Engine engine = new Engine();
        engine.addSampler(metrics -> {
            throw new IllegalStateException("target went away");
        });

        RunResult result = engine.run(spec(scenario("s", new ExecutorSpec.ConstantVus(1, ms(1_200)), ms(500),
                ctx -> ctx.sleep(ms(20)))), RunListener.NONE);

        assertThat(result.info().metadata()).containsEntry("headroom.samplerError",
                "java.lang.IllegalStateException: target went away");
        assertThat(result.intervals()).hasSizeGreaterThanOrEqualTo(1);
    }

    private static double rss(IntervalPoint point) {
        return point.series().stream().filter(s -> s.metric().equals("target_rss_bytes")).mapToDouble(IntervalPoint.Series::last)
                .findFirst().orElse(0);
    }
}
