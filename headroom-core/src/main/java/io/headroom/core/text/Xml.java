package io.headroom.core.text;

/**
 * Escaping for XML 1.0 text and attribute values (the JUnit report): the markup characters of {@link Html}
 * with XML's own {@code &apos;}, line breaks and tabs as character references so attribute values keep them,
 * and characters XML 1.0 cannot hold at all replaced by U+FFFD. Stateless and thread-safe.
 */
public final class Xml {
    private Xml() {}

    /** {@code text} safe in XML text and quoted attribute values; null gives the empty string. */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> {
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) out.append(c);
                    else out.append('\uFFFD');
                }
            }
        }
        return out.toString();
    }
}
