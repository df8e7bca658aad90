package io.headroom.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.headroom.core.metric.HistogramCodec;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.AgentResult;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import io.headroom.core.result.HeapUse;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.result.VuShortage;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.report.IntervalLayout.SeriesKey;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;

import static io.headroom.report.SummarySchema.OPTIONAL_INTERVAL_FIELDS;
import static io.headroom.report.SummarySchema.intervalField;
import static io.headroom.report.SummarySchema.lower;

/**
 * Writes the JSON summary (schema {@value SummarySchema#ID}): fixed key order, sorted tags and metadata, trends
 * with their HDR histograms (core's {@link HistogramCodec}, best compression). One writer per summary; not
 * thread-safe.
 */
final class JsonSummaryWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private final JsonGenerator g;

    private JsonSummaryWriter(JsonGenerator g) {
        this.g = g;
    }

    /** Writes the summary as UTF-8 JSON to {@code out}, ending with a newline; flushes but does not close it. */
    static void write(RunResult result, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            // The caller owns the stream; closing the generator only flushes it.
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setPrettyPrinter(PRETTY.createInstance());
            new JsonSummaryWriter(g).summary(result);
            g.writeRaw('\n');
        }
    }


    private void summary(RunResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", SummarySchema.ID);
        run(r.info());
        g.writeStringField("outcome", lower(r.outcome()));
        g.writeBooleanField("thresholdsHeld", r.thresholdsHeld());
        if (r.generatorHealth().measured()) generatorHealth(r.generatorHealth());
        g.writeArrayFieldStart("thresholds");
        for (ThresholdResult t : r.thresholds()) threshold(t);
        g.writeEndArray();
        g.writeArrayFieldStart("checks");
        for (CheckResult c : r.checks()) check(c);
        g.writeEndArray();
        g.writeArrayFieldStart("series");
        for (SeriesResult s : r.series()) series(s);
        g.writeEndArray();
        intervals(r.intervals());
        if (!r.errorSamples().isEmpty()) errorSamples(r.errorSamples());
        if (!r.exemplars().isEmpty()) exemplars(r.exemplars());
        if (!r.agents().isEmpty()) agents(r.agents());
        g.writeEndObject();
    }

    /** Additive to headroom.summary/1: absent unless the run sent trace context. */
    private void exemplars(List<Exemplar> exemplars) throws IOException {
        g.writeArrayFieldStart("exemplars");
        for (Exemplar e : exemplars) {
            g.writeStartObject();
            tags(e.endpoint());
            g.writeStringField("traceId", e.traceId());
            number("durationMillis", e.durationMillis());
            g.writeNumberField("startOffsetMillis", e.startOffsetMillis());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Additive to headroom.summary/1: absent in single-process runs. */
    private void agents(List<AgentResult> agents) throws IOException {
        g.writeArrayFieldStart("agents");
        for (AgentResult a : agents) {
            g.writeStartObject();
            g.writeNumberField("index", a.index());
            g.writeStringField("host", a.host());
            g.writeStringField("segment", a.segment());
            g.writeStringField("state", lower(a.state()));
            if (!Double.isNaN(a.startOffsetMillis())) number("startOffsetMillis", a.startOffsetMillis());
            if (a.health().measured()) generatorHealth(a.health());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Additive to headroom.summary/1: absent when no request failed and no iteration threw. */
    private void errorSamples(List<ErrorSample> samples) throws IOException {
        g.writeArrayFieldStart("errorSamples");
        for (ErrorSample e : samples) {
            g.writeStartObject();
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.message());
            g.writeNumberField("count", e.count());
            g.writeNumberField("firstSeenOffsetMillis", e.firstSeenOffsetMillis());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Additive to headroom.summary/1: absent in summaries of results without a self-check. */
    private void generatorHealth(GeneratorHealth h) throws IOException {
        g.writeObjectFieldStart("generatorHealth");
        g.writeBooleanField("invalidRun", h.invalid());
        g.writeArrayFieldStart("reasons");
        for (String reason : h.reasons()) g.writeString(reason);
        g.writeEndArray();
        number("scheduleLagP99Millis", h.scheduleLagP99Millis());
        g.writeNumberField("lateIterations", h.lateIterations());
        number("cpuMaxFraction", h.cpuMaxFraction());
        number("cpuAvgFraction", h.cpuAvgFraction());
        number("otherCpuAvgFraction", h.otherCpuAvgFraction());
        number("stealAvgFraction", h.stealAvgFraction());
        number("gcPauseTotalMillis", h.gcPauseTotalMillis());
        number("gcPauseMaxMillis", h.gcPauseMaxMillis());
        g.writeNumberField("droppedIterations", h.droppedIterations());
        g.writeNumberField("droppedBehindSchedule", h.droppedBehindSchedule());
        g.writeNumberField("availableProcessors", h.availableProcessors());
        g.writeArrayFieldStart("vuShortages");
        for (VuShortage v : h.vuShortages()) {
            g.writeStartObject();
            g.writeStringField("scenario", v.scenario());
            g.writeNumberField("droppedIterations", v.droppedIterations());
            g.writeNumberField("maxVUs", v.maxVus());
            number("ratePerSecond", v.ratePerSecond());
            number("iterationP99Millis", v.iterationP99Millis());
            g.writeNumberField("neededVUs", v.neededVus());
            g.writeStringField("message", v.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        ScheduleLagCauses causes = h.lagCauses();
        if (causes.measured()) {
            // additive: the lag split by cause (headroom_schedule_lag{cause}), and the percentiles the generator decided
            g.writeObjectFieldStart("scheduleLagCauses");
            g.writeNumberField("lateByGenerator", causes.lateByGenerator());
            g.writeNumberField("lateByTarget", causes.lateByTarget());
            number("generatorLagP99Millis", causes.generatorLagP99Millis());
            g.writeNumberField("generatorTailIterations", causes.generatorTailIterations());
            number("tailFromPercentile", causes.tailFromPercentile());
            if (causes.tailNote().isPresent()) g.writeStringField("tailNote", causes.tailNote().get());
            g.writeEndObject();
        }
        if (!h.liveOutputs().isEmpty()) {
            g.writeArrayFieldStart("liveOutputs");
            for (LiveOutputHealth o : h.liveOutputs()) {
                g.writeStartObject();
                g.writeStringField("output", o.output());
                g.writeNumberField("deliveredBatches", o.delivered());
                g.writeNumberField("droppedBatches", o.dropped());
                if (o.problem() != null) g.writeStringField("problem", o.problem());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        HeapUse heap = h.heap();
        if (heap.maxHeapBytes() > 0 || heap.measured()) {
            g.writeObjectFieldStart("heapAfterGc");
            g.writeNumberField("collections", heap.collections());
            g.writeNumberField("firstBytes", heap.firstAfterGcBytes());
            g.writeNumberField("lastBytes", heap.lastAfterGcBytes());
            g.writeNumberField("maxBytes", heap.maxAfterGcBytes());
            g.writeNumberField("maxHeapBytes", heap.maxHeapBytes());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void run(RunInfo info) throws IOException {
        g.writeObjectFieldStart("run");
        g.writeStringField("name", info.name());
        g.writeStringField("startedAt", info.startedAt() == null ? null : info.startedAt().toString());
        if (info.duration() == null) g.writeNullField("durationNanos");
        else g.writeNumberField("durationNanos", info.duration().toNanos());
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> e : new TreeMap<>(info.metadata()).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("scenarios");
        for (RunInfo.ScenarioInfo s : info.scenarios()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("executor", s.executor());
            g.writeBooleanField("openModel", s.openModel());
            g.writeNumberField("maxVus", s.maxVus());
            g.writeNumberField("iterations", s.iterations());
            g.writeNumberField("droppedIterations", s.droppedIterations());
            if (!s.options().isEmpty()) {
                g.writeObjectFieldStart("options");
                for (Map.Entry<String, String> e : s.options().entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void threshold(ThresholdResult t) throws IOException {
        ThresholdSpec spec = t.spec();
        g.writeStartObject();
        g.writeStringField("selector", spec.selectorText());
        g.writeStringField("expression", spec.exprText());
        g.writeBooleanField("abortOnFail", spec.abortOnFail());
        g.writeNumberField("delayAbortEvalNanos", spec.delayAbortEval().toNanos());
        switch (t.verdict()) {
            case ThresholdVerdict.Held h -> {
                g.writeStringField("verdict", "held");
                number("actual", h.actual());
            }
            case ThresholdVerdict.Crossed c -> {
                g.writeStringField("verdict", "crossed");
                number("actual", c.actual());
            }
            case ThresholdVerdict.NoData n -> {
                g.writeStringField("verdict", "no_data");
                g.writeNullField("actual");
            }
        }
        g.writeBooleanField("noData", t.verdict().noData());
        g.writeEndObject();
    }

    private void check(CheckResult c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("group", c.group());
        g.writeNumberField("passes", c.passes());
        g.writeNumberField("fails", c.fails());
        g.writeEndObject();
    }

    private void series(SeriesResult s) throws IOException {
        g.writeStartObject();
        g.writeStringField("metric", s.metric());
        g.writeStringField("kind", lower(s.kind()));
        g.writeStringField("valueType", lower(s.valueType()));
        tags(s.tags());
        g.writeObjectFieldStart("stats");
        switch (s.stats()) {
            case CounterStats c -> {
                number("count", c.count());
                number("ratePerSecond", c.ratePerSecond());
            }
            case GaugeStats gauge -> {
                number("value", gauge.value());
                number("min", gauge.min());
                number("max", gauge.max());
            }
            case RateStats r -> {
                g.writeNumberField("passes", r.passes());
                g.writeNumberField("fails", r.fails());
                number("rate", r.rate());
            }
            case TrendStats t -> {
                g.writeNumberField("count", t.count());
                number("min", t.min());
                number("max", t.max());
                number("avg", t.avg());
                number("sum", t.sum());
                number("med", t.med());
                number("p90", t.p90());
                number("p95", t.p95());
                number("p99", t.p99());
                number("p999", t.p999());
                g.writeArrayFieldStart("values");
                for (double v : t.exactValues()) numberValue(v);
                g.writeEndArray();
                number("histogramScale", TrendStats.HISTOGRAM_SCALE);
                g.writeStringField("histogram", t.histogram() == null ? null : HistogramCodec.encode(t.histogram(), Deflater.BEST_COMPRESSION));
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void intervals(List<IntervalPoint> points) throws IOException {
        IntervalLayout layout = IntervalLayout.of(points);
        g.writeObjectFieldStart("intervals");
        g.writeArrayFieldStart("offsetsMillis");
        for (IntervalPoint p : points) g.writeNumber(p.offsetMillis());
        g.writeEndArray();
        g.writeArrayFieldStart("series");
        intervalTable(layout);
        g.writeEndArray();
        if (!layout.explicitOrders().isEmpty()) {
            g.writeObjectFieldStart("seriesOrder");
            for (Map.Entry<Integer, int[]> e : layout.explicitOrders().entrySet()) {
                g.writeFieldName(Integer.toString(e.getKey()));
                g.writeArray(e.getValue(), 0, e.getValue().length);
            }
            g.writeEndObject();
        }
        // Per-endpoint http_req_duration (IntervalPoint.endpoints): the same table; a point's order is canonical.
        if (points.stream().anyMatch(p -> !p.endpoints().isEmpty())) {
            g.writeArrayFieldStart("endpoints");
            intervalTable(IntervalLayout.of(points.stream().map(p -> new IntervalPoint(p.offsetMillis(), p.endpoints())).toList()));
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void intervalTable(IntervalLayout layout) throws IOException {
        for (SeriesKey key : layout.keys()) {
            g.writeStartObject();
            g.writeStringField("metric", key.metric());
            g.writeStringField("kind", lower(key.kind()));
            tags(key.tags());
            IntervalPoint.Series[] slots = layout.slots().get(key);
            intervalArray("count", slots);
            for (String field : OPTIONAL_INTERVAL_FIELDS) {
                boolean used = Arrays.stream(slots)
                        .anyMatch(s -> s != null && Double.compare(intervalField(s, field), 0.0) != 0);
                if (used) intervalArray(field, slots);
            }
            g.writeEndObject();
        }
    }

    private void intervalArray(String field, IntervalPoint.Series[] slots) throws IOException {
        g.writeArrayFieldStart(field);
        for (IntervalPoint.Series s : slots) {
            if (s == null) g.writeNull();
            else numberValue(intervalField(s, field));
        }
        g.writeEndArray();
    }

    private void tags(Tags tags) throws IOException {
        g.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> e : tags.asMap().entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    private void number(String field, double value) throws IOException {
        g.writeFieldName(field);
        numberValue(value);
    }

    // Whole numbers are written without ".0" to keep files small; -0.0 and non-finite values keep
    // their identity (non-finite ones as strings, which JSON has no numbers for).
    private void numberValue(double v) throws IOException {
        if (Double.isNaN(v)) g.writeString("NaN");
        else if (Double.isInfinite(v)) g.writeString(v > 0 ? "Infinity" : "-Infinity");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }
}
