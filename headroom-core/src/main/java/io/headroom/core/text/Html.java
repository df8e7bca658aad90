package io.headroom.core.text;

/**
 * The one HTML escaper of every module: text made safe inside HTML text and quoted attribute values, so
 * names from the target or the plan read as text and never as markup. Stateless and thread-safe.
 */
public final class Html {
    private Html() {}

    /** {@code text} with {@code & < > " '} replaced by character references; null gives the empty string. */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        appendEscaped(out, text);
        return out.toString();
    }

    /** Appends {@code text} escaped as by {@link #escape(String)}; null appends nothing. */
    public static StringBuilder appendEscaped(StringBuilder out, String text) {
        if (text == null) return out;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
