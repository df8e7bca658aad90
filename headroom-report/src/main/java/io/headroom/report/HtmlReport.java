package io.headroom.report;

import io.headroom.analysis.diagnose.Severity;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import io.headroom.core.text.Html;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The run as one self-contained HTML page: verdict, key numbers, thresholds, charts over time, the latency
 * spectrum, endpoints, checks, errors, generator health, findings and extra sections. uPlot and all CSS are
 * inlined, so the file opens from disk with no network. Text from the target or the plan is HTML-escaped; chart
 * data goes into a {@code <script type="application/json">} block with {@code < > &} and U+2028/9 escaped, never
 * into code. Stateless and thread-safe.
 */
public final class HtmlReport implements ReportFormat {
    static final String UPLOT_BASE = "/META-INF/resources/webjars/uplot/1.6.30/";
    private static final String UPLOT_DIR = UPLOT_BASE + "dist/";

    /** The format; {@link ReportFormats#of} hands it out. */
    HtmlReport() {}

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
        return render(RunReport.of(result, findings, sections));
    }

    /** The page for {@code report}. */
    public static String render(RunReport report) {
        return new Page(report).render();
    }

    /** Writes the page with extra {@code sections} to {@code file} (UTF-8) by {@link OutputFile}: whole or not at all. */
    public static void write(RunResult result, List<ReportFinding> findings, List<ReportSection> sections, Path file)
            throws IOException {
        OutputFile.writeString(file, null, render(result, findings, sections));
    }

    /** Writes the page to {@code file} (UTF-8) by {@link OutputFile}: whole or not at all. */
    public static void write(RunResult result, List<ReportFinding> findings, Path file) throws IOException {
        OutputFile.writeString(file, null, render(result, findings));
    }

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        out.write(render(report).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String escape(String text) {
        return Html.escape(text);
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One rendering: the report and the output buffer. */
    private static final class Page {
        private final RunReport report;
        private final RunResult result;
        private final StringBuilder out = new StringBuilder(128 * 1024);

        Page(RunReport report) {
            this.report = report;
            this.result = report.result();
        }

        String render() {
            String title = "Headroom report: " + report.name();
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>").append(escape(title)).append("</title>\n")
                    .append("<style>\n").append(resource(UPLOT_DIR + "uPlot.min.css")).append('\n')
                    .append(resource("report.css")).append("</style>\n</head>\n<body>\n<main>\n");
            header();
            verdict();
            keyNumbers();
            HtmlComparison.render(out, report);
            thresholds();
            charts();
            HtmlTables.endpoints(out, report);
            HtmlTables.checks(out, report);
            HtmlTables.errors(out, report);
            HtmlTables.generator(out, report);
            HtmlMetrics.render(out, result);
            plan();
            findings();
            for (ReportSection section : report.sections()) {
                HtmlTables.sectionStart(out, section.id(), section.title(), null);
                for (ReportBlock block : section.blocks()) HtmlBlocks.render(out, block);
                out.append("</section>\n");
            }
            out.append("<footer>Generated by Headroom from ").append(escape(SummarySchema.ID))
                    .append(" data. Charts: uPlot (MIT).</footer>\n</main>\n");
            out.append("<script type=\"application/json\" id=\"headroom-data\">")
                    .append(HtmlChartData.scriptSafeJson(chartData())).append("</script>\n");
            // uPlot's own source never contains "</script"; guard anyway so a future version cannot break the page.
            String uplot = resource(UPLOT_DIR + "uPlot.iife.min.js").replace("</script", "<\\/script");
            // uPlot is MIT-licensed: its notice travels with every copy, so it goes into the page with the code.
            String license = resource(UPLOT_BASE + "LICENSE").replace("*/", "* /").replace("</", "< /");
            out.append("<script>\n/*\n").append(license).append("*/\n").append(uplot).append("\n</script>\n");
            out.append("<script>\n").append(resource("report.js")).append("\n</script>\n");
            out.append("</body>\n</html>\n");
            return out.toString();
        }

        private java.util.Map<String, Object> chartData() {
            java.util.Map<String, Object> data = HtmlChartData.of(result);
            report.baseline().ifPresent(b -> data.put("compare", HtmlComparison.chartData(data, b.result())));
            return data;
        }

        private void header() {
            RunInfo info = result.info();
            out.append("<header><div class=\"brand\">Headroom</div><h1>").append(escape(info.name())).append("</h1>\n");
            out.append("<p class=\"meta\">");
            out.append("started ").append(info.startedAt() == null ? "-"
                            : escape(info.startedAt().truncatedTo(ChronoUnit.SECONDS).toString()))
                    .append(" · ran ").append(escape(report.durationText()))
                    .append(" · outcome <b>").append(escape(report.outcome().phrase())).append("</b>");
            out.append("</p>\n");
            out.append("<p class=\"meta\"><a href=\"#plan\">the plan and environment</a></p>");
            out.append("</header>\n");
        }

        private void verdict() {
            int total = report.thresholds().size();
            long crossed = report.crossedThresholds();
            String cls;
            String headline;
            if (total == 0) {
                cls = "neutral";
                headline = "No thresholds were set";
            } else if (crossed == 0) {
                cls = "pass";
                headline = "✓ All " + total + " threshold" + plural(total) + " held";
            } else {
                cls = "fail";
                headline = "✗ " + crossed + " of " + total + " threshold" + plural(total) + " crossed";
            }
            out.append("<section class=\"verdict ").append(cls).append("\" id=\"verdict\"><div class=\"headline\">")
                    .append(escape(headline)).append("</div>");
            List<String> warnings = new ArrayList<>();
            if (report.outcome().partial()) {
                warnings.add(report.outcome().headline() + ": the numbers cover only the " + report.durationText()
                        + " that ran.");
            }
            // the same verdict and sentences as the console's WARNINGS and the JSON summary's generatorHealth
            if (result.generatorHealth().invalid()) {
                warnings.add(ConsoleSummary.INVALID_RUN_HEADLINE + ": " + String.join("; ", result.generatorHealth().reasons()));
            }
            warnings.addAll(DropWarnings.of(result));
            for (String w : warnings) out.append("<div class=\"warning\">⚠ ").append(escape(w)).append("</div>");
            out.append("</section>\n");
        }

        private void keyNumbers() {
            KeyNumbers n = report.numbers();
            out.append("<section class=\"numbers\" id=\"key-numbers\">");
            tile("requests", Units.number(n.requests(), 0), null);
            tile("requests/s", Units.number(n.requestsPerSecond(), 2), null);
            tile("p50", Units.duration(n.p50Millis()), "http_req_duration");
            tile("p95", Units.duration(n.p95Millis()), "http_req_duration");
            tile("p99", Units.duration(n.p99Millis()), "http_req_duration");
            tile("error rate", Units.percent(n.measuredErrorRate()), "http_req_failed");
            tile("data received", Units.bytes(n.dataReceived()), null);
            tile("data sent", Units.bytes(n.dataSent()), null);
            tile("iterations", Units.number(n.iterations(), 0), null);
            tile("max VUs", Units.number(n.maxVus(), 0), null);
            out.append("</section>\n");
        }

        private void tile(String label, String value, String hint) {
            out.append("<div class=\"tile\"><div class=\"value\">").append(escape(value))
                    .append("</div><div class=\"label\">").append(escape(label)).append("</div>");
            if (hint != null) out.append("<div class=\"hint\">").append(escape(hint)).append("</div>");
            out.append("</div>");
        }

        private void thresholds() {
            HtmlTables.sectionStart(out, "thresholds", "Thresholds", null);
            if (report.thresholds().isEmpty()) {
                out.append("<p class=\"empty\">No thresholds were set in the plan.</p>");
            } else {
                out.append("<table><thead><tr><th></th><th>metric</th><th>threshold</th><th>actual</th><th></th></tr></thead><tbody>");
                for (ThresholdRow t : report.thresholds()) {
                    String mark = t.verdict() == ThresholdRow.Verdict.CROSSED ? "✗" : "✓";
                    String cls = switch (t.verdict()) {
                        case HELD -> "pass";
                        case CROSSED -> "fail";
                        case NO_DATA -> "nodata";
                    };
                    String actual = t.actual();
                    out.append("<tr class=\"").append(cls).append("\"><td class=\"mark\">").append(mark).append("</td><td><code>")
                            .append(escape(t.selector())).append("</code></td><td><code>")
                            .append(escape(t.expression())).append("</code></td><td>").append(escape(actual))
                            .append("</td><td class=\"note\">").append(t.abortOnFail() ? "abortOnFail" : "")
                            .append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
            out.append("</section>\n");
        }

        private void charts() {
            HtmlTables.sectionStart(out, "charts", "Over time", "per second of the run");
            if (result.intervals().isEmpty()) {
                out.append("<p class=\"empty\">No per-second data was recorded.</p></section>\n");
                return;
            }
            out.append("<div class=\"charts\">");
            chartBox("chart-load", "VUs and requests/s");
            chartBox("chart-latency", "Latency (http_req_duration)");
            chartBox("chart-errors", "Errors by code and error rate");
            chartBox("chart-spectrum", "Latency percentile spectrum");
            chartBox("chart-distribution", "Response-time distribution (http_req_duration)");
            chartBox("chart-endpoints", "Mean latency by endpoint (http_req_duration, " + HtmlChartData.ENDPOINT_LINES + " busiest)");
            endpointPercentilesBox();
            chartBox("chart-timing", "HTTP timing breakdown: mean per phase (blocked, connecting, TLS, sending, waiting, receiving)");
            chartBox("chart-scenarios", "Iterations/s by scenario");
            chartBox("chart-generator", "Generator: schedule lag p95 and dropped iterations");
            out.append("</div>");
            ranges();
            out.append("</section>\n");
        }

        /** Gatling's response-time ranges, as a table: shown without script, and the numbers a test can read. */
        private void ranges() {
            ResponseTimeRanges r = ResponseTimeRanges.of(result);
            long total = r.total();
            out.append("<h3>Response-time ranges</h3><p class=\"detail\">")
                    .append(escape(r.fromThresholds() ? "Bounds from the plan's http_req_duration thresholds."
                            : "Gatling's default bounds (the plan has no http_req_duration threshold on the whole metric)."))
                    .append("</p><table id=\"ranges\"><thead><tr><th>response time</th><th class=\"num\">requests</th>")
                    .append("<th class=\"num\">share</th><th></th></tr></thead><tbody>");
            List<String> labels = r.labels();
            for (int i = 0; i < labels.size(); i++) {
                long n = r.counts().get(i);
                double share = total == 0 ? 0 : (double) n / total;
                boolean failed = i == labels.size() - 1;
                out.append("<tr").append(failed ? " class=\"failed\"" : "").append("><td>").append(escape(labels.get(i)))
                        .append("</td><td class=\"num\" data-v=\"").append(n).append("\">").append(n)
                        .append("</td><td class=\"num\">").append(escape(total == 0 ? "-" : Units.percent(share)))
                        .append("</td><td class=\"bar\"><span class=\"range-").append(i == labels.size() - 1 ? "failed" : Integer.toString(i))
                        .append("\" style=\"width:").append(String.format(java.util.Locale.ROOT, "%.1f", 100 * share))
                        .append("%\"></span></td></tr>");
            }
            out.append("</tbody></table>");
        }

        /** p50/p95/p99 over time of one endpoint at a time, picked from the busiest ones (report.js draws it). */
        private void endpointPercentilesBox() {
            var endpoints = EndpointDetail.percentilesOverTime(result, EndpointSummary.of(result), HtmlChartData.ENDPOINT_LINES);
            out.append("<figure class=\"chart\"><figcaption>Latency percentiles by endpoint (http_req_duration p50, p95, p99) ")
                    .append("<select id=\"endpoint-select\" aria-label=\"endpoint\">");
            int i = 0;
            for (String label : endpoints.keySet()) {
                out.append("<option value=\"").append(i++).append("\">").append(escape(label)).append("</option>");
            }
            out.append("</select></figcaption><div id=\"chart-endpoint-percentiles\" class=\"plot\"></div></figure>");
        }

        private void chartBox(String id, String title) {
            out.append("<figure class=\"chart\"><figcaption>").append(escape(title)).append("</figcaption><div id=\"")
                    .append(id).append("\" class=\"plot\"></div></figure>");
        }

        /**
         * The plan that ran, as far as the summary records it (its scenarios with their executors, its thresholds,
         * the run's tags), and the environment from the metadata ({@code plan.hash}, {@code headroom.version},
         * {@code git.commit}, {@code host.*}, {@code jvm}, ...). Each scenario's executor options (stages included) come from {@code ScenarioInfo.options}; an older summary without them says so.
         */
        private void plan() {
            RunInfo info = result.info();
            HtmlTables.sectionStart(out, "plan", "Plan and environment", "what ran, where");
            out.append("<h3>Scenarios</h3><table id=\"plan-scenarios\"><thead><tr><th>scenario</th><th>executor</th>")
                    .append("<th>model</th><th>options</th><th class=\"num\">max VUs</th><th class=\"num\">iterations</th></tr></thead><tbody>");
            boolean anyOptions = false;
            for (RunInfo.ScenarioInfo sc : info.scenarios()) {
                out.append("<tr><td>").append(escape(sc.name())).append("</td><td><code>").append(escape(sc.executor()))
                        .append("</code></td><td>").append(sc.openModel() ? "open (arrival rate)" : "closed (VUs)")
                        .append("</td><td class=\"options\">");
                sc.options().forEach((k, v) -> out.append("<code>").append(escape(k)).append(": ")
                        .append(escape(Redaction.text(v))).append("</code> "));
                anyOptions |= !sc.options().isEmpty();
                out.append("</td><td class=\"num\">").append(sc.maxVus()).append("</td><td class=\"num\">")
                        .append(sc.iterations()).append("</td></tr>");
            }
            out.append("</tbody></table>");
            String planFile = info.metadata().get("plan");
            if (!anyOptions || planFile != null) {
                out.append("<p class=\"detail\">").append(anyOptions ? "The plan file"
                        : "Stages and executor options are in the plan file, not in this summary (written before Headroom kept them)");
                if (planFile != null) out.append(anyOptions ? ": " : " (").append("<code>").append(escape(Redaction.text(planFile)))
                        .append("</code>").append(anyOptions ? "" : ")");
                out.append(".</p>");
            }
            if (!result.thresholds().isEmpty()) {
                out.append("<h3>Thresholds</h3><table id=\"plan-thresholds\"><thead><tr><th>metric</th><th>threshold</th>")
                        .append("<th>abortOnFail</th><th>delayAbortEval</th></tr></thead><tbody>");
                for (var t : result.thresholds()) {
                    var spec = t.spec();
                    out.append("<tr><td><code>").append(escape(spec.selectorText())).append("</code></td><td><code>")
                            .append(escape(spec.exprText())).append("</code></td><td>").append(spec.abortOnFail() ? "yes" : "no")
                            .append("</td><td>").append(spec.delayAbortEval().isZero() ? "-"
                                    : escape(Units.duration(spec.delayAbortEval().toNanos() / 1e6))).append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
            TreeMap<String, String> tags = new TreeMap<>(), environment = new TreeMap<>();
            info.metadata().forEach((k, v) -> {
                if (k.startsWith("tag.")) tags.put(k.substring(4), v);
                else environment.put(k, v);
            });
            if (!tags.isEmpty()) {
                out.append("<h3>Tags</h3>");
                keyValues("plan-tags", tags);
            }
            out.append("<h3>Environment</h3>");
            if (environment.isEmpty()) out.append("<p class=\"empty\">The summary records no environment.</p>");
            else keyValues("plan-environment", environment);
            out.append("</section>\n");
        }

        private void keyValues(String id, TreeMap<String, String> entries) {
            out.append("<dl class=\"metadata\" id=\"").append(id).append("\">");
            entries.forEach((k, v) -> out.append("<dt>").append(escape(k)).append("</dt><dd>")
                    .append(escape(Redaction.text(v))).append("</dd>"));
            out.append("</dl>\n");
        }

        private void findings() {
            HtmlTables.sectionStart(out, "findings", "Findings", null);
            if (report.findings().isEmpty()) {
                out.append("<p class=\"empty\" id=\"no-findings\">No findings.</p>");
            } else {
                out.append("<ul class=\"findings\">");
                for (ReportFinding f : report.findings()) {
                    out.append("<li class=\"").append(severityClass(f.severity()))
                            .append("\"><b>").append(escape(f.title())).append("</b>");
                    if (!f.detail().isEmpty()) out.append("<p>").append(escape(f.detail())).append("</p>");
                    out.append("</li>");
                }
                out.append("</ul>");
            }
            out.append("</section>\n");
        }
    }

    /** The CSS class of a finding: the report has always called the worst level "critical". */
    private static String severityClass(Severity severity) {
        return switch (severity) {
            case INFO -> "info";
            case WARNING -> "warning";
            case BAD -> "critical";
        };
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
