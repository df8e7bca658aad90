package io.headroom.script;

import com.jayway.jsonpath.JsonPath;
import io.headroom.ws.WsConnection;
import io.headroom.ws.WsErrorCode;
import io.headroom.ws.WsEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One open WebSocket session inside {@code vu.ws().connect(url, session -> ...)}: blocking {@link #send},
 * {@link #receive}, {@link #expect}, {@link #hold} and {@link #every} on the VU's thread, and a handler
 * ({@link #onMessage}) for server pushes, called on the VU's thread for every message a call takes that is not its
 * answer. Records {@code ws_msgs_sent}, {@code ws_msgs_received}, {@code ws_ping}, {@code ws_msg_rtt} and
 * {@code ws_errors}. A failure (server close with an error code, a broken frame, a dropped connection, a limit) ends
 * the session: later calls return at once (sends are dropped, receives give null); the VU goes on. Not thread-safe.
 */
public final class WsSession {
    private final WsConnection connection;
    private final Ws.Series series;
    private final WsParams params;
    private final JsonPath replyPath;
    private final ArrayDeque<Long> pendingByOrder;
    private final Map<String, Long> pendingByField;
    private Consumer<WsMessage> handler;
    private boolean ended;
    private int closeCode = -1;
    private WsErrorCode error;

    WsSession(WsConnection connection, Ws.Series series, WsParams params) {
        this.connection = connection;
        this.series = series;
        this.params = params;
        this.replyPath = params.replyField() == null ? null : JsonPaths.compile(params.replyField());
        this.pendingByOrder = params.replyByOrder() ? new ArrayDeque<>() : null;
        this.pendingByField = replyPath != null ? new HashMap<>() : null;
    }

    /** Sends a text message now; dropped (not counted) once the session has ended. */
    public void send(String text) {
        if (ended) return;
        long now = System.nanoTime();
        boolean sent;
        try {
            sent = connection.sendText(text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterationInterruptedException();
        }
        if (!sent) {
            if (!drainTerminal()) fail(WsErrorCode.SEND_FAILED, null);
            return;
        }
        series.msgsSent.add(1);
        series.dataSent.add(utf8Length(text));
        if (pendingByOrder != null) {
            if (pendingByOrder.size() >= params.limits().maxPendingReplies()) {
                fail(WsErrorCode.TOO_MANY_PENDING_REPLIES, null);
                return;
            }
            pendingByOrder.addLast(now);
        } else if (pendingByField != null) {
            String key = JsonPaths.asText(JsonPaths.read(JsonPaths.parse(text), replyPath));
            if (key != null) {
                if (pendingByField.size() >= params.limits().maxPendingReplies()) {
                    fail(WsErrorCode.TOO_MANY_PENDING_REPLIES, null);
                    return;
                }
                pendingByField.putIfAbsent(key, now);
            }
        }
    }

    /** The UTF-8 length of {@code text} without encoding it (the frame's payload size, for {@code data_sent}). */
    static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    /** Sends a ping; its pong is timed into {@code ws_ping} when a later call takes it. */
    public void ping() {
        if (ended) return;
        try {
            if (connection.ping() < 0) drainTerminal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IterationInterruptedException();
        }
    }

    /** Sets the handler for messages no call is waiting for (server pushes); null removes it. */
    public void onMessage(Consumer<WsMessage> messageHandler) {
        this.handler = messageHandler;
    }

    /** The next message within {@code timeout}; null when none came or the session ended. */
    public WsMessage receive(Duration timeout) {
        return expect(timeout, m -> true);
    }

    /**
     * The first message within {@code within} that {@code matches}; messages before it go to the handler. Null when
     * none matched in time or the session ended.
     */
    public WsMessage expect(Duration within, Predicate<WsMessage> matches) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            WsMessage m = next(left);
            if (m == null) continue;
            boolean match;
            try {
                match = matches.test(m);
            } catch (RuntimeException e) {
                match = false;
            }
            if (match) return m;
            if (handler != null) handler.accept(m);
        }
        return null;
    }

    /** Takes messages for {@code duration} (each to the handler), or until the session ends. */
    public void hold(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            WsMessage m = next(left);
            if (m != null && handler != null) handler.accept(m);
        }
    }

    /**
     * Runs {@code action} every {@code interval} for {@code during} (first at once), taking messages in between as
     * {@link #hold} does; stops early when the session ends.
     */
    public void every(Duration interval, Duration during, Runnable action) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive: " + interval);
        long end = System.nanoTime() + during.toNanos();
        long next = System.nanoTime();
        while (!ended && next < end) {
            action.run();
            next += interval.toNanos();
            hold(Duration.ofNanos(Math.max(0, Math.min(next, end) - System.nanoTime())));
        }
    }

    /** Closes with 1000 (normal closure), waiting up to 2 s for the server's close frame. */
    public void close() {
        close(1000);
    }

    /** Closes with {@code code} (RFC 6455 section 7.4), waiting up to 2 s for the server's close frame. */
    public void close(int code) {
        if (ended) return;
        try {
            connection.close(code, "", 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new IterationInterruptedException();
        }
        drain();
        if (!ended) {
            ended = true;
            closeCode = code;
        }
    }

    /** True until the session closed or failed. */
    public boolean isOpen() {
        return !ended;
    }

    /** The close code once closed (ours or the server's), else -1. */
    public int closeCode() {
        return closeCode;
    }

    /** Why the session failed, or null. */
    public WsErrorCode error() {
        return error;
    }

    /** Takes whatever is queued (counting it) without waiting; used at the end of a session. */
    void drain() {
        try {
            WsEvent e;
            while ((e = connection.poll(0)) != null) {
                WsMessage m = process(e);
                if (m != null && handler != null) handler.accept(m);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean drainTerminal() {
        drain();
        return ended;
    }

    private WsMessage next(long timeoutNanos) {
        WsEvent e;
        try {
            e = connection.poll(timeoutNanos);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new IterationInterruptedException();
        }
        return e == null ? null : process(e);
    }

    /** Counts one event; returns it as a message when it is one. */
    private WsMessage process(WsEvent e) {
        switch (e) {
            case WsEvent.Message m -> {
                series.msgsReceived.add(1);
                series.dataReceived.add(m.bytes());
                correlate(m);
                return new WsMessage(m.text(), m.binary(), m.receivedNanos());
            }
            case WsEvent.Pong p -> {
                if (p.sentNanos() > 0) series.ping.recordNanos(p.receivedNanos() - p.sentNanos());
                return null;
            }
            case WsEvent.Closed c -> {
                ended = true;
                closeCode = c.code();
                if (c.byServer() && c.code() != 1000) fail(WsErrorCode.CLOSED_WITH_ERROR, Integer.toString(c.code()));
                return null;
            }
            case WsEvent.Failed f -> {
                fail(f.error(), null);
                return null;
            }
        }
    }

    private void correlate(WsEvent.Message m) {
        if (pendingByOrder != null) {
            Long sent = pendingByOrder.pollFirst();
            if (sent != null) series.rtt.recordNanos(m.receivedNanos() - sent);
        } else if (pendingByField != null && !pendingByField.isEmpty()) {
            String key = JsonPaths.asText(JsonPaths.read(JsonPaths.parse(m.text()), replyPath));
            Long sent = key == null ? null : pendingByField.remove(key);
            if (sent != null) series.rtt.recordNanos(m.receivedNanos() - sent);
        }
    }

    private void fail(WsErrorCode code, String closeCodeTag) {
        if (error == null) {
            error = code;
            series.error(code, closeCodeTag);
        }
        if (!ended) {
            ended = true;
            connection.abort();
        }
    }
}
