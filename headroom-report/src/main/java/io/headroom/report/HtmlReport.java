package io.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.CheckResult;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.SeriesStats.GaugeStats;
import io.headroom.core.metric.SeriesStats.RateStats;
import io.headroom.core.metric.SeriesStats.TrendStats;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run as one self-contained HTML page: verdict, key numbers, thresholds, charts over time, the latency
 * spectrum, endpoints, checks, errors, generator health and findings. uPlot and all CSS are inlined, so the
 * file opens from disk with no network. Text from the target or the plan is HTML-escaped; chart data goes
 * into a {@code <script type="application/json">} block with {@code < > &} and U+2028/9 escaped, never into
 * code. Stateless and thread-safe.
 */
public final class HtmlReport {
    private static final String UPLOT_BASE = "/META-INF/resources/webjars/uplot/1.6.30/";
    private static final String UPLOT_DIR = UPLOT_BASE + "dist/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HdrHistogram's percentile iteration: points per halving of the distance to 100%. */
    private static final int SPECTRUM_TICKS_PER_HALF_DISTANCE = 5;

    private HtmlReport() {}

    /** The page for {@code result} with no findings. */
    public static String render(RunResult result) {
        return render(result, List.of());
    }

    /** The page for {@code result}; {@code findings} fill the findings section in the order given. */
    public static String render(RunResult result, List<ReportFinding> findings) {
        return render(result, findings, List.of());
    }

    /** As {@link #render(RunResult, List)}, with {@code sections} added after the findings in the order given. */
    public static String render(RunResult result, List<ReportFinding> findings, List<ReportSection> sections) {
        return new Page(result, List.copyOf(findings), List.copyOf(sections)).render();
    }

    /** Writes the page with extra {@code sections} to {@code file} (UTF-8), replacing it. */
    public static void write(RunResult result, List<ReportFinding> findings, List<ReportSection> sections, Path file)
            throws IOException {
        Files.writeString(file, render(result, findings, sections), StandardCharsets.UTF_8);
    }

    /** Writes the page to {@code file} (UTF-8), replacing it. */
    public static void write(RunResult result, List<ReportFinding> findings, Path file) throws IOException {
        Files.writeString(file, render(result, findings), StandardCharsets.UTF_8);
    }

