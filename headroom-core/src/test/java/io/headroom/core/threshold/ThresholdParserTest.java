package io.headroom.core.threshold;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.threshold.ThresholdSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ThresholdParserTest {

    @Test
    void parsesPlainAndTaggedSelectors() {
        assertThat(ThresholdParser.parseSelector("http_req_duration")).isEqualTo(new ThresholdSelector("http_req_duration", Tags.empty()));
        assertThat(ThresholdParser.parseSelector("http_req_duration{name:/login,method:POST}"))
                .isEqualTo(new ThresholdSelector("http_req_duration", Tags.of("name", "/login", "method", "POST")));
    }

    @Test
    void tagValuesMayHoldColonsSlashesSpacesAndQuotedCommas() {
        ThresholdSelector s = ThresholdParser.parseSelector(
                "http_req_duration{ url : http://localhost:8080/a b , name:\"x,y}\", group:'::checkout' }");
        assertThat(s.tags()).isEqualTo(Tags.of("url", "http://localhost:8080/a b", "name", "x,y}", "group", "::checkout"));
        assertThat(s.toString()).isEqualTo("http_req_duration{group:::checkout,name:x,y},url:http://localhost:8080/a b}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http_req_duration{|18|missing '}' at the end of the tag selector",
            "http_req_duration{}|17|empty tag selector",
            "http_req_duration{name}|22|expected ':' after tag key \"name\"",
            "http_req_duration{name:}|23|tag \"name\" has no value",
            "http_req_duration{:x}|18|expected a tag key",
            "http_req_duration{a:1,a:2}|22|tag \"a\" appears twice",
            "http_req_duration{a:\"1}|20|unclosed quote",
            "http_req_duration{a:\"1\" x}|24|expected ',' or '}' after the value of tag \"a\"",
            "http-req|4|unexpected character '-' in the metric name",
            "9lives|0|cannot start with a digit",
            "''|0|expected a metric name",
            "checks x|7|unexpected 'x' after the metric name",
    })
    void badSelectorsNameTheProblemAndItsOffset(String selector, int offset, String reason) {
        String input = selector.equals("''") ? "" : selector;
        ThresholdSyntaxException e = catchThrowableOfType(ThresholdSyntaxException.class, () -> ThresholdParser.parseSelector(input));
        assertThat(e).isNotNull();
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).startsWith("invalid threshold selector \"" + input + "\" at offset " + offset + ": ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p(95)<500|p(95)<500",
            "p(99.9) < 2000|p(99.9)<2000",
            "  p ( 90 )   <=   1.5  |p(90)<=1.5",
            "avg<200|avg<200",
            "min>=0|min>=0",
            "max==100|max==100",
            "med!=3|med!=3",
            "rate<0.01|rate<0.01",
            "count>0|count>0",
            "value===-1|value==-1",
            "rate<1e-3|rate<0.001",
            "p(100)>0|p(100)>0",
            "p(0)>0|p(0)>0",
    })
    void parsesEveryAggregationAndOperator(String expression, String canonical) {
        assertThat(ThresholdParser.parseExpression(expression).text()).isEqualTo(canonical);
    }

    @Test
    void parsedExpressionsCarryTheirParts() {
        ThresholdExpr e = ThresholdParser.parseExpression("p(99.9)<2000");
        assertThat(e).isEqualTo(new ThresholdExpr.Percentile(99.9, ThresholdOperator.LESS, 2000));
        assertThat(ThresholdParser.parseExpression("count > 10")).isEqualTo(new ThresholdExpr.Count(ThresholdOperator.GREATER, 10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "p95<500|1|expected '(' after p",
            "p(95<500|4|expected ')' after the percentile",
            "p(abc)<5|2|expected a percentile between 0 and 100",
            "p(101)<5|2|a percentile must lie between 0 and 100",
            "p 95<5|2|expected '(' after p",
            "avg 200|4|expected an operator",
            "avg<|4|expected a number after '<'",
            "avg<fast|4|expected a number after '<'",
            "avg<200ms|7|unexpected \"ms\" after the number",
            "mean<200|0|unknown aggregation \"mean\"",
            "<200|0|expected an aggregation",
            "avg=200|3|expected an operator (<, <=, >, >=, ==, !=), found '='",
            "P(95)<500|0|aggregation \"P\" must be lower case, as in k6: p(N)",
            "AVG<200|0|aggregation \"AVG\" must be lower case, as in k6: avg",
            "Rate<0.1|0|aggregation \"Rate\" must be lower case, as in k6: rate",
    })
    void badExpressionsNameTheProblemAndItsOffset(String expression, int offset, String reason) {
        ThresholdSyntaxException e = catchThrowableOfType(ThresholdSyntaxException.class, () -> ThresholdParser.parseExpression(expression));
        assertThat(e).isNotNull();
        assertThat(e.reason()).contains(reason);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.input()).isEqualTo(expression);
    }

    @Test
    void aggregationsFitTheirMetricKinds() {
        assertThat(ThresholdParser.parseExpression("p(95)<1").appliesTo(MetricKind.TREND)).isTrue();
        assertThat(ThresholdParser.parseExpression("p(95)<1").appliesTo(MetricKind.COUNTER)).isFalse();
        assertThat(ThresholdParser.parseExpression("rate<1").appliesTo(MetricKind.RATE)).isTrue();
        assertThat(ThresholdParser.parseExpression("rate<1").appliesTo(MetricKind.COUNTER)).isTrue();
        assertThat(ThresholdParser.parseExpression("rate<1").appliesTo(MetricKind.TREND)).isFalse();
        assertThat(ThresholdParser.parseExpression("count<1").appliesTo(MetricKind.COUNTER)).isTrue();
        assertThat(ThresholdParser.parseExpression("count<1").appliesTo(MetricKind.RATE)).isFalse();
        assertThat(ThresholdParser.parseExpression("value<1").appliesTo(MetricKind.GAUGE)).isTrue();
        assertThat(ThresholdParser.parseExpression("avg<1").appliesTo(MetricKind.GAUGE)).isFalse();
    }

    @Test
    void specsOnBuiltinMetricsAreCheckedAgainstTheirKind() {
        assertThatThrownBy(() -> ThresholdSpec.of("http_reqs{status:200}", "p(95)<500"))
                .isInstanceOf(ThresholdSyntaxException.class)
                .hasMessageContaining("p(95) does not apply to http_reqs, a counter metric; use count or rate");
        ThresholdSpec ok = ThresholdSpec.of("http_req_failed", "rate<0.01");
        assertThat(ok.toString()).isEqualTo("http_req_failed: rate<0.01");
        // custom metrics are unknown here: the parser cannot check them
        assertThat(ThresholdSpec.of("my_metric", "p(95)<5").expr()).isInstanceOf(ThresholdExpr.Percentile.class);
    }
}
