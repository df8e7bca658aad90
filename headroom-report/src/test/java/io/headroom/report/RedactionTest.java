package io.headroom.report;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {
    @Test
    void hidesSecretHeaderValuesWhateverTheirCase() {
        assertThat(Redaction.text("Authorization: Bearer abc.def")).isEqualTo("Authorization: [REDACTED]");
        assertThat(Redaction.text("proxy-authorization=Basic Zm9v")).isEqualTo("proxy-authorization=[REDACTED]");
        assertThat(Redaction.text("sent Cookie: a=1; b=2\nnext line")).isEqualTo("sent Cookie: [REDACTED]\nnext line");
        assertThat(Redaction.text("SET-COOKIE: sid=42; HttpOnly")).isEqualTo("SET-COOKIE: [REDACTED]");
    }

    @Test
    void hidesCredentialsInUrlsAndLeavesOrdinaryTextAlone() {
        assertThat(Redaction.text("https://alice:pw@shop.example/x?y=1")).isEqualTo("https://[REDACTED]@shop.example/x?y=1");
        assertThat(Redaction.text("http://127.0.0.1:8080/products?limit=5")).isEqualTo("http://127.0.0.1:8080/products?limit=5");
        assertThat(Redaction.text("mail me at a@b.c")).isEqualTo("mail me at a@b.c");
        assertThat(Redaction.text("cookies are nice")).isEqualTo("cookies are nice");
    }

    @Test
    void extraNamesHideHeaderAndQueryParameterValuesOnly() {
        RunResult base = SampleResults.smallRun();
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT,
                Tags.of("url", "http://h/x?a=1&Token=abc&b=2", "note", "X-Api-Key: zzz"), new CounterStats(1, 1)));
        RunResult redacted = Redaction.apply(new RunResult(base.info(), base.outcome(), series, base.checks(),
                base.thresholds(), base.intervals()), java.util.Set.of("token", "x-api-key"));
        SeriesResult last = redacted.series().get(redacted.series().size() - 1);
        assertThat(last.tags().get("url")).isEqualTo("http://h/x?a=1&Token=[REDACTED]&b=2");
        assertThat(last.tags().get("note")).isEqualTo("X-Api-Key: [REDACTED]");
    }

    @Test
    void cleanResultIsReturnedAsItIs() {
        RunResult result = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        assertThat(Redaction.apply(result)).isSameAs(result);
    }

    @Test
    void redactsTagValuesInSeriesAndIntervals() {
        RunResult base = SampleResults.smallRun();
        Tags secret = Tags.of("url", "http://bob:hunter2@127.0.0.1/x", "method", "GET");
        List<SeriesResult> series = new ArrayList<>(base.series());
        series.add(new SeriesResult(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, ValueType.DEFAULT, secret, new CounterStats(1, 1)));
        List<IntervalPoint> intervals = List.of(new IntervalPoint(1_000, List.of(new IntervalPoint.Series(
                BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, secret, 1, 0, 0, 0, 0, 0, 0, 0))));
        RunResult redacted = Redaction.apply(new RunResult(base.info(), base.outcome(), series, base.checks(),
                base.thresholds(), intervals));
        String everything = JsonSummary.toJson(redacted) + CsvIntervals.render(redacted) + HtmlReport.render(redacted)
                + new ConsoleSummary(false).render(redacted);
        assertThat(everything).doesNotContain("hunter2").contains("http://[REDACTED]@127.0.0.1/x");
    }

    @Test
    void redactsPerEndpointIntervalsAndScenarioOptions() {
        RunResult base = SampleResults.smallRun();
        Tags secret = Tags.of("url", "http://bob:hunter2@127.0.0.1/x", "method", "GET");
        IntervalPoint.Series duration = new IntervalPoint.Series(BuiltinMetrics.HTTP_REQ_DURATION, MetricKind.TREND, secret,
                1, 5, 0, 5, 5, 5, 5, 5);
        List<IntervalPoint> intervals = List.of(new IntervalPoint(1_000, List.of(), List.of(duration)));
        io.headroom.core.result.RunInfo info = new io.headroom.core.result.RunInfo(base.info().name(), base.info().startedAt(),
                base.info().duration(), List.of(new io.headroom.core.result.RunInfo.ScenarioInfo("s", "constant-vus", false, 1, 1, 0,
                java.util.Map.of("tags", "feed=http://bob:hunter2@127.0.0.1/feed"))), base.info().metadata());
        RunResult dirty = new RunResult(info, base.outcome(), base.series(), base.checks(), base.thresholds(), intervals);
        RunResult redacted = Redaction.apply(dirty);
        assertThat(redacted.intervals().getFirst().endpoints().getFirst().tags().get("url")).isEqualTo("http://[REDACTED]@127.0.0.1/x");
        assertThat(redacted.info().scenarios().getFirst().options().get("tags")).isEqualTo("feed=http://[REDACTED]@127.0.0.1/feed");
        assertThat(JsonSummary.toJson(redacted) + HtmlReport.render(redacted)).doesNotContain("hunter2");
    }

    @Test
    void redactsTheEndpointOfAnExemplarAndKeepsItsTraceId() {
        RunResult base = SampleResults.smallRun();
        Tags secret = Tags.of("name", "http://bob:hunter2@127.0.0.1/x", "method", "GET");
        RunResult traced = base.withExemplars(List.of(
                new io.headroom.core.metric.Exemplar(secret, "4bf92f3577b34da6a3ce929d0e0e4736", 12, 3)));

        RunResult redacted = Redaction.apply(traced);

        assertThat(redacted.exemplars()).singleElement().satisfies(e -> {
            assertThat(e.endpoint().get("name")).isEqualTo("http://[REDACTED]@127.0.0.1/x");
            assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        });
        assertThat(JsonSummary.toJson(redacted) + HtmlReport.render(redacted)).doesNotContain("hunter2");
        // Negative control: a clean exemplar leaves the result as it is.
        RunResult clean = base.withExemplars(List.of(new io.headroom.core.metric.Exemplar(
                Tags.of("name", "/x", "method", "GET"), "4bf92f3577b34da6a3ce929d0e0e4736", 12, 3)));
        assertThat(Redaction.apply(clean)).isSameAs(clean);
    }

    private static IntervalPoint.Series counter(Tags tags) {
        return new IntervalPoint.Series(BuiltinMetrics.HTTP_REQS, MetricKind.COUNTER, tags, 1, 1, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void theLiveListenerHidesWhatTheSummaryHidesAndPassesCleanIntervalsAsTheyAre() {
        List<IntervalPoint> seen = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        io.headroom.core.engine.RunListener live = Redaction.live(new io.headroom.core.engine.RunListener() {
            @Override
            public void onInterval(IntervalPoint point) {
                seen.add(point);
            }

            @Override
            public void onWarning(String message) {
                texts.add(message);
            }

            @Override
            public void onAbort(String reason) {
                texts.add(reason);
            }
        }, java.util.Set.of("token"), java.util.Set.of("env-s3cret"));
        IntervalPoint clean = new IntervalPoint(1000, List.of(counter(Tags.of("name", "/products?limit=1"))));
        live.onInterval(clean);
        live.onInterval(new IntervalPoint(2000, List.of(counter(Tags.of("name", "/products?limit=1&token=t0k")),
                counter(Tags.of("url", "http://h/v1/env-s3cret/items")))));
        live.onAbort("threshold http_req_duration{url:http://h/v1/env-s3cret/items} was crossed");
        live.onWarning("see /x?token=t0k");
        assertThat(seen.getFirst()).isSameAs(clean);
        assertThat(seen.get(1).series()).extracting(s -> s.tags().asMap().values().iterator().next())
                .containsExactly("/products?limit=1&token=[REDACTED]", "http://h/v1/[REDACTED]/items");
        assertThat(texts).containsExactly("threshold http_req_duration{url:http://h/v1/[REDACTED]/items} was crossed",
                "see /x?token=[REDACTED]");
    }

    @Test
    void shortEnvironmentValuesAreNotHiddenAsLiterals() {
        assertThat(Redaction.texts(java.util.Set.of(), java.util.Set.of("on", "8080x")).apply("http://h:8080x/on"))
                .isEqualTo("http://h:[REDACTED]/on");
    }
}
