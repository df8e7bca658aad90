package io.headroom.demo;

/**
 * Builds one compact JSON text into a {@link StringBuilder}; commas are placed automatically. Not
 * thread-safe; one writer per response.
 *
 * <p>Hand-written rather than Jackson because the demo's payloads are a few flat objects and short arrays:
 * the module stays dependency-free, which keeps {@code headroom demo} light and keeps a JSON library's
 * behaviour out of what the integration tests measure.
 */
final class JsonWriter {
    private final StringBuilder out;
    private boolean needsComma;

    JsonWriter() {
        this(new StringBuilder(128));
    }

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needsComma = true;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    JsonWriter name(String name) {
        separate();
        quote(out, name);
        out.append(':');
        needsComma = false;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) out.append("null");
        else quote(out, value);
        needsComma = true;
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    JsonWriter value(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("JSON has no " + value);
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    /** Appends an already valid JSON value (a pre-rendered product, say) as the next value. */
    JsonWriter rawValue(String json) {
        separate();
        out.append(json);
        needsComma = true;
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (needsComma) out.append(',');
    }

    /** Writes {@code s} as a JSON string, escaping what RFC 8259 section 7 requires. */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
