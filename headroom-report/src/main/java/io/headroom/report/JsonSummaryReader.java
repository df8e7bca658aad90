package io.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.HistogramCodec;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
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
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.threshold.ThresholdSyntaxException;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.headroom.report.SummarySchema.OPTIONAL_INTERVAL_FIELDS;

/**
 * Reads a JSON summary of schema {@value SummarySchema#ID} back into the {@link RunResult} written; every error
 * names the file and the field. Stateless and thread-safe.
 */
final class JsonSummaryReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSummaryReader() {}

    /** Reads a summary from {@code in}; {@code source} names it in error messages (a file name or URL). */
    static RunResult read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new SummaryFormatException(source, "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) throw new SummaryFormatException(source, "the file is empty");
        if (!root.isObject()) throw new SummaryFormatException(source, "not a Headroom summary (expected a JSON object)");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new SummaryFormatException(source, "not a Headroom summary (no \"schema\" field; expected \""
                    + SummarySchema.ID + "\")");
        }
        if (!schema.textValue().equals(SummarySchema.ID)) {
            String found = schema.textValue();
            String hint = found.startsWith("headroom.summary/")
                    ? "; it was written by a different version of Headroom, which can read it"
                    : "";
            throw new SummaryFormatException(source, "unsupported schema \"" + found + "\"; this version of Headroom reads \""
                    + SummarySchema.ID + "\"" + hint);
        }
        SummarySchemaCheck.check(root, source);
        try {
            return summary(new SummaryNode(root, "", source));
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            // The schema cannot say everything the results' own invariants say; such a file is still bad input, not a bug.
            throw new SummaryFormatException(source, "inconsistent summary: " + e.getMessage(), e);
        }
    }


    private static RunResult summary(SummaryNode root) throws SummaryFormatException {
        RunInfo info = run(root.object("run"));
        RunOutcome outcome = root.enumValue("outcome", RunOutcome.class);
        List<ThresholdResult> thresholds = new ArrayList<>();
        for (SummaryNode t : root.array("thresholds")) thresholds.add(threshold(t));
        List<CheckResult> checks = new ArrayList<>();
        for (SummaryNode c : root.array("checks")) {
            checks.add(new CheckResult(c.text("name"), c.text("group"), c.whole("passes"), c.whole("fails")));
        }
        List<SeriesResult> series = new ArrayList<>();
        for (SummaryNode s : root.array("series")) series.add(series(s));
        List<IntervalPoint> intervals = intervals(root.object("intervals"));
        GeneratorHealth health = root.node().has("generatorHealth")
                ? generatorHealth(root.object("generatorHealth")) : GeneratorHealth.NOT_MEASURED;
        List<ErrorSample> samples = new ArrayList<>();
        if (root.node().has("errorSamples")) {
            for (SummaryNode e : root.array("errorSamples")) {
                String message = e.text("message");
                samples.add(new ErrorSample(required(e, "code"), message, e.whole("count"), e.whole("firstSeenOffsetMillis")));
            }
        }
        List<Exemplar> exemplars = new ArrayList<>();
        if (root.node().has("exemplars")) {
            for (SummaryNode e : root.array("exemplars")) {
                String traceId = e.text("traceId");
                if (!Exemplar.validTraceId(traceId)) throw e.field("traceId").error("must be 32 lowercase hex digits, not all zero");
                exemplars.add(new Exemplar(Tags.of(e.strings("tags")), traceId, e.number("durationMillis"),
                        e.whole("startOffsetMillis")));
            }
        }
        List<AgentResult> agents = new ArrayList<>();
        if (root.node().has("agents")) {
            for (SummaryNode a : root.array("agents")) {
                agents.add(new AgentResult(a.wholeInt("index"), a.text("host"), a.text("segment"),
                        a.enumValue("state", AgentResult.State.class),
                        a.node().has("startOffsetMillis") ? a.number("startOffsetMillis") : Double.NaN,
                        a.node().has("generatorHealth") ? generatorHealth(a.object("generatorHealth")) : GeneratorHealth.NOT_MEASURED));
            }
        }
        return new RunResult(info, outcome, series, checks, thresholds, intervals, health, samples, exemplars, agents);
    }

    private static GeneratorHealth generatorHealth(SummaryNode h) throws SummaryFormatException {
        List<String> reasons = new ArrayList<>();
        for (SummaryNode r : h.array("reasons")) reasons.add(r.text());
        boolean invalid = h.bool("invalidRun");
        if (invalid != !reasons.isEmpty()) throw h.field("invalidRun").error("must be true exactly when reasons is not empty");
        // other-process CPU, steal, drops behind schedule and VU shortages came later (additive): older summaries
        // read as 0 and none
        List<VuShortage> shortages = new ArrayList<>();
        if (h.node().has("vuShortages")) {
            for (SummaryNode v : h.array("vuShortages")) {
                shortages.add(new VuShortage(v.text("scenario"), v.whole("droppedIterations"), v.wholeInt("maxVUs"),
                        v.number("ratePerSecond"), v.number("iterationP99Millis")));
            }
        }
        return new GeneratorHealth(true, h.number("scheduleLagP99Millis"), h.whole("lateIterations"), h.number("cpuMaxFraction"),
                h.number("cpuAvgFraction"), h.node().has("otherCpuAvgFraction") ? h.number("otherCpuAvgFraction") : 0,
                h.node().has("stealAvgFraction") ? h.number("stealAvgFraction") : 0, h.number("gcPauseTotalMillis"),
                h.number("gcPauseMaxMillis"), h.whole("droppedIterations"),
                h.node().has("droppedBehindSchedule") ? h.whole("droppedBehindSchedule") : 0, h.wholeInt("availableProcessors"),
                shortages, reasons, heapAfterGc(h), lagCauses(h), liveOutputs(h));
    }

    /** Additive: summaries of runs without --out (and older ones) have none. */
    private static List<LiveOutputHealth> liveOutputs(SummaryNode h) throws SummaryFormatException {
        List<LiveOutputHealth> outputs = new ArrayList<>();
        if (!h.node().has("liveOutputs")) return outputs;
        for (SummaryNode o : h.array("liveOutputs")) {
            outputs.add(new LiveOutputHealth(o.text("output"), o.whole("deliveredBatches"), o.whole("droppedBatches"),
                    o.node().has("problem") ? o.text("problem") : null));
        }
        return outputs;
    }

    /** Additive: summaries from before the lag was split by cause read as {@link ScheduleLagCauses#NOT_MEASURED}. */
    private static ScheduleLagCauses lagCauses(SummaryNode h) throws SummaryFormatException {
        if (!h.node().has("scheduleLagCauses")) return ScheduleLagCauses.NOT_MEASURED;
        SummaryNode c = h.field("scheduleLagCauses");
        return new ScheduleLagCauses(true, c.whole("lateByGenerator"), c.whole("lateByTarget"), c.number("generatorLagP99Millis"),
                c.whole("generatorTailIterations"), c.number("tailFromPercentile"));
    }

    /** Additive: summaries from before the heap after GC was reported read as {@link HeapUse#NOT_MEASURED}. */
    private static HeapUse heapAfterGc(SummaryNode h) throws SummaryFormatException {
        if (!h.node().has("heapAfterGc")) return HeapUse.NOT_MEASURED;
        SummaryNode heap = h.field("heapAfterGc");
        try {
            return new HeapUse(heap.whole("collections"), heap.whole("firstBytes"), heap.whole("lastBytes"),
                    heap.whole("maxBytes"), heap.whole("maxHeapBytes"));
        } catch (IllegalArgumentException e) {
            throw heap.error(e.getMessage());
        }
    }

    private static RunInfo run(SummaryNode run) throws SummaryFormatException {
        String startedAtText = run.text("startedAt");
        Instant startedAt = null;
        if (startedAtText != null) {
            try {
                startedAt = Instant.parse(startedAtText);
            } catch (DateTimeParseException e) {
                throw run.field("startedAt").error("expected an ISO-8601 instant such as 2026-11-22T10:00:00Z");
            }
        }
        SummaryNode durationField = run.field("durationNanos");
        Duration duration = durationField.isNull() ? null : Duration.ofNanos(durationField.whole());
        List<RunInfo.ScenarioInfo> scenarios = new ArrayList<>();
        for (SummaryNode s : run.array("scenarios")) {
            scenarios.add(new RunInfo.ScenarioInfo(s.text("name"), s.text("executor"), s.bool("openModel"),
                    s.wholeInt("maxVus"), s.whole("iterations"), s.whole("droppedIterations"),
                    s.node().has("options") ? s.orderedStrings("options") : Map.of()));
        }
        return new RunInfo(run.text("name"), startedAt, duration, scenarios, run.strings("metadata"));
    }

    private static ThresholdResult threshold(SummaryNode t) throws SummaryFormatException {
        ThresholdSpec spec;
        try {
            spec = ThresholdSpec.parse(required(t, "selector"), required(t, "expression"),
                    t.bool("abortOnFail"), Duration.ofNanos(t.whole("delayAbortEvalNanos")));
        } catch (ThresholdSyntaxException e) {
            throw t.error(e.getMessage());
        }
        SummaryNode verdictField = t.field("verdict");
        String verdict = verdictField.text();
        ThresholdVerdict v;
        // noData was added within headroom.summary/1: a summary written before has none, and measured data
        boolean noData = t.bool("noData", false);
        if ("held".equals(verdict)) v = new ThresholdVerdict.Held(t.number("actual"), noData);
        else if ("crossed".equals(verdict)) v = new ThresholdVerdict.Crossed(t.number("actual"), noData);
        else if ("no_data".equals(verdict)) v = new ThresholdVerdict.NoData();
        else throw verdictField.error("expected one of [held, crossed, no_data], found " + verdictField.node());
        return new ThresholdResult(spec, v);
    }

    private static SeriesResult series(SummaryNode s) throws SummaryFormatException {
        String metric = required(s, "metric");
        MetricKind kind = s.enumValue("kind", MetricKind.class);
        ValueType valueType = s.enumValue("valueType", ValueType.class);
        Tags tags = Tags.of(s.strings("tags"));
        SummaryNode st = s.object("stats");
        SeriesStats stats = switch (kind) {
            case COUNTER -> new CounterStats(st.number("count"), st.number("ratePerSecond"));
            case GAUGE -> new GaugeStats(st.number("value"), st.number("min"), st.number("max"));
            case RATE -> new RateStats(st.whole("passes"), st.whole("fails"));
            case TREND -> trend(st);
        };
        return new SeriesResult(metric, kind, valueType, tags, stats);
    }

    private static TrendStats trend(SummaryNode st) throws SummaryFormatException {
        SummaryNode scale = st.field("histogramScale");
        if (scale.number() != TrendStats.HISTOGRAM_SCALE) {
            throw scale.error("expected " + (long) TrendStats.HISTOGRAM_SCALE + ", the only scale this version reads");
        }
        SummaryNode encoded = st.field("histogram");
        Histogram histogram = null;
        if (!encoded.isNull()) {
            String text = encoded.text();
            try {
                histogram = HistogramCodec.decode(text);
            } catch (RuntimeException e) {
                // The codec wraps what base64 or HdrHistogram threw; name that, as this message always has.
                Throwable why = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
                throw encoded.error("not a base64 compressed HdrHistogram (" + why.getClass().getSimpleName()
                        + (why.getMessage() == null ? "" : ": " + why.getMessage()) + ")");
            }
        }
        long count = st.whole("count");
        double avg = st.number("avg");
        // sum and values were added within headroom.summary/1: older summaries have neither
        double sum = st.node().has("sum") ? st.number("sum") : avg * count;
        List<Double> values = new ArrayList<>();
        if (st.node().has("values")) {
            for (SummaryNode v : st.array("values")) values.add(v.number());
            if (!values.isEmpty() && values.size() != count) {
                throw st.field("values").error("expected " + count + " values (the count) or none, found " + values.size());
            }
            values.sort(null);
        }
        return new TrendStats(count, st.number("min"), st.number("max"), avg,
                st.number("med"), st.number("p90"), st.number("p95"), st.number("p99"), st.number("p999"), histogram,
                sum, values);
    }

    private static List<IntervalPoint> intervals(SummaryNode intervals) throws SummaryFormatException {
        List<SummaryNode> offsetNodes = intervals.array("offsetsMillis");
        long[] offsets = new long[offsetNodes.size()];
        for (int i = 0; i < offsets.length; i++) offsets[i] = offsetNodes.get(i).whole();
        // tableSlots.get(t)[i]: series t of the table at point i, or null where it is absent.
        List<IntervalPoint.Series[]> tableSlots = table(intervals.array("series"), offsets.length);
        Map<Integer, List<SummaryNode>> explicitOrders = new TreeMap<>();
        if (intervals.node().has("seriesOrder")) {
            SummaryNode orders = intervals.object("seriesOrder");
            for (Map.Entry<String, JsonNode> e : orders.node().properties()) {
                int point;
                try {
                    point = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw orders.error("key \"" + e.getKey() + "\" is not a point index");
                }
                if (point < 0 || point >= offsets.length) {
                    throw orders.error("point index " + point + " is outside offsetsMillis");
                }
                explicitOrders.put(point, orders.array(e.getKey()));
            }
        }
        List<List<IntervalPoint.Series>> perPoint = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            List<IntervalPoint.Series> series = new ArrayList<>();
            List<SummaryNode> explicit = explicitOrders.get(i);
            if (explicit == null) {
                for (IntervalPoint.Series[] slots : tableSlots) if (slots[i] != null) series.add(slots[i]);
            } else {
                for (SummaryNode index : explicit) {
                    long t = index.whole();
                    if (t < 0 || t >= tableSlots.size() || tableSlots.get((int) t)[i] == null) {
                        throw index.error("series " + t + " has no values at point " + i);
                    }
                    series.add(tableSlots.get((int) t)[i]);
                }
            }
            perPoint.add(series);
        }
        // Added to headroom.summary/1: absent in older summaries. A point's endpoints have a canonical order.
        List<IntervalPoint.Series[]> endpointSlots = intervals.node().has("endpoints")
                ? table(intervals.array("endpoints"), offsets.length) : List.of();
        List<IntervalPoint> points = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            List<IntervalPoint.Series> endpoints = new ArrayList<>();
            for (IntervalPoint.Series[] slots : endpointSlots) if (slots[i] != null) endpoints.add(slots[i]);
            points.add(new IntervalPoint(offsets[i], perPoint.get(i), endpoints));
        }
        return points;
    }

    /** A column-wise interval table: per entry, its series at each point (null where it has none). */
    private static List<IntervalPoint.Series[]> table(List<SummaryNode> entries, int length) throws SummaryFormatException {
        List<IntervalPoint.Series[]> tableSlots = new ArrayList<>();
        for (SummaryNode s : entries) {
            String metric = required(s, "metric");
            MetricKind kind = s.enumValue("kind", MetricKind.class);
            Tags tags = Tags.of(s.strings("tags"));
            List<SummaryNode> count = sized(s, "count", length);
            Map<String, List<SummaryNode>> optional = new LinkedHashMap<>();
            for (String field : OPTIONAL_INTERVAL_FIELDS) {
                if (s.node().has(field)) optional.put(field, sized(s, field, length));
            }
            IntervalPoint.Series[] slots = new IntervalPoint.Series[length];
            for (int i = 0; i < length; i++) {
                if (count.get(i).isNull()) continue;
                double[] v = new double[OPTIONAL_INTERVAL_FIELDS.size()];
                for (int f = 0; f < v.length; f++) {
                    List<SummaryNode> values = optional.get(OPTIONAL_INTERVAL_FIELDS.get(f));
                    v[f] = values == null ? 0 : values.get(i).number();
                }
                slots[i] = new IntervalPoint.Series(metric, kind, tags, count.get(i).number(),
                        v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
            }
            tableSlots.add(slots);
        }
        return tableSlots;
    }

    private static List<SummaryNode> sized(SummaryNode s, String field, int length) throws SummaryFormatException {
        List<SummaryNode> values = s.array(field);
        if (values.size() != length) {
            throw s.field(field).error("has " + values.size() + " values but offsetsMillis has " + length);
        }
        return values;
    }

    private static String required(SummaryNode in, String name) throws SummaryFormatException {
        String text = in.text(name);
        if (text == null) throw in.field(name).error("must not be null");
        return text;
    }
}
