package io.headroom.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in text that reports and logs show: the values of {@code Authorization}, {@code Cookie},
 * {@code Set-Cookie} and {@code Proxy-Authorization} written as {@code Name: value} or {@code Name=value},
 * and the user-info part of URLs ({@code https://user:pass@host}). Stateless and thread-safe.
 */
public final class Redaction {
    /** What a hidden value is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    // The value runs to the end of the line: a Cookie header's value holds spaces and semicolons.
    private static final Pattern HEADER = Pattern.compile(
            "(?i)\\b(proxy-authorization|authorization|set-cookie|cookie)(\\s*[:=]\\s*)([^\\r\\n\"]+)");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Redaction() {}

    /** {@code text} with secret header values and URL credentials replaced; null stays null. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        if (out.indexOf('@') >= 0) out = URL_USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
        Matcher m = HEADER.matcher(out);
        if (!m.find()) return out;
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + REDACTED));
    }
}
