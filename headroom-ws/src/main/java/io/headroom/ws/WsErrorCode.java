package io.headroom.ws;

/**
 * Why a WebSocket session failed, as the number in the {@code error_code} tag of {@code ws_errors}: Headroom's own
 * range 1900–1999 beside k6's HTTP codes 1000–1899 (docs/limits.md, "WebSocket sessions", lists them). Immutable.
 */
public enum WsErrorCode {
    /** A failure no other code describes. */
    GENERAL(1900, "websocket failure"),
    /** The server answered the upgrade with something other than 101 Switching Protocols (RFC 6455 section 4.1). */
    HANDSHAKE_FAILED(1901, "handshake refused"),
    /** The TCP connection could not be made (refused, unreachable, name not resolved). */
    CONNECT_FAILED(1902, "connection failed"),
    /** Connect and handshake took longer than the connect timeout. */
    CONNECT_TIMEOUT(1903, "connect timed out"),
    /** The URL is not a ws:// or wss:// URL with a host (a templated URL, checked when used). */
    INVALID_URL(1904, "invalid URL"),
    /** The server closed the session with a close code other than 1000 (normal closure); tag {@code close_code}. */
    CLOSED_WITH_ERROR(1910, "server closed with an error code"),
    /** A frame that breaks RFC 6455 (reserved opcode or bits, bad length, masked by the server, bad UTF-8). */
    BROKEN_FRAME(1920, "broken frame"),
    /** The TCP connection ended without a close frame (reset, EOF, I/O error). */
    DROPPED(1921, "connection dropped"),
    /** A received message larger than the session's message size limit. */
    MESSAGE_TOO_BIG(1930, "message larger than the limit"),
    /** More received messages waiting unread than the session's queue limit. */
    QUEUE_FULL(1931, "too many unread messages"),
    /** More sent messages awaiting their reply (for {@code ws_msg_rtt}) than the limit. */
    TOO_MANY_PENDING_REPLIES(1932, "too many messages awaiting a reply"),
    /** A message could not be written (the connection was closed or the write did not finish in time). */
    SEND_FAILED(1940, "send failed");

    /** The first code of the range; the range runs to {@code FIRST + 99}. */
    public static final int FIRST = 1900;

    private final int code;
    private final String description;

    WsErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The number, e.g. 1921. */
    public int code() {
        return code;
    }

    /** A few words for people, e.g. "connection dropped". */
    public String description() {
        return description;
    }

    /** True for a number in 1900–1999. */
    public static boolean inRange(int code) {
        return code >= FIRST && code < FIRST + 100;
    }
}
