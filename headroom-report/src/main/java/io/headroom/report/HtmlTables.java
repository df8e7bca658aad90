package io.headroom.report;

import io.headroom.core.metric.CheckResult;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.ScheduleLagCauses;
import io.headroom.core.result.RunInfo;
import io.headroom.core.metric.SeriesStats.TrendStats;

import static io.headroom.core.text.Html.escape;

/** The HTML report's tables: endpoints, checks, errors by code and generator health. Stateless. */
final class HtmlTables {
    private HtmlTables() {}

    /** Opens a {@code <section>} with its heading; {@code detail} (nullable) is a small note beside it. */
    static void sectionStart(StringBuilder out, String id, String title, String detail) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(escape(title));
        if (detail != null) out.append(" <small>").append(escape(detail)).append("</small>");
        out.append("</h2>");
    }

    static void endpoints(StringBuilder out, RunReport report) {
        sectionStart(out, "endpoints", "Endpoints", "http_req_duration by name and method; click a column to sort");
        if (report.endpoints().isEmpty()) {
            out.append("<p class=\"empty\">No HTTP requests were made.</p></section>\n");
            return;
        }
        java.util.Map<String, EndpointDetail> details = EndpointDetail.of(report.result());
        out.append("<table class=\"sortable\" id=\"endpoint-table\"><thead><tr><th data-type=\"text\">name</th><th data-type=\"text\">method</th>")
                .append("<th class=\"num\">count</th><th class=\"num\">req/s</th><th class=\"num\">p50</th>")
                .append("<th class=\"num\">p95</th><th class=\"num\">p99</th><th class=\"num\">max</th>")
                .append("<th class=\"num\">errors</th><th class=\"num\">min</th><th class=\"num\">mean</th>")
                .append("<th class=\"num\" title=\"standard deviation\" style=\"text-transform:none\">σ</th><th class=\"num\">OK</th><th class=\"num\">failed</th>")
                .append("</tr></thead><tbody>");
        for (EndpointSummary e : report.endpoints()) {
            double errorRate = e.errorRate();
            EndpointDetail d = details.get(e.name() + "\u0000" + e.method());
            out.append("<tr><td class=\"name\">").append(escape(Redaction.text(e.name()))).append("</td><td>")
                    .append(escape(e.method())).append("</td>");
            numCell(out, e.count(), Long.toString(e.count()));
            numCell(out, e.requestsPerSecond(), Units.number(e.requestsPerSecond(), 2));
            numCell(out, e.p50Millis(), Units.duration(e.p50Millis()));
            numCell(out, e.p95Millis(), Units.duration(e.p95Millis()));
            numCell(out, e.p99Millis(), Units.duration(e.p99Millis()));
            numCell(out, e.maxMillis(), Units.duration(e.maxMillis()));
            out.append("<td class=\"num").append(e.failed() > 0 ? " bad" : "").append("\" data-v=\"")
                    .append(sortValue(errorRate)).append("\">")
                    .append(escape(Double.isNaN(errorRate) ? "-" : Units.percent(errorRate))).append("</td>");
            double min = d == null ? Double.NaN : d.minMillis(), mean = d == null ? Double.NaN : d.meanMillis();
            double std = d == null ? Double.NaN : d.stdDevMillis();
            numCell(out, min, Units.duration(min));
            numCell(out, mean, Units.duration(mean));
            numCell(out, std, Units.duration(std));
            long ok = d == null ? 0 : d.ok(), failed = d == null ? e.failed() : d.failed();
            numCell(out, ok, Long.toString(ok));
            out.append("<td class=\"num").append(failed > 0 ? " bad" : "").append("\" data-v=\"").append(failed).append("\">")
                    .append(failed).append("</td></tr>");
        }
        out.append("</tbody></table>");
        timings(out, report, details);
        HtmlExemplars.render(out, report);
        out.append("</section>\n");
    }

    /** The mean of each HTTP timing phase per endpoint, as k6's end summary gives them for the whole run. */
    private static void timings(StringBuilder out, RunReport report, java.util.Map<String, EndpointDetail> details) {
        boolean any = details.values().stream().anyMatch(d -> d.phaseMeansMillis().stream().anyMatch(v -> !Double.isNaN(v)));
        if (!any) return;
        out.append("<h3>HTTP timing breakdown <small>mean per request: http_req_blocked, _connecting, _tls_handshaking,")
                .append(" _sending, _waiting, _receiving</small></h3>")
                .append("<table class=\"sortable\" id=\"timing-table\"><thead><tr><th data-type=\"text\">name</th><th data-type=\"text\">method</th>");
        for (String label : EndpointDetail.PHASE_LABELS) out.append("<th class=\"num\">").append(escape(label)).append("</th>");
        out.append("</tr></thead><tbody>");
        for (EndpointSummary e : report.endpoints()) {
            EndpointDetail d = details.get(e.name() + "\u0000" + e.method());
            if (d == null) continue;
            out.append("<tr><td class=\"name\">").append(escape(Redaction.text(e.name()))).append("</td><td>")
                    .append(escape(e.method())).append("</td>");
            for (double v : d.phaseMeansMillis()) numCell(out, v, Units.duration(v));
            out.append("</tr>");
        }
        out.append("</tbody></table>");
    }

    private static void numCell(StringBuilder out, double sortKey, String shown) {
        out.append("<td class=\"num\" data-v=\"").append(sortValue(sortKey)).append("\">").append(escape(shown)).append("</td>");
    }

    static void checks(StringBuilder out, RunReport report) {
        sectionStart(out, "checks", "Checks", null);
        if (report.checks().isEmpty()) {
            out.append("<p class=\"empty\">The plan has no checks.</p></section>\n");
            return;
        }
        out.append("<table><thead><tr><th></th><th>check</th><th>group</th><th class=\"num\">passed</th>")
                .append("<th class=\"num\">✓</th><th class=\"num\">✗</th></tr></thead><tbody>");
        for (CheckResult c : report.checks()) {
            boolean held = c.fails() == 0;
            out.append("<tr class=\"").append(held ? "pass" : "fail").append("\"><td class=\"mark\">")
                    .append(held ? "✓" : "✗").append("</td><td>").append(escape(c.name())).append("</td><td>")
                    .append(escape(c.group() == null ? "" : c.group().replaceFirst("^::", ""))).append("</td><td class=\"num\">")
                    .append(escape(Units.percent(c.passRate()))).append("</td><td class=\"num\">").append(c.passes())
                    .append("</td><td class=\"num\">").append(c.fails()).append("</td></tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    static void errors(StringBuilder out, RunReport report) {
        sectionStart(out, "errors", "Errors by code", null);
        if (report.errorGroups().isEmpty()) {
            out.append("<p class=\"empty\">No request failed and no iteration threw.</p></section>\n");
            return;
        }
        // Summaries written before error samples existed have none: no empty column for them.
        boolean samples = !report.errorSamples().isEmpty();
        out.append("<table><thead><tr><th>code</th><th class=\"num\">count</th><th class=\"num\">share of failed requests</th>")
                .append(samples ? "<th>sample message</th>" : "").append("</tr></thead><tbody>");
        for (ErrorGroup e : report.errorGroups()) {
            out.append("<tr><td>").append(escape(e.label())).append("</td><td class=\"num\">").append(e.count())
                    .append("</td><td class=\"num\">")
                    .append(Double.isNaN(e.shareOfFailed()) ? "" : escape(Units.percent(e.shareOfFailed())))
                    .append("</td>");
            if (samples) out.append("<td class=\"sample\"><code>").append(escape(e.sampleMessage())).append("</code></td>");
            out.append("</tr>");
        }
        out.append("</tbody></table></section>\n");
    }

    static void generator(StringBuilder out, RunReport report) {
        sectionStart(out, "generator", "Generator health", "is the load generator itself keeping up?");
        out.append("<table><thead><tr><th>scenario</th><th>executor</th><th class=\"num\">max VUs</th>")
                .append("<th class=\"num\">iterations</th><th class=\"num\">dropped iterations</th></tr></thead><tbody>");
        for (RunInfo.ScenarioInfo s : report.scenarios()) {
            out.append("<tr><td>").append(escape(s.name())).append("</td><td>").append(escape(s.executor()))
                    .append("</td><td class=\"num\">").append(s.maxVus()).append("</td><td class=\"num\">")
                    .append(s.iterations()).append("</td><td class=\"num").append(s.droppedIterations() > 0 ? " bad" : "")
                    .append("\">").append(s.droppedIterations()).append("</td></tr>");
        }
        out.append("</tbody></table>");
        if (report.scheduleLag().isPresent()) {
            TrendStats t = report.scheduleLag().get();
            out.append("<p class=\"detail\">Schedule lag (<code>headroom_schedule_lag</code>, how late iterations"
                            + " started against their planned time): p50 ").append(escape(Units.duration(t.percentile(50))))
                    .append(" · p95 ").append(escape(Units.duration(t.percentile(95))))
                    .append(" · p99 ").append(escape(Units.duration(t.percentile(99))))
                    .append(" · max ").append(escape(Units.duration(t.max()))).append("</p>");
        } else {
            out.append("<p class=\"detail\">No schedule lag was recorded (closed-model scenarios only).</p>");
        }
        ScheduleLagCauses causes = report.generatorHealth().lagCauses();
        if (causes.measured()) {
            out.append("<p class=\"detail\">By cause: the generator's own lag p99 ")
                    .append(escape(Units.duration(causes.generatorLagP99Millis()))).append("; of the iterations that started more than ")
                    .append((long) GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS).append(" ms late, ").append(causes.lateByGenerator())
                    .append(" had a VU free (the generator's own pause: JIT, GC, safepoint, CPU taken) and ")
                    .append(causes.lateByTarget()).append(" waited for a VU because every VU was busy with the target.</p>");
            causes.tailNote().ifPresent(n -> out.append("<p class=\"detail bad\">").append(escape(n)).append("</p>"));
        }
        out.append("</section>\n");
    }

    private static String sortValue(double v) {
        return Double.isNaN(v) ? "-1" : Double.toString(v);
    }
}
