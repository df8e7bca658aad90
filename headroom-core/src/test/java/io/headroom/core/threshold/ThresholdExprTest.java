package io.headroom.core.threshold;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesStats;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each aggregation says about itself, which the evaluator and the renderers rely on instead of a switch. */
class ThresholdExprTest {
    @Test
    void everyKeywordMakesAnExpressionThatNamesItself() {
        for (String keyword : ThresholdExpr.KEYWORDS) {
            ThresholdExpr e = ThresholdExpr.of(keyword, 95, ThresholdOperator.LESS, 1);
            assertThat(e.aggregation()).isEqualTo(keyword.equals("p") ? "p(95)" : keyword);
            assertThat(ThresholdExpr.isKeyword(keyword)).isTrue();
        }
        assertThat(ThresholdExpr.isKeyword("stddev")).isFalse();
    }

    @Test
    void countsAndRatesAreNotInTheMetricsUnitTheOthersAre() {
        assertThat(ThresholdParser.parseExpression("rate<0.1").inMetricUnit()).isFalse();
        assertThat(ThresholdParser.parseExpression("count>0").inMetricUnit()).isFalse();
        assertThat(ThresholdParser.parseExpression("p(95)<500").inMetricUnit()).isTrue();
        assertThat(ThresholdParser.parseExpression("avg<500").inMetricUnit()).isTrue();
        assertThat(ThresholdParser.parseExpression("value<5").inMetricUnit()).isTrue();
    }

    @Test
    void theImpliedKindIsTheOneKindThatFitsAndNoneForRate() {
        assertThat(ThresholdParser.parseExpression("count>0").impliedKind()).contains(MetricKind.COUNTER);
        assertThat(ThresholdParser.parseExpression("value>0").impliedKind()).contains(MetricKind.GAUGE);
        assertThat(ThresholdParser.parseExpression("med>0").impliedKind()).contains(MetricKind.TREND);
        assertThat(ThresholdParser.parseExpression("rate>0").impliedKind()).isEqualTo(Optional.empty());
    }

    @Test
    void theMessagesListOfAggregationsFollowsAppliesTo() {
        assertThat(ThresholdParser.aggregationsFor(MetricKind.TREND)).isEqualTo("avg, min, max, med or p(N)");
        assertThat(ThresholdParser.aggregationsFor(MetricKind.COUNTER)).isEqualTo("count or rate");
        assertThat(ThresholdParser.aggregationsFor(MetricKind.GAUGE)).isEqualTo("value");
        assertThat(ThresholdParser.aggregationsFor(MetricKind.RATE)).isEqualTo("rate");
        assertThatThrownBy(() -> ThresholdParser.parseExpression("stddev<3"))
                .hasMessageContaining("unknown aggregation \"stddev\"; expected avg, min, max, med, p(N), count, rate or value");
    }

    @Test
    void eachAggregationReadsTheStatisticsOfTheKindsItAppliesToAndNoOthers() {
        var counter = new SeriesStats.CounterStats(120, 4);
        var gauge = new SeriesStats.GaugeStats(7, 1, 9);
        var rate = new SeriesStats.RateStats(1, 3);
        assertThat(ThresholdParser.parseExpression("count>0").ofCounter(counter)).isEqualTo(120);
        assertThat(ThresholdParser.parseExpression("rate>0").ofCounter(counter)).isEqualTo(4);
        assertThat(ThresholdParser.parseExpression("rate>0").ofRate(rate)).isEqualTo(0.25);
        assertThat(ThresholdParser.parseExpression("value>0").ofGauge(gauge)).isEqualTo(7);
        // and NaN on a kind they do not apply to: what appliesTo says, so a new record cannot fall back to another's value
        for (String keyword : ThresholdExpr.KEYWORDS) {
            ThresholdExpr e = ThresholdExpr.of(keyword, 95, ThresholdOperator.LESS, 1);
            assertThat(Double.isNaN(e.ofCounter(counter))).as(keyword + " on a counter").isEqualTo(!e.appliesTo(MetricKind.COUNTER));
            assertThat(Double.isNaN(e.ofGauge(gauge))).as(keyword + " on a gauge").isEqualTo(!e.appliesTo(MetricKind.GAUGE));
            assertThat(Double.isNaN(e.ofRate(rate))).as(keyword + " on a rate").isEqualTo(!e.appliesTo(MetricKind.RATE));
        }
    }
}
