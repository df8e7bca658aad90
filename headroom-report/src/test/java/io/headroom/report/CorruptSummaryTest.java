package io.headroom.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutations of a valid summary, each rejected as a {@link SummaryFormatException} naming the JSON path at fault
 * (checked against docs/summary.schema.json, then by the reader): never another exception, never a stack trace.
 */
class CorruptSummaryTest {
    static final String VALID = JsonSummary.toJson(SampleResults.smallRun());

    /** (what, the mutated text, what the message says after "bad.json: ") */
    static Stream<Arguments> mutations() {
        return Stream.of(
                m("wrong type: duration as text", VALID.replace("\"durationNanos\": 2000000500", "\"durationNanos\": \"2s\""),
                        "run.durationNanos: expected a whole number or null"),
                m("negative duration", VALID.replace("\"durationNanos\": 2000000500", "\"durationNanos\": -1"),
                        "run.durationNanos: expected at least 0, found -1"),
                m("negative check passes", VALID.replace("\"passes\": 3,", "\"passes\": -3,"),
                        "checks[0].passes: expected at least 0, found -3"),
                m("negative rate fails", VALID.replace("\"fails\": 3,", "\"fails\": -3,"),
                        "series[3].stats.fails: expected at least 0, found -3"),
                m("negative trend count", VALID.replaceFirst("\"count\": 4,", "\"count\": -4,"),
                        "series[0].stats.count: expected at least 0, found -4"),
                m("negative iterations", VALID.replace("\"iterations\": 4,", "\"iterations\": -4,"),
                        "run.scenarios[0].iterations: expected at least 0, found -4"),
                m("negative maxVus", VALID.replace("\"maxVus\": 2,", "\"maxVus\": -2,"),
                        "run.scenarios[0].maxVus: expected at least 0, found -2"),
                m("negative offset", VALID.replace("\"offsetsMillis\": [ 1000, 2000 ]", "\"offsetsMillis\": [ -1000, 2000 ]"),
                        "intervals.offsetsMillis[0]: expected at least 0, found -1000"),
                m("null metric name", VALID.replace("\"metric\": \"http_reqs\",\n    \"kind\": \"counter\"",
                        "\"metric\": null,\n    \"kind\": \"counter\""), "series[2].metric: expected a string"),
                m("null outcome", VALID.replace("\"outcome\": \"completed\"", "\"outcome\": null"),
                        "outcome: expected one of [completed, aborted_by_threshold, interrupted, max_duration_reached, aborted_on_repeated_error, agent_lost], found null"),
                m("null checks list", VALID.replaceFirst("\"checks\": \\[", "\"checks\": null, \"checksWas\": ["),
                        "checks: expected an array"),
                m("null threshold verdict", VALID.replace("\"verdict\": \"held\"", "\"verdict\": null"),
                        "thresholds[1].verdict: expected one of [held, crossed, no_data], found null"),
                m("missing run", VALID.replace("\"run\": {", "\"runWas\": {"), "run: missing"),
                m("missing outcome", VALID.replace("\"outcome\": \"completed\",", ""), "outcome: missing"),
                m("missing check fails", VALID.replace("\"passes\": 3,\n    \"fails\": 1", "\"passes\": 3"),
                        "checks[0].fails: missing"),
                m("missing trend histogram scale", VALID.replaceFirst("\"histogramScale\": 1000,", ""),
                        "series[0].stats.histogramScale: missing"),
                m("missing intervals", VALID.replace("\"intervals\": {", "\"intervalsWas\": {"), "intervals: missing"),
                m("wrong type: openModel as text", VALID.replace("\"openModel\": false", "\"openModel\": \"no\""),
                        "run.scenarios[0].openModel: expected true or false"),
                m("wrong type: tags as a list", VALID.replaceFirst("\"tags\": \\{ \\}", "\"tags\": [ ]"),
                        "series[0].tags: expected an object"),
                m("wrong type: counter count as text", VALID.replace("\"count\": 4,\n      \"ratePerSecond\"",
                        "\"count\": \"four\",\n      \"ratePerSecond\""),
                        "series[2].stats.count: expected a number or one of [NaN, Infinity, -Infinity], found \"four\""),
                m("wrong type: fractional passes", VALID.replace("\"passes\": 1,", "\"passes\": 1.5,"),
                        "series[3].stats.passes: expected a whole number"),
                m("wrong type: metadata value a number", VALID.replace("\"plan\": \"smoke.yaml\"", "\"plan\": 7"),
                        "run.metadata.plan: expected a string"),
                m("unknown kind", VALID.replace("\"kind\": \"gauge\"", "\"kind\": \"histogram\""),
                        "series[4].kind: expected one of [counter, gauge, rate, trend], found \"histogram\""),
                m("unknown schema version", VALID.replace("headroom.summary/1", "headroom.summary/7"),
                        "unsupported schema \"headroom.summary/7\""),
                m("truncated JSON", VALID.substring(0, VALID.length() / 2), "not valid JSON at line"),
                m("empty file", "", "the file is empty"),
                m("not an object", "[ " + VALID + " ]", "not a Headroom summary (expected a JSON object)"),
                m("wrong histogram scale", VALID.replaceFirst("\"histogramScale\": 1000", "\"histogramScale\": 1"),
                        "series[0].stats.histogramScale: expected 1000, found 1"),
                m("bad start time", VALID.replace("\"startedAt\": \"2026-11-22T10:00:00Z\"", "\"startedAt\": \"yesterday\""),
                        "run.startedAt: expected an ISO-8601 instant"));
    }

    private static Arguments m(String what, String json, String message) {
        return Arguments.of(what, json, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachCorruptionIsRejectedNamingTheField(String what, String json, String message) {
        assertThat(json).as("the mutation changed the summary").isNotEqualTo(VALID);
        assertThat(readError(json)).as(what).startsWith("bad.json: " + message);
    }

    @Test
    void atLeastTwentyMutations() {
        assertThat(mutations().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theValidSummaryIsAccepted() throws Exception {
        assertThat(JsonSummary.read(new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)), "good.json"))
                .isEqualTo(SampleResults.smallRun());
        // A null duration is allowed by the schema (results not measured by a run) and read as unknown.
        String noDuration = VALID.replace("\"durationNanos\": 2000000500", "\"durationNanos\": null");
        assertThat(JsonSummary.read(new ByteArrayInputStream(noDuration.getBytes(StandardCharsets.UTF_8)), "x.json")
                .info().duration()).isNull();
    }

    static String readError(String json) {
        try {
            JsonSummary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json");
        } catch (SummaryFormatException e) {
            return e.getMessage();
        } catch (Exception e) {
            return fail("expected a SummaryFormatException, got " + e, e);
        }
        return fail("expected a SummaryFormatException, but the summary was accepted");
    }
}
