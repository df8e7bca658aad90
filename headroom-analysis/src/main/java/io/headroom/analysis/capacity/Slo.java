package io.headroom.analysis.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A latency objective in threshold syntax, {@code p(95)<500} or {@code avg<200} (milliseconds), checked
 * per load level. Only p(95), p(99) and avg: per-second statistics a summary keeps that average sensibly over a level. Immutable.
 */
public record Slo(String statistic, double limitMillis) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(avg|p\\((95|99)\\))\\s*<\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms)?\\s*");

    /** Parses {@code p(95)<500}; the message says what is accepted otherwise. */
    public static Slo parse(String text) {
        Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("SLO \"" + text + "\" not understood; use p(95)<X, p(99)<X or avg<X "
                    + "with X in milliseconds, e.g. \"p(95)<500\"");
        }
        String statistic = m.group(1);
        return new Slo(statistic, Double.parseDouble(m.group(3)));
    }

    @Override
    public String toString() {
        return statistic + "<" + io.headroom.analysis.Numbers.sig3(limitMillis);
    }
}
