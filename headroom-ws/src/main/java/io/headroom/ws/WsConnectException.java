package io.headroom.ws;

/** A session that could not be opened, with its code (1901–1904). */
public final class WsConnectException extends Exception {
    private static final long serialVersionUID = 1L;
    private final WsErrorCode error;
    private final long connectingNanos;

    public WsConnectException(WsErrorCode error, String message, long connectingNanos) {
        super(message);
        this.error = error;
        this.connectingNanos = connectingNanos;
    }

    public WsErrorCode error() {
        return error;
    }

    /** Time spent before the failure, nanoseconds. */
    public long connectingNanos() {
        return connectingNanos;
    }
}
