package io.headroom.core.text;

import java.util.Locale;

/**
 * The one JSON quoter of every module, for the outputs written by hand (analysis reports, the flame graph's
 * data), so they need no JSON library. Stateless and thread-safe.
 */
public final class Json {
    private Json() {}

    /** {@code s} as a JSON string literal, quotes included; null gives {@code null}. */
    public static String quote(String s) {
        if (s == null) return "null";
        StringBuilder out = new StringBuilder(s.length() + 2);
        appendQuoted(out, s, false);
        return out.toString();
    }

    /**
     * Appends {@code s} as a JSON string literal. With {@code scriptSafe}, the literal is also inert inside an
     * HTML {@code <script>} element: {@code <}, {@code >}, {@code &} and the JavaScript line separators
     * U+2028/U+2029 become {@code \\uXXXX} escapes, and a carriage return is written {@code \\r} (as the flame
     * graph page always had it; the plain form writes {@code \\u000d}, which reads back the same).
     */
    public static StringBuilder appendQuoted(StringBuilder out, String s, boolean scriptSafe) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == '\r' && scriptSafe) out.append("\\r");
                    else if (c < 0x20 || scriptSafe && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** A JSON number, whole numbers without {@code .0}; NaN and infinities (which JSON lacks) become null. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
