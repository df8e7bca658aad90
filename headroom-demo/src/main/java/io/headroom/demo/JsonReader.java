package io.headroom.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one JSON text (RFC 8259) into plain Java values: {@code Map<String, Object>} (insertion-ordered),
 * {@code List<Object>}, {@code String}, {@code Long} for integers that fit, {@code Double} for other
 * numbers, {@code Boolean}, and {@link #NULL} for JSON null. Stateless apart from one parse; not
 * thread-safe per instance, so use {@link #parse(String)}.
 *
 * <p>Hand-written (see {@link JsonWriter} for why); request bodies are capped at 64 KiB before they get
 * here and nesting at {@value #MAX_DEPTH}, so a hostile body cannot exhaust the stack.
 */
final class JsonReader {
    /** Stands for JSON {@code null}, so that a map lookup can tell "absent" from "null". */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses a whole JSON text; throws {@link MalformedJsonException} naming the offending position. */
    static Object parse(String text) throws MalformedJsonException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.readValue(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) throw reader.error("unexpected text after the JSON value");
        return value;
    }

    /** Parses a JSON text that must be an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) throws MalformedJsonException {
        Object value = parse(text);
        if (!(value instanceof Map<?, ?>)) throw new MalformedJsonException("expected a JSON object");
        return (Map<String, Object>) value;
    }

    private Object readValue(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
        if (pos >= text.length()) throw error("unexpected end of input");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject(depth);
            case '[' -> readArray(depth);
            case '"' -> readString();
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield readNumber();
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> readObject(int depth) throws MalformedJsonException {
        Map<String, Object> object = new LinkedHashMap<>();
        pos++; // '{'
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a quoted field name");
            String name = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (object.put(name, readValue(depth + 1)) != null) throw error("duplicate field \"" + name + "\"");
            skipWhitespace();
            char c = next("',' or '}'");
            if (c == '}') return object;
            if (c != ',') throw error("expected ',' or '}'", pos - 1);
        }
    }

    private List<Object> readArray(int depth) throws MalformedJsonException {
        List<Object> array = new ArrayList<>();
        pos++; // '['
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(readValue(depth + 1));
            skipWhitespace();
            char c = next("',' or ']'");
            if (c == ']') return array;
            if (c != ',') throw error("expected ',' or ']'", pos - 1);
        }
    }

    private String readString() throws MalformedJsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw error("control character in string", pos - 1);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next("an escape character");
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("truncated \\u escape");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) throw error("bad hex digit in \\u escape", pos - 1);
                        code = code * 16 + digit;
                    }
                    sb.append((char) code);
                }
                default -> throw error("bad escape '\\" + e + "'", pos - 1);
            }
        }
    }

    private Object readNumber() throws MalformedJsonException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) throw error("expected a digit after '.'");
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("expected a digit in the exponent");
            while (isDigit(peek())) pos++;
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through: an integer beyond long is still a valid JSON number
            }
        }
        return Double.parseDouble(literal);
    }

    private Object readLiteral(String literal, Object value) throws MalformedJsonException {
        if (!text.startsWith(literal, pos)) throw error("unexpected literal");
        pos += literal.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next(String expected) throws MalformedJsonException {
        if (pos >= text.length()) throw error("unexpected end of input, expected " + expected);
        return text.charAt(pos++);
    }

    private void expect(char c) throws MalformedJsonException {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private MalformedJsonException error(String message) {
        return error(message, pos);
    }

    private MalformedJsonException error(String message, int at) {
        return new MalformedJsonException(message + " at offset " + at);
    }

    /** The request body is not the JSON the endpoint expects; the message is fit to show a client. */
    static final class MalformedJsonException extends Exception {
        MalformedJsonException(String message) {
            super(message);
        }
    }
}
