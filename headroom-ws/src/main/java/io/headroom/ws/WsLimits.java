package io.headroom.ws;

/**
 * The bounds of one WebSocket session (docs/limits.md, "WebSocket"): what a session holds grows with what the server
 * sends, so each has a limit and a clear error. Immutable.
 *
 * @param maxMessageBytes largest received message (all its fragments), bytes; past it the session fails with 1930
 * @param maxQueuedMessages received messages waiting unread by the VU; past it the session fails with 1931
 * @param maxPendingReplies sent messages awaiting their reply for {@code ws_msg_rtt}; past it the session fails with 1932
 */
public record WsLimits(int maxMessageBytes, int maxQueuedMessages, int maxPendingReplies) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 1024;
    public static final int DEFAULT_MAX_PENDING_REPLIES = 1024;

    public WsLimits {
        if (maxMessageBytes < 1) throw new IllegalArgumentException("maxMessageBytes must be at least 1, got " + maxMessageBytes);
        if (maxQueuedMessages < 1) throw new IllegalArgumentException("maxQueuedMessages must be at least 1, got " + maxQueuedMessages);
        if (maxPendingReplies < 1) throw new IllegalArgumentException("maxPendingReplies must be at least 1, got " + maxPendingReplies);
    }

    /** 1 MiB messages, 1,024 unread messages, 1,024 pending replies. */
    public static WsLimits defaults() {
        return new WsLimits(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_MAX_PENDING_REPLIES);
    }

    public WsLimits withMaxMessageBytes(int bytes) {
        return new WsLimits(bytes, maxQueuedMessages, maxPendingReplies);
    }

    public WsLimits withMaxQueuedMessages(int messages) {
        return new WsLimits(maxMessageBytes, messages, maxPendingReplies);
    }

    public WsLimits withMaxPendingReplies(int replies) {
        return new WsLimits(maxMessageBytes, maxQueuedMessages, replies);
    }
}
