package io.headroom.http.socket;

import io.headroom.http.HttpError;
import java.io.IOException;

/**
 * Ends one exchange attempt with a classified {@link HttpError}. {@code staleConnection} says the failure is the
 * signature of a keep-alive connection the server had already closed (reset or EOF before any response byte),
 * which makes a retry on a fresh connection safe for idempotent requests. Carries no stack trace: it is data,
 * and it never leaves the session.
 */
final class ExchangeFailure extends IOException {
    final HttpError error;
    final boolean staleConnection;

    ExchangeFailure(HttpError error, boolean staleConnection) {
        super(error.message(), null);
        this.error = error;
        this.staleConnection = staleConnection;
    }

    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
