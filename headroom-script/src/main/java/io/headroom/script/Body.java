package io.headroom.script;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request body with its content type: {@link Json}, {@link Form}, or raw bytes/text from
 * {@link #bytes}/{@link #text}. Immutable; the bytes are computed once, when the body is built.
 */
public sealed interface Body permits Json, Form, Body.Raw {

    /** The encoded body; never null, callers must not modify it. */
    byte[] bytes();

    /** The {@code Content-Type} sent unless the request sets one itself, or null to send none. */
    String contentType();

    /** Raw bytes with the given content type (null for none). */
    static Body bytes(byte[] bytes, String contentType) {
        return new Raw(bytes.clone(), contentType);
    }

    /** UTF-8 text with the given content type (null for none). */
    static Body text(String text, String contentType) {
        return new Raw(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** Raw bytes as given. */
    record Raw(byte[] bytes, String contentType) implements Body {
        public Raw {
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
