package io.headroom.script.plan;

import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import io.headroom.script.Headers;
import io.headroom.script.HttpDefaults;
import io.headroom.script.LatencyOrigin;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.util.Optional;

/** The plan's {@code http} section: the defaults of every request, one reader per key. Stateless. */
final class HttpSection {
    /** What the readers build up: the defaults so far. */
    private static final class Building {
        final NodeReader r;
        HttpDefaults http = HttpDefaults.DEFAULTS;

        Building(NodeReader r) {
            this.r = r;
        }
    }

    /** The keys of {@code http}, in the order messages list them. */
    static final KeyTable<Building> KEYS = KeyTable.<Building>builder()
            .key("timeout", (e, path, b) -> b.r.positiveDuration(e.value(), path).ifPresent(d -> b.http = b.http.withTimeout(d)))
            .key("maxRedirects", (e, path, b) -> b.r.nonNegativeInt(e.value(), path).ifPresent(n -> b.http = b.http.withMaxRedirects(n)))
            .key("insecureSkipTlsVerify", (e, path, b) -> b.r.bool(e.value(), path)
                    .ifPresent(v -> b.http = b.http.withInsecureSkipTlsVerify(v)))
            .key("expectedStatuses", (e, path, b) -> CommonReads.statuses(b.r, e.value(), path)
                    .ifPresent(s -> b.http = b.http.withExpectedStatuses(s)))
            .key("headers", (e, path, b) -> constantHeaders(b.r, e.value(), path).ifPresent(h -> b.http = b.http.withHeaders(h)))
            .key("cookies", (e, path, b) -> b.r.bool(e.value(), path).ifPresent(v -> b.http = b.http.withCookies(v)))
            .key("userAgent", (e, path, b) -> b.r.text(e.value(), path, "a User-Agent string").map(Template::unescape)
                    .filter(ua -> valueAllowed(b.r, e.value(), path, ua))
                    .ifPresent(ua -> b.http = b.http.withUserAgent(ua)))
            .key("latencyFrom", (e, path, b) -> latencyFrom(b.r, e.value(), path).ifPresent(o -> b.http = b.http.withLatencyFrom(o)))
            .key("responseBodyLimit", (e, path, b) -> b.r.byteSize(e.value(), path, 0, HttpSessionOptions.MAX_RESPONSE_BODY_LIMIT_BYTES)
                    .ifPresent(n -> b.http = b.http.withResponseBodyLimitBytes(n)))
            .key("discardResponseBodies", (e, path, b) -> b.r.bool(e.value(), path)
                    .ifPresent(v -> b.http = b.http.withDiscardResponseBodies(v)))
            .key("responseHeaderLimit", (e, path, b) -> b.r.byteSize(e.value(), path, 64, Integer.MAX_VALUE - 16)
                    .ifPresent(n -> b.http = b.http.withResponseHeaderLimitBytes((int) (long) n)))
            .key("responseHeaderCountLimit", (e, path, b) -> b.r.positiveInt(e.value(), path)
                    .ifPresent(n -> b.http = b.http.withResponseHeaderCountLimit(n)))
            .key("traceContext", (e, path, b) -> b.r.bool(e.value(), path).ifPresent(v -> b.http = b.http.withTraceContext(v)))
            .key("traceLinkTemplate", (e, path, b) -> traceLinkTemplate(b.r, e.value(), path)
                    .ifPresent(t -> b.http = b.http.withTraceLinkTemplate(t)))
            .key("httpVersion", (e, path, b) -> httpVersion(b.r, e.value(), path).ifPresent(v -> b.http = b.http.withHttpVersion(v)))
            .build();

    private HttpSection() {}

    static HttpDefaults read(NodeReader r, YNode node) {
        return r.map(node, "http", "a mapping of HTTP settings (" + String.join(", ", KEYS.keys()) + ")").map(map -> {
            Building b = new Building(r);
            KEYS.read(r, map, "http", b);
            return b.http;
        }).orElse(HttpDefaults.DEFAULTS);
    }

    /** A URL with {@code {traceId}} in it, for the reports' links from an exemplar to its trace. */
    private static Optional<String> traceLinkTemplate(NodeReader r, YNode v, String path) {
        Optional<String> read = r.text(v, path, "a URL with " + HttpDefaults.TRACE_ID_PLACEHOLDER + " in it");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get().strip();
        if (!text.contains(HttpDefaults.TRACE_ID_PLACEHOLDER)) {
            r.error(v, path, "expected a URL with " + HttpDefaults.TRACE_ID_PLACEHOLDER + " where the trace id goes, e.g. "
                    + "http://localhost:16686/trace/{traceId} (Jaeger), found '" + text + "'");
            return Optional.empty();
        }
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            r.error(v, path, "expected an http:// or https:// URL, found '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private static Optional<LatencyOrigin> latencyFrom(NodeReader r, YNode v, String path) {
        Optional<String> read = r.text(v, path, "intended or actual");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get();
        LatencyOrigin origin = LatencyOrigin.fromPlanName(text);
        if (origin == null) {
            r.error(v, path, "expected intended (latency from each open-model iteration's scheduled "
                    + "start, the default) or actual (from the send), found '" + text + "'");
        }
        return Optional.ofNullable(origin);
    }

    /** "1.1", "2" or "auto" (a YAML number 2 or 1.1 reads as its text too). */
    static Optional<HttpVersion> httpVersion(NodeReader r, YNode v, String path) {
        Optional<String> read = r.text(v, path, "\"1.1\", \"2\" or \"auto\"");
        if (read.isEmpty()) return Optional.empty();
        HttpVersion version = HttpVersion.of(read.get());
        if (version == null) {
            r.error(v, path, "expected \"1.1\", \"2\" (h2 over TLS by ALPN, h2c with prior knowledge on http://) or"
                    + " \"auto\" (h2 when an https server offers it, the default), found '" + read.get() + "'");
        }
        return Optional.ofNullable(version);
    }

    private static Optional<Headers> constantHeaders(NodeReader r, YNode node, String path) {
        Optional<YMap> read = r.map(node, path, "a mapping of header names to values");
        if (read.isEmpty()) return Optional.empty();
        YMap map = read.get();
        Headers h = Headers.none();
        for (YEntry e : map.entries()) {
            Optional<String> text = r.text(e.value(), path + "." + e.key(), "a header value");
            if (text.isEmpty()) continue;
            String value = text.get();
            if (value.replace("$${", "").contains("${")) {
                r.error(e.value(), path + "." + e.key(), "headers here are fixed for the whole run and cannot use "
                        + "run-time references like ${...}; set this header on the steps instead");
                continue;
            }
            Optional<String> nameProblem = RequestRules.headerNameProblem(e.key());
            if (nameProblem.isPresent()) {
                r.error(e.keyMark(), path + "." + e.key(), nameProblem.get());
                continue;
            }
            String unescaped = Template.unescape(value);
            if (!valueAllowed(r, e.value(), path + "." + e.key(), unescaped)) continue;
            h = h.with(e.key(), unescaped);
        }
        return Optional.of(h);
    }

    /** False (reported) for a header value with CR, LF or NUL, which would inject headers. */
    private static boolean valueAllowed(NodeReader r, YNode at, String path, String value) {
        Optional<String> problem = RequestRules.headerValueProblem(java.util.List.of(value));
        problem.ifPresent(p -> r.error(at, path, p));
        return problem.isEmpty();
    }
}
