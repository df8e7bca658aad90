package io.headroom.report;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.metric.SeriesResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * Hides secrets in text that reports and logs show: the values of {@code Authorization}, {@code Cookie},
 * {@code Set-Cookie} and {@code Proxy-Authorization} written as {@code Name: value} or {@code Name=value},
 * and the user-info part of URLs ({@code https://user:pass@host}). Stateless and thread-safe.
 */
public final class Redaction {
    /** What a hidden value is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    // The value runs to the end of the line: a Cookie header's value holds spaces and semicolons.
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(proxy-authorization|authorization|set-cookie|cookie)(\\s*[:=]\\s*)([^\\r\\n\"]+)");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Redaction() {}

    /**
     * {@code result} with every tag value, metadata value and error sample message passed through
     * {@link #text}, so that the console, JSON, HTML and every other output built from it is clean; returns {@code result} itself
     * when nothing needed hiding (the common case), so a clean run is reported byte for byte as recorded.
     */
    public static RunResult apply(RunResult result) {
        return apply(result, Set.of());
    }

    /**
     * As {@link #apply(RunResult)}, also hiding the values of the headers and query parameters named in
     * {@code extraNames} (case-insensitive): {@code X-Api-Key: v} and {@code ?token=v}.
     */
    public static RunResult apply(RunResult result, Set<String> extraNames) {
        return apply(result, extraNames, Set.of());
    }

    /**
     * As {@link #apply(RunResult, Set)}, also hiding every occurrence of the literal {@code secretValues} (the
     * values of environment variables the plan's {@code redact} list names, which may stand anywhere in a URL).
     */
    public static RunResult apply(RunResult result, Set<String> extraNames, Set<String> secretValues) {
        Redactor r = new Redactor(extraNames, secretValues);
        if (r.clean(result)) return result;
        Map<String, String> metadata = new LinkedHashMap<>();
        result.info().metadata().forEach((k, v) -> metadata.put(k, r.text(v)));
        List<RunInfo.ScenarioInfo> scenarios = new ArrayList<>(result.info().scenarios().size());
        for (RunInfo.ScenarioInfo sc : result.info().scenarios()) {
            Map<String, String> options = new LinkedHashMap<>();
            sc.options().forEach((k, v) -> options.put(k, r.text(v)));
            scenarios.add(new RunInfo.ScenarioInfo(sc.name(), sc.executor(), sc.openModel(), sc.maxVus(), sc.iterations(),
                    sc.droppedIterations(), options));
        }
        RunInfo info = new RunInfo(result.info().name(), result.info().startedAt(), result.info().duration(), scenarios, metadata);
        List<SeriesResult> series = new ArrayList<>(result.series().size());
        for (SeriesResult s : result.series()) {
            series.add(new SeriesResult(s.metric(), s.kind(), s.valueType(), r.tags(s.tags()), s.stats()));
        }
        List<IntervalPoint> intervals = new ArrayList<>(result.intervals().size());
        for (IntervalPoint p : result.intervals()) intervals.add(r.point(p));
        List<ErrorSample> samples = new ArrayList<>(result.errorSamples().size());
        for (ErrorSample e : result.errorSamples()) {
            samples.add(new ErrorSample(e.code(), r.text(e.message()), e.count(), e.firstSeenOffsetMillis()));
        }
        List<ThresholdResult> thresholds = new ArrayList<>(result.thresholds().size());
        for (ThresholdResult t : result.thresholds()) {
            ThresholdSpec spec = t.spec();
            thresholds.add(r.same(spec.selectorText()) && r.same(spec.exprText()) ? t
                    : new ThresholdResult(new ThresholdSpec(spec.selector(), spec.expr(), r.text(spec.selectorText()),
                    r.text(spec.exprText()), spec.abortOnFail(), spec.delayAbortEval()), t.verdict()));
        }
        List<Exemplar> exemplars = new ArrayList<>(result.exemplars().size());
        for (Exemplar e : result.exemplars()) {
            exemplars.add(new Exemplar(r.tags(e.endpoint()), e.traceId(), e.durationMillis(), e.startOffsetMillis()));
        }
        return new RunResult(info, result.outcome(), series, result.checks(), thresholds, intervals,
                result.generatorHealth(), samples, exemplars, result.agents());
    }

    /**
     * The text rule of {@link #apply(RunResult, Set, Set)} as a function, for outputs that show text as the run
     * goes (threshold labels of the live endpoint); thread-safe.
     */
    public static UnaryOperator<String> texts(Set<String> extraNames, Set<String> secretValues) {
        return new Redactor(extraNames, secretValues)::text;
    }

    /**
     * {@code delegate} seeing every interval's tags, and every abort reason and warning, redacted as
     * {@link #apply(RunResult, Set, Set)} redacts the result: live outputs (the Prometheus endpoint, the progress
     * lines) show no more than the summary does. Called from the engine's one listener thread, as any listener.
     */
    public static RunListener live(RunListener delegate, Set<String> extraNames, Set<String> secretValues) {
        Redactor r = new Redactor(extraNames, secretValues);
        return new RunListener() {
            // Tags of one series are one object for the whole run: each is checked once, not once a second.
            private final Map<Tags, Tags> seen = new HashMap<>();

            @Override
            public void onProgress(List<ScenarioProgress> scenarios) {
                delegate.onProgress(scenarios);
            }

            @Override
            public void onInterval(IntervalPoint point) {
                if (seen.size() > 100_000) seen.clear();
                boolean clean = true;
                for (List<IntervalPoint.Series> list : List.of(point.series(), point.endpoints())) {
                    for (IntervalPoint.Series s : list) {
                        Tags t = seen.computeIfAbsent(s.tags(), r::tags);
                        if (t != s.tags()) clean = false;
                    }
                }
                delegate.onInterval(clean ? point : r.point(point));
            }

            @Override
            public boolean wantsIntervalSnapshots() {
                return delegate.wantsIntervalSnapshots();
            }

            @Override
            public void onIntervalSnapshot(IntervalSnapshot snapshot) {
                delegate.onIntervalSnapshot(r.snapshot(snapshot));
            }

            @Override
            public void onExemplars(List<io.headroom.core.metric.Exemplar> slowest) {
                delegate.onExemplars(slowest.stream().map(e -> new io.headroom.core.metric.Exemplar(
                        seen.computeIfAbsent(e.endpoint(), r::tags), e.traceId(), e.durationMillis(), e.startOffsetMillis())).toList());
            }

            @Override
            public void onAbort(String reason) {
                delegate.onAbort(r.text(reason));
            }

            @Override
            public void onWarning(String message) {
                delegate.onWarning(r.text(message));
            }
        };
    }

    /** The default rules plus extra names and secret values; immutable. */
    private static final class Redactor {
        /** Shorter values are not hidden as literals: "1" or "on" would blank out half a report. */
        static final int MIN_SECRET_CHARS = 4;

        private final Pattern extraHeader;
        private final Pattern extraQuery;
        private final List<String> secretValues;

        Redactor(Set<String> extraNames) {
            this(extraNames, Set.of());
        }

        Redactor(Set<String> extraNames, Set<String> secretValues) {
            if (extraNames.isEmpty()) {
                extraHeader = null;
                extraQuery = null;
            } else {
                String names = extraNames.stream().map(Pattern::quote).collect(Collectors.joining("|"));
                extraHeader = Pattern.compile("(?i)(?<![\\w-])(" + names + ")(\\s*:\\s*)([^\\r\\n\"]+)");
                extraQuery = Pattern.compile("(?i)([?&;](?:" + names + ")=)([^&#\\s\"]*)");
            }
            // Longest first, so a value that contains another is hidden whole.
            this.secretValues = secretValues.stream().filter(v -> v != null && v.length() >= MIN_SECRET_CHARS)
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        }

        IntervalSnapshot snapshot(IntervalSnapshot p) {
            List<IntervalSnapshot.SeriesSnapshot> list = new ArrayList<>(p.series().size());
            for (IntervalSnapshot.SeriesSnapshot s : p.series()) {
                Tags original = Tags.of(s.tags());
                Tags t = tags(original);
                if (t == original) {
                    list.add(s);
                    continue;
                }
                Map<String, String> m = t.asMap();
                list.add(switch (s) {
                    case IntervalSnapshot.CounterSnapshot c -> new IntervalSnapshot.CounterSnapshot(c.metric(), c.valueType(), m, c.sum());
                    case IntervalSnapshot.RateSnapshot c -> new IntervalSnapshot.RateSnapshot(c.metric(), m, c.nonZero(), c.total());
                    case IntervalSnapshot.GaugeSnapshot c -> new IntervalSnapshot.GaugeSnapshot(c.metric(), c.valueType(), m,
                            c.last(), c.min(), c.max());
                    case IntervalSnapshot.TrendSnapshot c -> new IntervalSnapshot.TrendSnapshot(c.metric(), c.valueType(), m,
                            c.histogramBase64(), c.clamped(), c.min(), c.max(), c.sum());
                });
            }
            return new IntervalSnapshot(p.offsetMillis(), list);
        }

        IntervalPoint point(IntervalPoint p) {
            return new IntervalPoint(p.offsetMillis(), series(p.series()), series(p.endpoints()));
        }

        private List<IntervalPoint.Series> series(List<IntervalPoint.Series> in) {
            List<IntervalPoint.Series> list = new ArrayList<>(in.size());
            for (IntervalPoint.Series s : in) {
                list.add(new IntervalPoint.Series(s.metric(), s.kind(), tags(s.tags()), s.count(), s.sum(), s.last(),
                        s.min(), s.p50(), s.p95(), s.p99(), s.max()));
            }
            return list;
        }

        String text(String value) {
            String out = Redaction.text(value);
            if (out == null) return null;
            for (String secret : secretValues) {
                if (out.contains(secret)) out = out.replace(secret, REDACTED);
                // The value as it stands in a URL too, percent-encoded.
                String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
                if (!encoded.equals(secret) && out.contains(encoded)) out = out.replace(encoded, REDACTED);
            }
            if (extraHeader == null) return out;
            out = extraQuery.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
            return extraHeader.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + REDACTED));
        }

        boolean clean(RunResult result) {
            for (String v : result.info().metadata().values()) if (!same(v)) return false;
            for (RunInfo.ScenarioInfo sc : result.info().scenarios()) {
                for (String v : sc.options().values()) if (!same(v)) return false;
            }
            for (ErrorSample e : result.errorSamples()) if (!same(e.message())) return false;
            for (ThresholdResult t : result.thresholds()) {
                if (!same(t.spec().selectorText()) || !same(t.spec().exprText())) return false;
            }
            for (SeriesResult s : result.series()) if (!clean(s.tags())) return false;
            for (Exemplar e : result.exemplars()) if (!clean(e.endpoint())) return false;
            for (IntervalPoint p : result.intervals()) {
                for (IntervalPoint.Series s : p.series()) if (!clean(s.tags())) return false;
                for (IntervalPoint.Series s : p.endpoints()) if (!clean(s.tags())) return false;
            }
            return true;
        }

        boolean clean(Tags tags) {
            for (String v : tags.asMap().values()) if (!same(v)) return false;
            return true;
        }

        boolean same(String value) {
            return value == null || value.equals(text(value));
        }

        Tags tags(Tags tags) {
            if (clean(tags)) return tags;
            Map<String, String> out = new LinkedHashMap<>();
            tags.asMap().forEach((k, v) -> out.put(k, text(v)));
            return Tags.of(out);
        }
    }

    /** {@code text} with secret header values and URL credentials replaced; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        if (out.indexOf('@') >= 0) out = URL_USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        Matcher m = HEADER.matcher(out);
        if (!m.find()) return out;
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + REDACTED));
    }
}
