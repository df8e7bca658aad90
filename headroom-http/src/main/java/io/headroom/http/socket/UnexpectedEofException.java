package io.headroom.http.socket;

import java.io.EOFException;

/**
 * The server closed the connection before the response was complete; {@code beforeAnyByte} marks the case where
 * not a single response byte arrived (on a reused connection: the server had closed it while idle).
 */
final class UnexpectedEofException extends EOFException {
    final boolean beforeAnyByte;

    UnexpectedEofException(boolean beforeAnyByte) {
        super(beforeAnyByte ? "server closed the connection before responding" : "unexpected EOF");
        this.beforeAnyByte = beforeAnyByte;
    }

    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
