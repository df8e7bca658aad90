package io.headroom.core.engine;

import io.headroom.core.metric.MetricRegistry;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdEvaluatorTest {
    private final ManualClock clock = new ManualClock();
    private final MetricRegistry registry = new MetricRegistry(clock);

    @BeforeEach
    void recordTenSecondsOfTraffic() {
        TrendSeries login = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/login", "method", "POST"));
        TrendSeries home = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/home", "method", "GET"));
        for (int ms = 1; ms <= 100; ms++) login.record(ms);          // 1..100 ms
        for (int i = 0; i < 100; i++) home.record(1000);           // 1000 ms
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("name", "/login")).add(100);
        registry.counter("http_reqs", ValueType.DEFAULT, Tags.of("name", "/home")).add(100);
        for (int i = 0; i < 200; i++) registry.rate("http_req_failed", Tags.of("name", i < 100 ? "/login" : "/home")).add(i % 50 == 0);
        registry.gauge("vus", ValueType.DEFAULT, Tags.empty()).set(7);
        clock.advance(Duration.ofSeconds(10));
        registry.closeInterval();
    }

    private ThresholdVerdict verdict(String selector, String expression) {
        return ThresholdEvaluator.evaluate(ThresholdSpec.of(selector, expression), registry);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // selector | expression | held | actual
            "http_req_duration{name:/login}|p(95)<100|true|95",
            "http_req_duration{name:/login}|p(95)<95|false|95",
            "http_req_duration{name:/login}|p(95)<=95.1|true|95",
            "http_req_duration{name:/login}|med<=50.5|true|50.5",
            "http_req_duration{name:/login}|med<50.5|false|50.5",
            "http_req_duration{name:/login}|avg>=50|true|50.5",
            "http_req_duration{name:/login}|min>1|false|1",
            "http_req_duration{name:/login}|max<100|false|100",
            "http_reqs|count!=200|false|200",
            "http_req_duration{method:GET}|avg<500|false|1000",
            "http_req_duration|p(50)<100|false|550", // k6: rank 99.5 of 200, halfway between 100 and 1000
            "http_req_duration|p(75)>500|true|1000",
            "http_reqs|count==200|true|200",
            "http_reqs{name:/home}|count>100|false|100",
            "http_reqs|rate>=20|true|20",
            "http_req_failed|rate<0.05|true|0.02",
            "http_req_failed{name:/login}|rate<0.01|false|0.02",
            "vus|value==7|true|7",
    })
    // 200 values or fewer: exact, k6's interpolated percentiles
    void evaluatesEachAggregationAndOperator(String selector, String expression, boolean held, double actual) {
        ThresholdVerdict v = verdict(selector, expression);
        if (held) {
            assertThat(v).isInstanceOf(ThresholdVerdict.Held.class);
            assertThat(((ThresholdVerdict.Held) v).actual()).isCloseTo(actual, within(actual * 0.001 + 0.1));
        } else {
            assertThat(v).isInstanceOf(ThresholdVerdict.Crossed.class);
            assertThat(((ThresholdVerdict.Crossed) v).actual()).isCloseTo(actual, within(actual * 0.001 + 0.1));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // k6 evaluates an empty sink at the end on zeros: a trend's every aggregation, a counter's count and rate, a gauge's value
            "http_req_duration{name:/nowhere}|med>39|false",
            "http_req_duration{name:/nowhere}|p(95)<500|true",
            "http_req_duration{name:/nowhere}|max==0|true",
            "http_reqs{name:/nowhere}|count>0|false",
            "http_reqs{name:/nowhere}|count<1|true",
            "http_reqs{name:/nowhere}|rate>0|false",
            "vus{scenario:nowhere}|value>0|false",
            "iteration_duration|avg>0|false",
            "not_a_metric_of_this_run|count>0|false",
            "not_a_metric_of_this_run|p(90)<10|true",
    })
    void aSelectionWithoutSamplesIsEvaluatedAtTheEndOnK6sEmptyValues(String selector, String expression, boolean held) {
        ThresholdVerdict v = verdict(selector, expression);
        assertThat(v).isInstanceOf(held ? ThresholdVerdict.Held.class : ThresholdVerdict.Crossed.class);
        assertThat(v.noData()).isTrue();
        double actual = v instanceof ThresholdVerdict.Held h ? h.actual() : ((ThresholdVerdict.Crossed) v).actual();
        assertThat(actual).isZero();
    }

    @Test
    void aSelectionWithSamplesIsNotMarkedNoData() {
        assertThat(verdict("http_reqs{name:/login}", "count>0")).isEqualTo(new ThresholdVerdict.Held(100, false));
        assertThat(verdict("http_req_duration{name:/home}", "med>39").noData()).isFalse();
    }

    @Test
    void aRateWithoutSamplesIsNotEvaluatedAndHoldsAsInK6() {
        // k6's RateSink with no samples has no rate; the threshold is skipped and passes (metrics/thresholds.go)
        assertThat(verdict("checks", "rate>0.99")).isInstanceOf(ThresholdVerdict.NoData.class);
        assertThat(verdict("not_a_metric_of_this_run", "rate>0.99")).isInstanceOf(ThresholdVerdict.NoData.class);
        registry.rate("checks", Tags.of("check", "resolved but unused"));
        registry.closeInterval();
        assertThat(verdict("checks", "rate>0.99")).isInstanceOf(ThresholdVerdict.NoData.class);
        assertThat(verdict("http_req_failed{name:/login}", "rate<0.01")).isInstanceOf(ThresholdVerdict.Crossed.class);
    }

    @Test
    void duringTheRunASelectionWithoutSamplesIsSkippedAndNeverAborts() {
        ThresholdSpec empty = ThresholdSpec.parse("http_reqs{name:/nowhere}", "count>0", true, Duration.ZERO);
        ThresholdSpec emptyTrend = ThresholdSpec.parse("http_req_duration{name:/nowhere}", "med>39", true, Duration.ZERO);
        ThresholdEvaluator evaluator = new ThresholdEvaluator(List.of(empty, emptyTrend));
        assertThat(ThresholdEvaluator.evaluateDuringRun(empty, registry)).isInstanceOf(ThresholdVerdict.NoData.class);
        assertThat(evaluator.checkAbort(registry)).isEmpty();
        // the same thresholds fail at the end
        assertThat(evaluator.evaluateAll(registry)).extracting(ThresholdResult::verdict)
                .containsExactly(new ThresholdVerdict.Crossed(0, true), new ThresholdVerdict.Crossed(0, true));
        // negative control: a selection with data that crosses does abort
        ThresholdSpec withData = ThresholdSpec.parse("http_reqs{name:/login}", "count<1", true, Duration.ZERO);
        assertThat(new ThresholdEvaluator(List.of(withData)).checkAbort(registry)).isPresent();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "avg==80|true", "min==70|true", "max==90|true", "med==80|true", "p(90)==88|true", "p(100)==90|true",
            "avg==80.001|false", "min==70.5|false", "max!=90|false", "p(90)==90|false",
    })
    void equalityThresholdsHoldOnExactTrendStatistics(String expression, boolean held) {
        TrendSeries basket = registry.trend("basket_value", ValueType.DEFAULT, Tags.empty());
        basket.record(70);
        basket.record(80);
        basket.record(90);
        registry.closeInterval();
        assertThat(verdict("basket_value", expression)).isInstanceOf(held ? ThresholdVerdict.Held.class : ThresholdVerdict.Crossed.class);
    }

    @Test
    void anAggregationThatDoesNotFitACustomMetricIsCrossed() {
        registry.counter("orders", ValueType.DEFAULT, Tags.empty()).add(1);
        registry.closeInterval();
        ThresholdVerdict v = verdict("orders", "p(95)<1");
        assertThat(v).isInstanceOf(ThresholdVerdict.Crossed.class);
        assertThat(((ThresholdVerdict.Crossed) v).actual()).isNaN();
    }

    @Test
    void abortChecksWaitForDelayAbortEvalAndStayCrossed() {
        ThresholdSpec abort = ThresholdSpec.parse("http_req_duration", "p(99)<500", true, Duration.ofSeconds(15));
        ThresholdSpec passive = ThresholdSpec.of("http_req_duration", "max<10");
        ThresholdEvaluator evaluator = new ThresholdEvaluator(List.of(abort, passive));
        assertThat(evaluator.checkAbort(registry)).isEmpty(); // 10 s in: too early
        clock.advance(Duration.ofSeconds(6));
        registry.closeInterval();
        ThresholdResult crossed = evaluator.checkAbort(registry).orElseThrow();
        assertThat(crossed.spec()).isEqualTo(abort);
        // later data brings p99 below the bound, but the threshold that aborted the run stays crossed
        TrendSeries fast = registry.trend("http_req_duration", ValueType.TIME, Tags.of("name", "/fast"));
        for (int i = 0; i < 100_000; i++) fast.record(1);
        registry.closeInterval();
        List<ThresholdResult> all = evaluator.evaluateAll(registry);
        assertThat(all).extracting(ThresholdResult::spec).containsExactly(abort, passive);
        assertThat(all.get(0).verdict()).isInstanceOf(ThresholdVerdict.Crossed.class);
        assertThat(all.get(1).verdict()).isInstanceOf(ThresholdVerdict.Crossed.class);
    }
}
