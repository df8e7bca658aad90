package io.headroom.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.plan.ThresholdSpec;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.GeneratorHealth;
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
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/**
 * Writes and reads the machine-readable run summary, schema {@value #SCHEMA} (documented field by field
 * in {@code docs/summary-format.md}). Trends carry their HDR histograms, so a summary read back is equal
 * to the {@link RunResult} written, and later reports, comparisons and merges are exact. Output is
 * deterministic (fixed key order, sorted tags and metadata). Stateless and thread-safe.
 */
public final class JsonSummary {
    /** The schema id written into every summary and the only one {@link #read} accepts. */
    public static final String SCHEMA = "headroom.summary/1";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    /** Interval fields beside {@code count}, written only when a series has a non-zero value in them. */
    private static final List<String> OPTIONAL_INTERVAL_FIELDS = List.of("sum", "last", "min", "p50", "p95", "p99", "max");

    private JsonSummary() {}

    /**
     * Writes the summary to {@code file}, replacing it: first to a temporary file beside it, then moved
     * into place, so a reader never sees half a summary.
     */
    public static void write(RunResult result, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(result, out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes the summary as UTF-8 JSON to {@code out}, ending with a newline; flushes but does not close it. */
    public static void write(RunResult result, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            // The caller owns the stream; closing the generator only flushes it.
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setPrettyPrinter(PRETTY.createInstance());
            new Writer(g).summary(result);
            g.writeRaw('\n');
        }
    }

    /** The summary as a JSON string. */
    public static String toJson(RunResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(result, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads a summary written by {@link #write}.
     *
     * @throws SummaryFormatException when the file is not a summary of schema {@value #SCHEMA}; the
     *                                message names the file and what was wrong
     * @throws IOException            when the file cannot be read
     */
    public static RunResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a summary from {@code in}; {@code source} names it in error messages (a file name or URL). */
    public static RunResult read(InputStream in, String source) throws IOException {
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
                    + SCHEMA + "\")");
        }
        if (!schema.textValue().equals(SCHEMA)) {
            String found = schema.textValue();
            String hint = found.startsWith("headroom.summary/")
                    ? "; it was written by a different version of Headroom, which can read it"
                    : "";
            throw new SummaryFormatException(source, "unsupported schema \"" + found + "\"; this version of Headroom reads \""
                    + SCHEMA + "\"" + hint);
        }
        return new Reader(source).summary(new In(root, "", source));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Writing

    private record Writer(JsonGenerator g) {

        void summary(RunResult r) throws IOException {
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
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
            g.writeEndObject();
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
            number("gcPauseTotalMillis", h.gcPauseTotalMillis());
            number("gcPauseMaxMillis", h.gcPauseMaxMillis());
            g.writeNumberField("droppedIterations", h.droppedIterations());
            g.writeNumberField("availableProcessors", h.availableProcessors());
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
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        private void threshold(ThresholdResult t) throws IOException {
            ThresholdSpec spec = t.spec();
            g.writeStartObject();
            g.writeStringField("selector", spec.selector());
            g.writeStringField("expression", spec.expression());
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
                    number("med", t.med());
                    number("p90", t.p90());
                    number("p95", t.p95());
                    number("p99", t.p99());
                    number("p999", t.p999());
                    number("histogramScale", TrendStats.HISTOGRAM_SCALE);
                    g.writeStringField("histogram", t.histogram() == null ? null : encode(t.histogram()));
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
            g.writeEndArray();
            if (!layout.explicitOrders().isEmpty()) {
                g.writeObjectFieldStart("seriesOrder");
                for (Map.Entry<Integer, int[]> e : layout.explicitOrders().entrySet()) {
                    g.writeFieldName(Integer.toString(e.getKey()));
                    g.writeArray(e.getValue(), 0, e.getValue().length);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
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

    private static double intervalField(IntervalPoint.Series s, String field) {
        return switch (field) {
            case "count" -> s.count();
            case "sum" -> s.sum();
            case "last" -> s.last();
            case "min" -> s.min();
            case "p50" -> s.p50();
            case "p95" -> s.p95();
            case "p99" -> s.p99();
            case "max" -> s.max();
            default -> throw new IllegalArgumentException(field);
        };
    }

    private record SeriesKey(String metric, MetricKind kind, Tags tags) {
        static SeriesKey of(IntervalPoint.Series s) {
            return new SeriesKey(s.metric(), s.kind(), s.tags());
        }
    }

    /**
     * How interval points are stored: one table entry per distinct series with one slot per point. The
     * table is ordered so that listing each point's series in table order gives back the point's own
     * order (a topological order of "came before" within points, ties by first appearance). Points whose
     * order no single table order can reproduce keep an explicit order, by table index.
     */
    private record IntervalLayout(List<SeriesKey> keys, Map<SeriesKey, IntervalPoint.Series[]> slots,
                                  Map<Integer, int[]> explicitOrders) {

        static IntervalLayout of(List<IntervalPoint> points) {
            Map<SeriesKey, IntervalPoint.Series[]> slots = new LinkedHashMap<>();
            for (int i = 0; i < points.size(); i++) {
                for (IntervalPoint.Series s : points.get(i).series()) {
                    slots.computeIfAbsent(SeriesKey.of(s), k -> new IntervalPoint.Series[points.size()])[i] = s;
                }
            }
            List<SeriesKey> firstSeen = new ArrayList<>(slots.keySet());
            Map<SeriesKey, Integer> firstIndex = new java.util.HashMap<>();
            for (int i = 0; i < firstSeen.size(); i++) firstIndex.put(firstSeen.get(i), i);

            // Edges a -> b when a came right before b in some point.
            List<java.util.Set<Integer>> successors = new ArrayList<>();
            for (int i = 0; i < firstSeen.size(); i++) successors.add(new java.util.LinkedHashSet<>());
            int[] incoming = new int[firstSeen.size()];
            for (IntervalPoint p : points) {
                for (int j = 1; j < p.series().size(); j++) {
                    int a = firstIndex.get(SeriesKey.of(p.series().get(j - 1)));
                    int b = firstIndex.get(SeriesKey.of(p.series().get(j)));
                    if (a != b && successors.get(a).add(b)) incoming[b]++;
                }
            }
            java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
            for (int i = 0; i < incoming.length; i++) if (incoming[i] == 0) ready.add(i);
            List<Integer> order = new ArrayList<>();
            boolean[] placed = new boolean[firstSeen.size()];
            while (order.size() < firstSeen.size()) {
                Integer next = ready.poll();
                if (next == null) {
                    // A cycle: points disagree on the order. Break it at the earliest unplaced series.
                    for (int i = 0; i < placed.length; i++) if (!placed[i]) { next = i; break; }
                }
                if (placed[next]) continue;
                placed[next] = true;
                order.add(next);
                for (int succ : successors.get(next)) {
                    if (--incoming[succ] == 0 && !placed[succ]) ready.add(succ);
                }
            }
            List<SeriesKey> keys = new ArrayList<>();
            Map<SeriesKey, Integer> position = new java.util.HashMap<>();
            for (int index : order) {
                position.put(firstSeen.get(index), keys.size());
                keys.add(firstSeen.get(index));
            }
            Map<Integer, int[]> explicit = new TreeMap<>();
            for (int i = 0; i < points.size(); i++) {
                List<IntervalPoint.Series> series = points.get(i).series();
                int[] positions = new int[series.size()];
                boolean sorted = true;
                for (int j = 0; j < positions.length; j++) {
                    positions[j] = position.get(SeriesKey.of(series.get(j)));
                    if (j > 0 && positions[j] <= positions[j - 1]) sorted = false;
                }
                if (!sorted) explicit.put(i, positions);
            }
            return new IntervalLayout(keys, slots, explicit);
        }
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String base64) throws DataFormatException {
        byte[] bytes = Base64.getDecoder().decode(base64);
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reading

    /** A JSON node with its path, so every error names the place: {@code series[3].stats.count}. */
    private record In(JsonNode node, String path, String source) {

        In field(String name) throws SummaryFormatException {
            JsonNode child = node.get(name);
            if (child == null) throw error(child(name), "missing");
            return new In(child, child(name), source);
        }

        boolean isNull() {
            return node.isNull();
        }

        In object(String name) throws SummaryFormatException {
            In f = field(name);
            if (!f.node.isObject()) throw f.error("expected an object");
            return f;
        }

        List<In> array(String name) throws SummaryFormatException {
            In f = field(name);
            if (!f.node.isArray()) throw f.error("expected an array");
            List<In> items = new ArrayList<>(f.node.size());
            for (int i = 0; i < f.node.size(); i++) items.add(new In(f.node.get(i), f.path + "[" + i + "]", source));
            return items;
        }

        String text(String name) throws SummaryFormatException {
            return field(name).text();
        }

        String text() throws SummaryFormatException {
            if (node.isNull()) return null;
            if (!node.isTextual()) throw error("expected a string");
            return node.textValue();
        }

        boolean bool(String name) throws SummaryFormatException {
            In f = field(name);
            if (!f.node.isBoolean()) throw f.error("expected true or false");
            return f.node.booleanValue();
        }

        long whole(String name) throws SummaryFormatException {
            return field(name).whole();
        }

        long whole() throws SummaryFormatException {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) throw error("expected a whole number");
            return node.longValue();
        }

        int wholeInt(String name) throws SummaryFormatException {
            In f = field(name);
            long value = f.whole();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw f.error("number out of range");
            return (int) value;
        }

        double number(String name) throws SummaryFormatException {
            return field(name).number();
        }

        double number() throws SummaryFormatException {
            if (node.isNumber()) return node.doubleValue();
            if (node.isTextual()) {
                switch (node.textValue()) {
                    case "NaN": return Double.NaN;
                    case "Infinity": return Double.POSITIVE_INFINITY;
                    case "-Infinity": return Double.NEGATIVE_INFINITY;
                    default: break;
                }
            }
            throw error("expected a number");
        }

        Map<String, String> strings(String name) throws SummaryFormatException {
            In f = object(name);
            Map<String, String> map = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : f.node.properties()) {
                if (!e.getValue().isTextual()) throw new In(e.getValue(), f.child(e.getKey()), source).error("expected a string");
                map.put(e.getKey(), e.getValue().textValue());
            }
            return map;
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) throws SummaryFormatException {
            In f = field(name);
            String text = f.text();
            if (text != null) {
                for (E constant : type.getEnumConstants()) {
                    if (lower(constant).equals(text)) return constant;
                }
            }
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(JsonSummary::lower).toList();
            throw f.error("expected one of " + allowed + ", found " + f.node);
        }

        private String child(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        SummaryFormatException error(String problem) {
            return new SummaryFormatException(source, (path.isEmpty() ? "" : path + ": ") + problem);
        }

        private SummaryFormatException error(String childPath, String problem) {
            return new SummaryFormatException(source, childPath + ": " + problem);
        }
    }

    private record Reader(String source) {

        RunResult summary(In root) throws SummaryFormatException {
            RunInfo info = run(root.object("run"));
            RunOutcome outcome = root.enumValue("outcome", RunOutcome.class);
            List<ThresholdResult> thresholds = new ArrayList<>();
            for (In t : root.array("thresholds")) thresholds.add(threshold(t));
            List<CheckResult> checks = new ArrayList<>();
            for (In c : root.array("checks")) {
                checks.add(new CheckResult(c.text("name"), c.text("group"), c.whole("passes"), c.whole("fails")));
            }
            List<SeriesResult> series = new ArrayList<>();
            for (In s : root.array("series")) series.add(series(s));
            List<IntervalPoint> intervals = intervals(root.object("intervals"));
            GeneratorHealth health = root.node().has("generatorHealth")
                    ? generatorHealth(root.object("generatorHealth")) : GeneratorHealth.NOT_MEASURED;
            List<ErrorSample> samples = new ArrayList<>();
            if (root.node().has("errorSamples")) {
                for (In e : root.array("errorSamples")) {
                    String message = e.text("message");
                    samples.add(new ErrorSample(required(e, "code"), message, e.whole("count"), e.whole("firstSeenOffsetMillis")));
                }
            }
            return new RunResult(info, outcome, series, checks, thresholds, intervals, health, samples);
        }

        private GeneratorHealth generatorHealth(In h) throws SummaryFormatException {
            List<String> reasons = new ArrayList<>();
            for (In r : h.array("reasons")) reasons.add(r.text());
            boolean invalid = h.bool("invalidRun");
            if (invalid != !reasons.isEmpty()) throw h.field("invalidRun").error("must be true exactly when reasons is not empty");
            return new GeneratorHealth(true, h.number("scheduleLagP99Millis"), h.whole("lateIterations"), h.number("cpuMaxFraction"),
                    h.number("cpuAvgFraction"), h.number("gcPauseTotalMillis"), h.number("gcPauseMaxMillis"),
                    h.whole("droppedIterations"), h.wholeInt("availableProcessors"), reasons);
        }

        private RunInfo run(In run) throws SummaryFormatException {
            String startedAtText = run.text("startedAt");
            Instant startedAt = null;
            if (startedAtText != null) {
                try {
                    startedAt = Instant.parse(startedAtText);
                } catch (DateTimeParseException e) {
                    throw run.field("startedAt").error("expected an ISO-8601 instant such as 2026-11-22T10:00:00Z");
                }
            }
            In durationField = run.field("durationNanos");
            Duration duration = durationField.isNull() ? null : Duration.ofNanos(durationField.whole());
            List<RunInfo.ScenarioInfo> scenarios = new ArrayList<>();
            for (In s : run.array("scenarios")) {
                scenarios.add(new RunInfo.ScenarioInfo(s.text("name"), s.text("executor"), s.bool("openModel"),
                        s.wholeInt("maxVus"), s.whole("iterations"), s.whole("droppedIterations")));
            }
            return new RunInfo(run.text("name"), startedAt, duration, scenarios, run.strings("metadata"));
        }

        private ThresholdResult threshold(In t) throws SummaryFormatException {
            ThresholdSpec spec = new ThresholdSpec(required(t, "selector"), required(t, "expression"),
                    t.bool("abortOnFail"), Duration.ofNanos(t.whole("delayAbortEvalNanos")));
            In verdictField = t.field("verdict");
            String verdict = verdictField.text();
            ThresholdVerdict v;
            if ("held".equals(verdict)) v = new ThresholdVerdict.Held(t.number("actual"));
            else if ("crossed".equals(verdict)) v = new ThresholdVerdict.Crossed(t.number("actual"));
            else if ("no_data".equals(verdict)) v = new ThresholdVerdict.NoData();
            else throw verdictField.error("expected one of [held, crossed, no_data], found " + verdictField.node());
            return new ThresholdResult(spec, v);
        }

        private SeriesResult series(In s) throws SummaryFormatException {
            String metric = required(s, "metric");
            MetricKind kind = s.enumValue("kind", MetricKind.class);
            ValueType valueType = s.enumValue("valueType", ValueType.class);
            Tags tags = Tags.of(s.strings("tags"));
            In st = s.object("stats");
            SeriesStats stats = switch (kind) {
                case COUNTER -> new CounterStats(st.number("count"), st.number("ratePerSecond"));
                case GAUGE -> new GaugeStats(st.number("value"), st.number("min"), st.number("max"));
                case RATE -> new RateStats(st.whole("passes"), st.whole("fails"));
                case TREND -> trend(st);
            };
            return new SeriesResult(metric, kind, valueType, tags, stats);
        }

        private TrendStats trend(In st) throws SummaryFormatException {
            In scale = st.field("histogramScale");
            if (scale.number() != TrendStats.HISTOGRAM_SCALE) {
                throw scale.error("expected " + (long) TrendStats.HISTOGRAM_SCALE + ", the only scale this version reads");
            }
            In encoded = st.field("histogram");
            Histogram histogram = null;
            if (!encoded.isNull()) {
                String text = encoded.text();
                try {
                    histogram = decode(text);
                } catch (DataFormatException | RuntimeException e) {
                    throw encoded.error("not a base64 compressed HdrHistogram (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                }
            }
            return new TrendStats(st.whole("count"), st.number("min"), st.number("max"), st.number("avg"),
                    st.number("med"), st.number("p90"), st.number("p95"), st.number("p99"), st.number("p999"), histogram);
        }

        private List<IntervalPoint> intervals(In intervals) throws SummaryFormatException {
            List<In> offsetNodes = intervals.array("offsetsMillis");
            long[] offsets = new long[offsetNodes.size()];
            for (int i = 0; i < offsets.length; i++) offsets[i] = offsetNodes.get(i).whole();
            // tableSlots.get(t)[i]: series t of the table at point i, or null where it is absent.
            List<IntervalPoint.Series[]> tableSlots = new ArrayList<>();
            for (In s : intervals.array("series")) {
                String metric = required(s, "metric");
                MetricKind kind = s.enumValue("kind", MetricKind.class);
                Tags tags = Tags.of(s.strings("tags"));
                List<In> count = sized(s, "count", offsets.length);
                Map<String, List<In>> optional = new LinkedHashMap<>();
                for (String field : OPTIONAL_INTERVAL_FIELDS) {
                    if (s.node().has(field)) optional.put(field, sized(s, field, offsets.length));
                }
                IntervalPoint.Series[] slots = new IntervalPoint.Series[offsets.length];
                for (int i = 0; i < offsets.length; i++) {
                    if (count.get(i).isNull()) continue;
                    double[] v = new double[OPTIONAL_INTERVAL_FIELDS.size()];
                    for (int f = 0; f < v.length; f++) {
                        List<In> values = optional.get(OPTIONAL_INTERVAL_FIELDS.get(f));
                        v[f] = values == null ? 0 : values.get(i).number();
                    }
                    slots[i] = new IntervalPoint.Series(metric, kind, tags, count.get(i).number(),
                            v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
                }
                tableSlots.add(slots);
            }
            Map<Integer, List<In>> explicitOrders = new TreeMap<>();
            if (intervals.node().has("seriesOrder")) {
                In orders = intervals.object("seriesOrder");
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
                List<In> explicit = explicitOrders.get(i);
                if (explicit == null) {
                    for (IntervalPoint.Series[] slots : tableSlots) if (slots[i] != null) series.add(slots[i]);
                } else {
                    for (In index : explicit) {
                        long t = index.whole();
                        if (t < 0 || t >= tableSlots.size() || tableSlots.get((int) t)[i] == null) {
                            throw index.error("series " + t + " has no values at point " + i);
                        }
                        series.add(tableSlots.get((int) t)[i]);
                    }
                }
                perPoint.add(series);
            }
            List<IntervalPoint> points = new ArrayList<>(offsets.length);
            for (int i = 0; i < offsets.length; i++) points.add(new IntervalPoint(offsets[i], perPoint.get(i)));
            return points;
        }

        private static List<In> sized(In s, String field, int length) throws SummaryFormatException {
            List<In> values = s.array(field);
            if (values.size() != length) {
                throw s.field(field).error("has " + values.size() + " values but offsetsMillis has " + length);
            }
            return values;
        }

        private static String required(In in, String name) throws SummaryFormatException {
            String text = in.text(name);
            if (text == null) throw in.field(name).error("must not be null");
            return text;
        }
    }
}
