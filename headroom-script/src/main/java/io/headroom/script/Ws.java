package io.headroom.script;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.ws.WsClient;
import io.headroom.ws.WsConnectException;
import io.headroom.ws.WsConnectSpec;
import io.headroom.ws.WsConnection;
import io.headroom.ws.WsErrorCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;

/**
 * A VU's WebSocket client ({@code vu.ws()}): {@code connect(url, session -> ...)} opens a session, runs the body on
 * the VU's thread with blocking calls, and closes the session when the body returns or throws. Records k6's
 * {@code ws_sessions}, {@code ws_connecting}, {@code ws_session_duration} (and, through the {@link WsSession},
 * {@code ws_msgs_sent}, {@code ws_msgs_received}, {@code ws_ping}), plus {@code ws_msg_rtt} and {@code ws_errors}
 * tagged {@code error_code} (1900–1999). A session that cannot open or fails is counted and ends; the iteration goes
 * on. One per VU, used from its thread only; not thread-safe.
 */
public final class Ws {
    private final VuState state;
    private final WsClient client;
    private final Map<String, Series> seriesByNameAndGroup = new HashMap<>();

    Ws(VuState state, WsClient client) {
        this.state = state;
        this.client = client;
    }

    /** The body of a session. */
    @FunctionalInterface
    public interface SessionBody {
        void run(WsSession session) throws Exception;
    }

    /** Opens a session with default {@link WsParams} and runs {@code body} in it. */
    public void connect(String url, SessionBody body) throws Exception {
        connect(url, WsParams.none(), body);
    }

    /**
     * Opens a session to a {@code ws://} or {@code wss://} URL and runs {@code body} in it; the session is closed
     * (1000) when the body returns, dropped when it throws. Returns without running the body when the session could
     * not open (counted in {@code ws_errors}, codes 1901–1904).
     *
     * @throws IterationInterruptedException when the run stops the VU meanwhile
     * @throws Exception what the body threw (after the session is closed)
     */
    public void connect(String url, WsParams params, SessionBody body) throws Exception {
        URI uri = parse(url);
        Series series = series(params.name() != null ? params.name() : nameOf(url));
        if (uri == null) {
            series.error(WsErrorCode.INVALID_URL, null);
            return;
        }
        WsConnectSpec spec = new WsConnectSpec(uri, params.headers(), params.subprotocols(), params.connectTimeout(), params.limits());
        long start = System.nanoTime();
        WsConnection connection;
        try {
            connection = client.connect(spec);
        } catch (WsConnectException e) {
            series.error(e.error(), null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterationInterruptedException();
        }
        series.sessions.add(1);
        series.connecting.recordNanos(connection.connectingNanos());
        WsSession session = new WsSession(connection, series, params);
        boolean completed = false;
        try {
            body.run(session);
            completed = true;
        } finally {
            if (completed) {
                session.close();
            } else {
                connection.abort();
                session.drain();
            }
            series.sessionDuration.recordNanos(System.nanoTime() - start);
        }
    }

    private static URI parse(String url) {
        if (url == null || !(url.startsWith("ws://") || url.startsWith("wss://"))) return null;
        try {
            URI uri = new URI(url);
            return uri.getHost() == null ? null : uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The default name tag: the URL without its query (so a URL with ids in its query still shares one series). */
    private static String nameOf(String url) {
        if (url == null) return "";
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private Series series(String name) {
        String key = state.group + '\u0000' + name;
        Series s = seriesByNameAndGroup.get(key);
        if (s == null) {
            s = new Series(state.context.metrics(), state.groupTags.with("name", name));
            if (seriesByNameAndGroup.size() < 1024) seriesByNameAndGroup.put(key, s);
        }
        return s;
    }

    /** The metric handles of one session name in one group, resolved once. */
    static final class Series {
        private final Metrics metrics;
        private final Tags tags;
        final CounterSeries sessions;
        final TrendSeries connecting;
        final TrendSeries sessionDuration;
        final CounterSeries msgsSent;
        final CounterSeries msgsReceived;
        final TrendSeries ping;
        final TrendSeries rtt;
        final CounterSeries dataSent;
        final CounterSeries dataReceived;

        Series(Metrics metrics, Tags tags) {
            this.metrics = metrics;
            this.tags = tags;
            sessions = metrics.counter(BuiltinMetrics.WS_SESSIONS, ValueType.DEFAULT, tags);
            connecting = metrics.trend(BuiltinMetrics.WS_CONNECTING, ValueType.TIME, tags);
            sessionDuration = metrics.trend(BuiltinMetrics.WS_SESSION_DURATION, ValueType.TIME, tags);
            msgsSent = metrics.counter(BuiltinMetrics.WS_MSGS_SENT, ValueType.DEFAULT, tags);
            msgsReceived = metrics.counter(BuiltinMetrics.WS_MSGS_RECEIVED, ValueType.DEFAULT, tags);
            ping = metrics.trend(BuiltinMetrics.WS_PING, ValueType.TIME, tags);
            rtt = metrics.trend(BuiltinMetrics.WS_MSG_RTT, ValueType.TIME, tags);
            dataSent = metrics.counter(BuiltinMetrics.DATA_SENT, ValueType.DATA, tags);
            dataReceived = metrics.counter(BuiltinMetrics.DATA_RECEIVED, ValueType.DATA, tags);
        }

        /** Counts a failed session under its code (and the server's close code for 1910); rare, so resolved here. */
        void error(WsErrorCode code, String closeCode) {
            Tags t = tags.with("error_code", Integer.toString(code.code()));
            if (closeCode != null) t = t.with("close_code", closeCode);
            metrics.counter(BuiltinMetrics.WS_ERRORS, ValueType.DEFAULT, t).add(1);
        }
    }
}