    /** {@code text} safe inside HTML text and quoted attribute values. */
    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON safe inside a {@code <script>} element: no {@code <}, {@code >} or {@code &} can close the
     * element or open a comment, and U+2028/U+2029 cannot end a line in older JavaScript parsers. These
     * characters only occur inside JSON strings, where the {@code \\u} escapes read back the same.
     */
    static String scriptSafeJson(Object value) {
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is not serialisable", e);
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rendering: the result and the output buffer. */
    private static final class Page {
        private final RunResult result;
        private final List<ReportFinding> findings;
        private final List<ReportSection> sections;
        private final StringBuilder out = new StringBuilder(128 * 1024);

        Page(RunResult result, List<ReportFinding> findings, List<ReportSection> sections) {
            this.result = result;
            this.findings = findings;
            this.sections = sections;
        }

        String render() {
            String title = "Headroom report: " + result.info().name();
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>").append(escape(title)).append("</title>\n")
                    .append("<style>\n").append(resource(UPLOT_DIR + "uPlot.min.css")).append('\n')
                    .append(resource("report.css")).append("</style>\n</head>\n<body>\n<main>\n");
            header();
            verdict();
            keyNumbers();
            thresholds();
            charts();
            endpoints();
            checks();
            errors();
            generator();
            findings();
            for (ReportSection section : sections) {
                sectionStart(section.id(), section.title(), null);
                out.append(section.html()).append("</section>\n");
            }
            out.append("<footer>Generated by Headroom from ").append(escape(JsonSummary.SCHEMA))
                    .append(" data. Charts: uPlot (MIT).</footer>\n</main>\n");
            out.append("<script type=\"application/json\" id=\"headroom-data\">").append(scriptSafeJson(chartData()))
                    .append("</script>\n");
            // uPlot's own source never contains "</script"; guard anyway so a future version cannot break the page.
            String uplot = resource(UPLOT_DIR + "uPlot.iife.min.js").replace("</script", "<\\/script");
            // uPlot is MIT-licensed: its notice travels with every copy, so it goes into the page with the code.
            String license = resource(UPLOT_BASE + "LICENSE").replace("*/", "* /").replace("</", "< /");
            out.append("<script>\n/*\n").append(license).append("*/\n").append(uplot).append("\n</script>\n");
            out.append("<script>\n").append(resource("report.js")).append("\n</script>\n");
            out.append("</body>\n</html>\n");
            return out.toString();
        }

        private void header() {
            RunInfo info = result.info();
            out.append("<header><div class=\"brand\">Headroom</div><h1>").append(escape(info.name())).append("</h1>\n");
            out.append("<p class=\"meta\">");
            out.append("started ").append(info.startedAt() == null ? "-"
                            : escape(info.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
                    .append(" · ran ").append(escape(durationText(info)))
                    .append(" · outcome <b>").append(escape(outcomeWord(result.outcome()))).append("</b>");
            out.append("</p>\n");
            if (!info.metadata().isEmpty()) {
                out.append("<dl class=\"metadata\">");
                new TreeMap<>(info.metadata()).forEach((k, v) -> out.append("<dt>").append(escape(k))
                        .append("</dt><dd>").append(escape(Redaction.text(v))).append("</dd>"));
                out.append("</dl>\n");
            }
            out.append("</header>\n");
        }

        private void verdict() {
            List<ThresholdResult> thresholds = result.thresholds();
            long crossed = thresholds.stream().filter(t -> t.verdict() instanceof ThresholdVerdict.Crossed).count();
            String cls;
            String headline;
            if (thresholds.isEmpty()) {
                cls = "neutral";
                headline = "No thresholds were set";
            } else if (crossed == 0) {
                cls = "pass";
                headline = "✓ All " + thresholds.size() + " threshold" + plural(thresholds.size()) + " held";
            } else {
                cls = "fail";
                headline = "✗ " + crossed + " of " + thresholds.size() + " threshold" + plural(thresholds.size()) + " crossed";
            }
            out.append("<section class=\"verdict ").append(cls).append("\" id=\"verdict\"><div class=\"headline\">")
                    .append(escape(headline)).append("</div>");
            List<String> warnings = new ArrayList<>();
            if (result.outcome() != RunOutcome.COMPLETED) {
                warnings.add(ConsoleSummary.partialHeadline(result.outcome())
                        + ": the numbers cover only the " + durationText(result.info()) + " that ran.");
            }
            long dropped = result.info().scenarios().stream().mapToLong(RunInfo.ScenarioInfo::droppedIterations).sum();
            if (dropped > 0) {
                warnings.add(dropped + " iteration" + plural(dropped) + " dropped: the generator could not keep the"
                        + " planned arrival rate, so the target saw less load than planned.");
            }
            for (String w : warnings) out.append("<div class=\"warning\">⚠ ").append(escape(w)).append("</div>");
            out.append("</section>\n");
        }

        private void keyNumbers() {
            out.append("<section class=\"numbers\" id=\"key-numbers\">");
            Optional<SeriesResult> reqs = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQS);
            Optional<SeriesResult> duration = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION);
            Optional<SeriesResult> failed = Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_FAILED);
            double count = reqs.map(s -> s.stats() instanceof CounterStats c ? c.count() : Double.NaN).orElse(Double.NaN);
            double perSecond = reqs.map(s -> s.stats() instanceof CounterStats c ? c.ratePerSecond() : Double.NaN)
                    .orElse(Double.NaN);
            tile("requests", Units.number(count, 0), null);
            tile("requests/s", Units.number(perSecond, 2), null);
            TrendStats t = duration.map(s -> s.stats() instanceof TrendStats ts ? ts : null).orElse(null);
            boolean any = t != null && t.count() > 0;
            tile("p50", any ? Units.duration(t.percentile(50)) : "-", "http_req_duration");
            tile("p95", any ? Units.duration(t.percentile(95)) : "-", "http_req_duration");
            tile("p99", any ? Units.duration(t.percentile(99)) : "-", "http_req_duration");
            double errorRate = failed.map(s -> s.stats() instanceof RateStats r && r.passes() + r.fails() > 0
                    ? r.rate() : Double.NaN).orElse(Double.NaN);
            tile("error rate", Units.percent(errorRate), "http_req_failed");
            tile("data received", counterValue(BuiltinMetrics.DATA_RECEIVED, true), null);
            tile("data sent", counterValue(BuiltinMetrics.DATA_SENT, true), null);
            tile("iterations", counterValue(BuiltinMetrics.ITERATIONS, false), null);
            String maxVus = Aggregates.aggregate(result, BuiltinMetrics.VUS)
                    .map(s -> s.stats() instanceof GaugeStats g ? Units.number(g.max(), 0) : "-").orElse("-");
            tile("max VUs", maxVus, null);
            out.append("</section>\n");
        }

        private String counterValue(String metric, boolean bytes) {
            return Aggregates.aggregate(result, metric).map(s -> s.stats() instanceof CounterStats c
                    ? (bytes ? Units.bytes(c.count()) : Units.number(c.count(), 0)) : "-").orElse("-");
        }

        private void tile(String label, String value, String hint) {
            out.append("<div class=\"tile\"><div class=\"value\">").append(escape(value))
                    .append("</div><div class=\"label\">").append(escape(label)).append("</div>");
            if (hint != null) out.append("<div class=\"hint\">").append(escape(hint)).append("</div>");
            out.append("</div>");
        }

        private void thresholds() {
            sectionStart("thresholds", "Thresholds", null);
            if (result.thresholds().isEmpty()) {
                out.append("<p class=\"empty\">No thresholds were set in the plan.</p>");
            } else {
                out.append("<table><thead><tr><th></th><th>metric</th><th>threshold</th><th>actual</th><th></th></tr></thead><tbody>");
                for (ThresholdResult t : result.thresholds()) {
                    String mark;
                    String cls;
                    String actual;
                    switch (t.verdict()) {
                        case ThresholdVerdict.Held h -> {
                            mark = "✓";
                            cls = "pass";
                            actual = ThresholdText.actual(result, t.spec(), h.actual());
                        }
                        case ThresholdVerdict.Crossed c -> {
                            mark = "✗";
                            cls = "fail";
                            actual = ThresholdText.actual(result, t.spec(), c.actual());
                        }
                        case ThresholdVerdict.NoData n -> {
                            mark = "✓";
                            cls = "nodata";
                            actual = "no data — no sample matched; counts as held";
                        }
                    }
                    out.append("<tr class=\"").append(cls).append("\"><td class=\"mark\">").append(mark).append("</td><td><code>")
                            .append(escape(t.spec().selector())).append("</code></td><td><code>")
                            .append(escape(t.spec().expression())).append("</code></td><td>").append(escape(actual))
                            .append("</td><td class=\"note\">").append(t.spec().abortOnFail() ? "abortOnFail" : "")
                            .append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
            out.append("</section>\n");
        }

        private void charts() {
            sectionStart("charts", "Over time", "per second of the run");
            if (result.intervals().isEmpty()) {
                out.append("<p class=\"empty\">No per-second data was recorded.</p></section>\n");
                return;
            }
            out.append("<div class=\"charts\">");
            chartBox("chart-load", "VUs and requests/s");
            chartBox("chart-latency", "Latency (http_req_duration)");
            chartBox("chart-errors", "Errors by code and error rate");
            chartBox("chart-spectrum", "Latency percentile spectrum");
            chartBox("chart-scenarios", "Iterations/s by scenario");
            chartBox("chart-generator", "Generator: schedule lag p95 and dropped iterations");
            out.append("</div></section>\n");
        }

        private void chartBox(String id, String title) {
            out.append("<figure class=\"chart\"><figcaption>").append(escape(title)).append("</figcaption><div id=\"")
                    .append(id).append("\" class=\"plot\"></div></figure>");
        }

        private void endpoints() {
            List<EndpointSummary> rows = EndpointSummary.of(result);
            sectionStart("endpoints", "Endpoints", "http_req_duration by name and method; click a column to sort");
            if (rows.isEmpty()) {
                out.append("<p class=\"empty\">No HTTP requests were made.</p></section>\n");
                return;
            }
            out.append("<table class=\"sortable\"><thead><tr><th data-type=\"text\">name</th><th data-type=\"text\">method</th>")
                    .append("<th class=\"num\">count</th><th class=\"num\">req/s</th><th class=\"num\">p50</th>")
                    .append("<th class=\"num\">p95</th><th class=\"num\">p99</th><th class=\"num\">max</th>")
                    .append("<th class=\"num\">errors</th></tr></thead><tbody>");
            for (EndpointSummary e : rows) {
                double errorRate = e.errorRate();
                out.append("<tr><td class=\"name\">").append(escape(Redaction.text(e.name()))).append("</td><td>")
                        .append(escape(e.method())).append("</td>");
                numCell(e.count(), Long.toString(e.count()));
                numCell(e.requestsPerSecond(), Units.number(e.requestsPerSecond(), 2));
                numCell(e.p50Millis(), Units.duration(e.p50Millis()));
                numCell(e.p95Millis(), Units.duration(e.p95Millis()));
                numCell(e.p99Millis(), Units.duration(e.p99Millis()));
                numCell(e.maxMillis(), Units.duration(e.maxMillis()));
                out.append("<td class=\"num").append(e.failed() > 0 ? " bad" : "").append("\" data-v=\"")
                        .append(sortValue(errorRate)).append("\">")
                        .append(escape(Double.isNaN(errorRate) ? "-" : Units.percent(errorRate))).append("</td></tr>");
            }
            out.append("</tbody></table></section>\n");
        }

        private void numCell(double sortKey, String shown) {
            out.append("<td class=\"num\" data-v=\"").append(sortValue(sortKey)).append("\">").append(escape(shown)).append("</td>");
        }

        private void checks() {
            sectionStart("checks", "Checks", null);
            if (result.checks().isEmpty()) {
                out.append("<p class=\"empty\">The plan has no checks.</p></section>\n");
                return;
            }
            out.append("<table><thead><tr><th></th><th>check</th><th>group</th><th class=\"num\">passed</th>")
                    .append("<th class=\"num\">✓</th><th class=\"num\">✗</th></tr></thead><tbody>");
            for (CheckResult c : result.checks()) {
                boolean held = c.fails() == 0;
                out.append("<tr class=\"").append(held ? "pass" : "fail").append("\"><td class=\"mark\">")
                        .append(held ? "✓" : "✗").append("</td><td>").append(escape(c.name())).append("</td><td>")
                        .append(escape(c.group() == null ? "" : c.group().replaceFirst("^::", ""))).append("</td><td class=\"num\">")
                        .append(escape(Units.percent(c.passRate()))).append("</td><td class=\"num\">").append(c.passes())
                        .append("</td><td class=\"num\">").append(c.fails()).append("</td></tr>");
            }
            out.append("</tbody></table></section>\n");
        }

        private void errors() {
            sectionStart("errors", "Errors by code", null);
            Map<String, long[]> byCode = new TreeMap<>();
            Map<String, String> sampleCodes = new HashMap<>();
            long total = 0;
            for (SeriesResult s : result.series()) {
                if (s.tags().isEmpty()) continue;
                if (s.metric().equals(BuiltinMetrics.HTTP_REQ_FAILED) && s.stats() instanceof RateStats r && r.passes() > 0) {
                    byCode.computeIfAbsent(errorKey(s.tags()), k -> new long[1])[0] += r.passes();
                    if (s.tags().get("error_code") != null) sampleCodes.put(errorKey(s.tags()), s.tags().get("error_code"));
                    total += r.passes();
                } else if (s.metric().equals(BuiltinMetrics.ITERATION_ERRORS) && s.stats() instanceof CounterStats c && c.count() > 0) {
                    String key = "iteration error " + Optional.ofNullable(s.tags().get("error")).orElse("?");
                    byCode.computeIfAbsent(key, k -> new long[1])[0] += (long) c.count();
                    sampleCodes.put(key, ErrorSample.ITERATION_PREFIX + s.tags().get("error"));
                }
            }
            if (byCode.isEmpty()) {
                out.append("<p class=\"empty\">No request failed and no iteration threw.</p></section>\n");
                return;
            }
            // Summaries written before error samples existed have none: no empty column for them.
            boolean samples = !result.errorSamples().isEmpty();
            out.append("<table><thead><tr><th>code</th><th class=\"num\">count</th><th class=\"num\">share of failed requests</th>")
                    .append(samples ? "<th>sample message</th>" : "").append("</tr></thead><tbody>");
            for (Map.Entry<String, long[]> e : byCode.entrySet()) {
                boolean request = !e.getKey().startsWith("iteration error");
                out.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"num\">").append(e.getValue()[0])
                        .append("</td><td class=\"num\">")
                        .append(request && total > 0 ? escape(Units.percent((double) e.getValue()[0] / total)) : "")
                        .append("</td>");
                if (samples) {
                    out.append("<td class=\"sample\"><code>").append(escape(Redaction.text(
                            ErrorSamples.of(result, sampleCodes.get(e.getKey())).map(ErrorSample::message).orElse(""))))
                            .append("</code></td>");
                }
                out.append("</tr>");
            }
            out.append("</tbody></table></section>\n");
        }

        private void generator() {
            sectionStart("generator", "Generator health", "is the load generator itself keeping up?");
            out.append("<table><thead><tr><th>scenario</th><th>executor</th><th class=\"num\">max VUs</th>")
                    .append("<th class=\"num\">iterations</th><th class=\"num\">dropped iterations</th></tr></thead><tbody>");
            for (RunInfo.ScenarioInfo s : result.info().scenarios()) {
                out.append("<tr><td>").append(escape(s.name())).append("</td><td>").append(escape(s.executor()))
                        .append("</td><td class=\"num\">").append(s.maxVus()).append("</td><td class=\"num\">")
                        .append(s.iterations()).append("</td><td class=\"num").append(s.droppedIterations() > 0 ? " bad" : "")
                        .append("\">").append(s.droppedIterations()).append("</td></tr>");
            }
            out.append("</tbody></table>");
            Optional<TrendStats> lag = Aggregates.aggregate(result, BuiltinMetrics.SCHEDULE_LAG)
                    .map(s -> s.stats() instanceof TrendStats t ? t : null);
            if (lag.isPresent() && lag.get().count() > 0) {
                TrendStats t = lag.get();
                out.append("<p class=\"detail\">Schedule lag (<code>headroom_schedule_lag</code>, how late iterations"
                                + " started against their planned time): p50 ").append(escape(Units.duration(t.percentile(50))))
                        .append(" · p95 ").append(escape(Units.duration(t.percentile(95))))
                        .append(" · p99 ").append(escape(Units.duration(t.percentile(99))))
                        .append(" · max ").append(escape(Units.duration(t.max()))).append("</p>");
            } else {
                out.append("<p class=\"detail\">No schedule lag was recorded (closed-model scenarios only).</p>");
            }
            out.append("</section>\n");
        }

        private void findings() {
            sectionStart("findings", "Findings", null);
            if (findings.isEmpty()) {
                out.append("<p class=\"empty\" id=\"no-findings\">No findings.</p>");
            } else {
                out.append("<ul class=\"findings\">");
                for (ReportFinding f : findings) {
                    out.append("<li class=\"").append(f.severity().name().toLowerCase(java.util.Locale.ROOT))
                            .append("\"><b>").append(escape(f.title())).append("</b>");
                    if (!f.detail().isEmpty()) out.append("<p>").append(escape(f.detail())).append("</p>");
                    out.append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</section>\n");
        }

        private void sectionStart(String id, String title, String detail) {
            out.append("<section id=\"").append(id).append("\"><h2>").append(escape(title));
            if (detail != null) out.append(" <small>").append(escape(detail)).append("</small>");
            out.append("</h2>");
        }

        /** Time series and spectrum for the charts; numbers only, plus error-code labels. */
        private Map<String, Object> chartData() {
            List<IntervalPoint> points = result.intervals();
            int n = points.size();
            Double[] seconds = new Double[n];
            Double[] vus = new Double[n], rps = new Double[n], p50 = new Double[n], p95 = new Double[n],
                    p99 = new Double[n], max = new Double[n], errorRate = new Double[n];
            Map<String, Double[]> errorsByCode = new TreeMap<>();
            Map<String, Double[]> iterationsByScenario = new TreeMap<>();
            Double[] lagP95 = new Double[n], dropped = new Double[n];
            List<Integer> slivers = new ArrayList<>();
            long previousMillis = 0;
            for (int i = 0; i < n; i++) {
                IntervalPoint p = points.get(i);
                seconds[i] = p.offsetMillis() / 1000.0;
                double lengthSeconds = Math.max(0.001, (p.offsetMillis() - previousMillis) / 1000.0);
                previousMillis = p.offsetMillis();
                double reqs = 0, failedSamples = 0, failed = 0;
                boolean haveReqs = false, haveFailed = false;
                double droppedAggregate = -1, droppedParts = 0;
                for (IntervalPoint.Series s : p.series()) {
                    boolean aggregate = s.tags().isEmpty();
                    switch (s.metric()) {
                        case BuiltinMetrics.VUS -> {
                            if (aggregate) vus[i] = s.max();
                        }
                        case BuiltinMetrics.HTTP_REQS -> {
                            if (aggregate) {
                                reqs = s.count();
                                haveReqs = true;
                            }
                        }
                        case BuiltinMetrics.HTTP_REQ_DURATION -> {
                            if (aggregate && s.count() > 0) {
                                p50[i] = s.p50();
                                p95[i] = s.p95();
                                p99[i] = s.p99();
                                max[i] = s.max();
                            }
                        }
                        case BuiltinMetrics.HTTP_REQ_FAILED -> {
                            if (aggregate) {
                                failedSamples = s.count();
                                failed = s.sum();
                                haveFailed = true;
                            } else if (s.sum() > 0) {
                                Double[] series = errorsByCode.computeIfAbsent(errorKey(s.tags()), k -> new Double[n]);
                                series[i] = (series[i] == null ? 0 : series[i]) + s.sum() / lengthSeconds;
                            }
                        }
                        case BuiltinMetrics.ITERATIONS -> {
                            String scenario = s.tags().get("scenario");
                            if (scenario != null && s.tags().asMap().size() == 1) {
                                iterationsByScenario.computeIfAbsent(scenario, k -> new Double[n])[i] = s.count() / lengthSeconds;
                            }
                        }
                        case BuiltinMetrics.SCHEDULE_LAG -> {
                            if (s.count() > 0) lagP95[i] = lagP95[i] == null ? s.p95() : Math.max(lagP95[i], s.p95());
                        }
                        case BuiltinMetrics.DROPPED_ITERATIONS -> {
                            // The aggregate when there is one, else the sum of the tagged parts.
                            if (aggregate) droppedAggregate = s.count();
                            else droppedParts += s.count();
                        }
                        default -> {
                        }
                    }
                }
                dropped[i] = droppedAggregate >= 0 ? droppedAggregate : droppedParts;
                rps[i] = haveReqs ? reqs / lengthSeconds : 0.0;
                errorRate[i] = haveFailed && failedSamples > 0 ? failed / failedSamples : 0.0;
                // A final sliver of a second (the run's last few ms) would divide a handful of requests by
                // almost nothing; leave it out of the rates rather than draw a spike or a drop that never happened.
                if (lengthSeconds < 0.25) slivers.add(i);
            }
            for (Double[] series : errorsByCode.values()) {
                for (int i = 0; i < n; i++) if (series[i] == null) series[i] = 0.0;
            }
            for (Double[] series : iterationsByScenario.values()) {
                for (int i = 0; i < n; i++) if (series[i] == null) series[i] = 0.0;
            }
            for (int i : slivers) {
                rps[i] = null;
                errorRate[i] = null;
                dropped[i] = null;
                for (Double[] series : errorsByCode.values()) series[i] = null;
                for (Double[] series : iterationsByScenario.values()) series[i] = null;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("seconds", seconds);
            data.put("vus", vus);
            data.put("rps", rps);
            data.put("p50", p50);
            data.put("p95", p95);
            data.put("p99", p99);
            data.put("max", max);
            data.put("errorRate", errorRate);
            List<Map<String, Object>> codes = new ArrayList<>();
            errorsByCode.forEach((code, values) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", code);
                m.put("values", values);
                codes.add(m);
            });
            data.put("errorsByCode", codes);
            List<Map<String, Object>> scenarios = new ArrayList<>();
            iterationsByScenario.forEach((scenario, values) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", scenario);
                m.put("values", values);
                scenarios.add(m);
            });
            data.put("iterationsByScenario", scenarios);
            data.put("scheduleLagP95", lagP95);
            data.put("dropped", dropped);
            data.put("spectrum", spectrum());
            return data;
        }

        /**
         * The latency percentile spectrum of {@code http_req_duration}: x = 1 / (1 − percentile), so that
         * 90%, 99%, 99.9% are evenly spaced on a log axis, as HdrHistogram's plots show them.
         */
        private Map<String, Object> spectrum() {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            Aggregates.aggregate(result, BuiltinMetrics.HTTP_REQ_DURATION)
                    .map(s -> s.stats() instanceof TrendStats t ? t : null)
                    .filter(t -> t.count() > 0 && t.histogram() != null)
                    .ifPresent(t -> {
                        Histogram h = t.histogram();
                        for (HistogramIterationValue v : h.percentiles(SPECTRUM_TICKS_PER_HALF_DISTANCE)) {
                            double percentile = v.getPercentileLevelIteratedTo();
                            if (percentile >= 100.0) break;
                            x.add(1.0 / (1.0 - percentile / 100.0));
                            y.add(h.highestEquivalentValue(v.getValueIteratedTo()) / TrendStats.HISTOGRAM_SCALE);
                        }
                    });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("x", x);
            m.put("y", y);
            return m;
        }
    }

    /** The label errors are grouped under: the transport's error code, else the HTTP status. */
    static String errorKey(Tags tags) {
        String code = tags.get("error_code");
        String status = tags.get("status");
        if (code != null) {
            boolean httpStatus = status != null && !status.isEmpty() && !status.equals("0");
            return "error " + code + (httpStatus ? " · HTTP " + status : "");
        }
        return status == null ? "failed" : "HTTP " + status;
    }

    private static String sortValue(double v) {
        return Double.isNaN(v) ? "-1" : Double.toString(v);
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String durationText(RunInfo info) {
        return info.duration() == null ? "-" : Units.duration(info.duration().toNanos() / 1e6);
    }

    private static String outcomeWord(RunOutcome outcome) {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case INTERRUPTED -> "interrupted (partial results)";
            case ABORTED_BY_THRESHOLD -> "aborted by a threshold (partial results)";
            case MAX_DURATION_REACHED -> "max duration reached (partial results)";
        };
    }
}
