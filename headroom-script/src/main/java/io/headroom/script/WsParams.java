package io.headroom.script;

import io.headroom.ws.WsConnectSpec;
import io.headroom.ws.WsLimits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of one WebSocket session ({@code vu.ws().connect(url, params, session -> ...)}): upgrade headers,
 * subprotocols, the connect timeout, the {@code name} tag of its metrics, how a reply is found for
 * {@code ws_msg_rtt}, and the session's limits. Immutable; each {@code with...} returns a copy.
 *
 * @param replyField a JSON path ({@code $.id}): a received message whose value there equals a sent message's is its
 *        reply; null for no correlation unless {@code replyByOrder}
 * @param replyByOrder each received message answers the oldest unanswered sent message
 */
public record WsParams(List<WsConnectSpec.Header> headers, List<String> subprotocols, Duration connectTimeout, String name,
                       String replyField, boolean replyByOrder, WsLimits limits) {
    public WsParams {
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    /** No headers or subprotocols, a 10 s connect timeout, the URL (without its query) as name, no reply correlation. */
    public static WsParams none() {
        return new WsParams(List.of(), List.of(), Duration.ofSeconds(10), null, null, false, WsLimits.defaults());
    }

    public WsParams withHeader(String headerName, String value) {
        List<WsConnectSpec.Header> h = new ArrayList<>(headers);
        h.add(new WsConnectSpec.Header(headerName, value));
        return new WsParams(h, subprotocols, connectTimeout, name, replyField, replyByOrder, limits);
    }

    public WsParams withSubprotocols(String... protocols) {
        return new WsParams(headers, List.of(protocols), connectTimeout, name, replyField, replyByOrder, limits);
    }

    public WsParams withConnectTimeout(Duration timeout) {
        return new WsParams(headers, subprotocols, timeout, name, replyField, replyByOrder, limits);
    }

    /** The {@code name} tag of the session's metrics (default: the URL without its query). */
    public WsParams withName(String tagName) {
        return new WsParams(headers, subprotocols, connectTimeout, tagName, replyField, replyByOrder, limits);
    }

    /** Replies carry the sent message's value at {@code jsonPath} (e.g. {@code $.id}). */
    public WsParams withReplyField(String jsonPath) {
        JsonPaths.compile(jsonPath);
        return new WsParams(headers, subprotocols, connectTimeout, name, jsonPath, false, limits);
    }

    /** Each received message is the reply to the oldest unanswered sent one (an echo, a request/response protocol). */
    public WsParams withReplyByOrder() {
        return new WsParams(headers, subprotocols, connectTimeout, name, null, true, limits);
    }

    public WsParams withLimits(WsLimits l) {
        return new WsParams(headers, subprotocols, connectTimeout, name, replyField, replyByOrder, l);
    }
}
