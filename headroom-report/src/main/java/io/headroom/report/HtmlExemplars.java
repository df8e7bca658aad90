package io.headroom.report;

import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.RunInfo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.headroom.core.text.Html.escape;

/**
 * The HTML report's "Slowest requests" table under the endpoints: the exemplars of each endpoint (its slowest
 * requests with the W3C trace ids they were sent with), busiest endpoint first, each trace id a link when the run
 * has a link template ({@link Exemplar#LINK_TEMPLATE_METADATA}). Nothing when the run sent no trace context.
 * Stateless.
 */
final class HtmlExemplars {
    private HtmlExemplars() {}

    static void render(StringBuilder out, RunReport report) {
        List<Exemplar> all = report.result().exemplars();
        if (all.isEmpty()) return;
        Map<String, List<Exemplar>> byEndpoint = new LinkedHashMap<>();
        for (EndpointSummary e : report.endpoints()) byEndpoint.put(e.name() + "\u0000" + e.method(), new ArrayList<>());
        for (Exemplar x : all) {
            byEndpoint.computeIfAbsent(EndpointDetail.key(x.endpoint()), k -> new ArrayList<>()).add(x);
        }
        RunInfo info = report.result().info();
        String template = linkTemplate(info);
        out.append("<h3 id=\"exemplars\">Slowest requests <small>the ").append(Exemplar.PER_ENDPOINT)
                .append(" slowest of each endpoint (http_req_duration) and the W3C trace id each was sent with")
                .append(template == null ? "; set http.traceLinkTemplate to link them to your tracing UI" : "")
                .append("</small></h3>")
                .append("<table id=\"exemplar-table\"><thead><tr><th>name</th><th>method</th><th>trace id</th>")
                .append("<th class=\"num\">duration</th><th>started</th></tr></thead><tbody>");
        for (List<Exemplar> rows : byEndpoint.values()) {
            for (Exemplar x : rows) {
                String name = x.endpoint().get("name");
                String method = x.endpoint().get("method");
                out.append("<tr><td class=\"name\">").append(escape(Redaction.text(name == null ? EndpointSummary.UNNAMED : name)))
                        .append("</td><td>").append(escape(method == null ? "-" : method)).append("</td><td class=\"trace-id\"><code>");
                if (template != null) {
                    out.append("<a href=\"").append(escape(x.link(template))).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                            .append(escape(x.traceId())).append("</a>");
                } else {
                    out.append(escape(x.traceId()));
                }
                out.append("</code></td><td class=\"num\" data-v=\"").append(x.durationMillis()).append("\">")
                        .append(escape(Units.duration(x.durationMillis()))).append("</td><td>")
                        .append(escape(started(info.startedAt(), x.startOffsetMillis()))).append("</td></tr>");
            }
        }
        out.append("</tbody></table>");
    }

    /**
     * The run's link template when it is an http(s) URL with the placeholder; a summary is input, so anything else
     * (a {@code javascript:} URL written into its metadata) makes no link.
     */
    static String linkTemplate(RunInfo info) {
        String t = info.metadata().get(Exemplar.LINK_TEMPLATE_METADATA);
        if (t == null || !t.contains(Exemplar.TRACE_ID_PLACEHOLDER)) return null;
        return t.startsWith("http://") || t.startsWith("https://") ? t : null;
    }

    /** The wall-clock start (UTC, milliseconds) and the offset into the run: what a tracing UI's search asks for. */
    private static String started(Instant runStart, long offsetMillis) {
        String offset = "+" + Units.duration(offsetMillis);
        if (runStart == null) return offset;
        return runStart.plusMillis(offsetMillis).truncatedTo(ChronoUnit.MILLIS) + " (" + offset + ")";
    }
}
