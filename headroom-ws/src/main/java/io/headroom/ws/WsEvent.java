package io.headroom.ws;

/**
 * What a session received, in arrival order, as the VU takes it from {@link WsConnection#poll}. Each carries the
 * {@code System.nanoTime()} of its arrival on the event loop, so a VU that reads late still times a reply by when it
 * came. Immutable.
 */
public sealed interface WsEvent {
    /** Arrival time, {@code System.nanoTime()} nanoseconds. */
    long receivedNanos();

    /** A text message (UTF-8, all fragments joined) or a binary one ({@code text} is then ISO-8859-1 of its bytes). */
    record Message(String text, boolean binary, int bytes, long receivedNanos) implements WsEvent {}

    /** A pong; {@code sentNanos} is the time its ping was sent when the pong echoes one of ours, else -1. */
    record Pong(long sentNanos, long receivedNanos) implements WsEvent {}

    /** The session closed with a close frame (RFC 6455 section 7.1.5 code, 1005 when the frame had none). */
    record Closed(int code, String reason, boolean byServer, long receivedNanos) implements WsEvent {}

    /** The session failed: the connection is gone (or being closed), nothing follows. */
    record Failed(WsErrorCode error, String detail, long receivedNanos) implements WsEvent {}
}
