package io.headroom.core.metric;

import java.util.Objects;

/**
 * One of the slowest requests of an endpoint, with the W3C trace id it was sent with, so that a report can lead
 * from a slow percentile to the trace of a request that made it ({@code traceparent}, see
 * {@link SlowestRequests}). Never null fields.
 *
 * @param endpoint          the tags that name the endpoint: {@code name} and {@code method}
 * @param traceId           the trace id, 32 lowercase hex digits, not all zero
 * @param durationMillis    the request's {@code http_req_duration}, in milliseconds
 * @param startOffsetMillis when the request started (its end less its duration), in milliseconds from the run start;
 *                          never negative
 */
public record Exemplar(Tags endpoint, String traceId, double durationMillis, long startOffsetMillis) {
    /** How many requests {@link SlowestRequests} keeps per endpoint. */
    public static final int PER_ENDPOINT = 5;
    /** The run metadata that says the requests carried W3C trace context (value {@code w3c}). */
    public static final String TRACE_CONTEXT_METADATA = "trace.context";
    /**
     * The run metadata of the link a report makes of a trace id: a URL in which {@value #TRACE_ID_PLACEHOLDER} stands
     * for the id (the plan's {@code http.traceLinkTemplate}).
     */
    public static final String LINK_TEMPLATE_METADATA = "trace.linkTemplate";
    /** What a link template's trace id is written as. */
    public static final String TRACE_ID_PLACEHOLDER = "{traceId}";

    public Exemplar {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(traceId, "traceId");
        startOffsetMillis = Math.max(0, startOffsetMillis);
    }

    /** {@code template} with this exemplar's trace id in place of every {@value #TRACE_ID_PLACEHOLDER}. */
    public String link(String template) {
        return template.replace(TRACE_ID_PLACEHOLDER, traceId);
    }

    /** True when {@code text} is a valid W3C trace id: 32 lowercase hex digits, not all zero. */
    public static boolean validTraceId(String text) {
        if (text == null || text.length() != 32) return false;
        boolean nonZero = false;
        for (int i = 0; i < 32; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
            nonZero |= c != '0';
        }
        return nonZero;
    }
}
