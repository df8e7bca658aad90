package io.headroom.http;

import java.util.Objects;

/**
 * Why an exchange failed: k6's error code ({@link HttpErrorCode}) and a human message. Failures are data,
 * never exceptions. {@code message} is never null (empty when none was given). Immutable.
 */
public record HttpError(HttpErrorCode type, String message) {
    public HttpError {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message; // a failure is recorded, never thrown over a missing message
    }

    /** k6's numeric code, e.g. 1212 for a refused connection. */
    public int code() {
        return type.number();
    }
}
