package io.headroom.profiler;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users type them, k6 style: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h},
 * {@code 1m30s}; a bare number is seconds. Stateless and thread-safe.
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {}

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message naming the text and the accepted forms
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        try {
            if (s.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(s));
            if (WHOLE.matcher(s).matches()) {
                Duration total = Duration.ZERO;
                Matcher m = PART.matcher(s);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    total = total.plus(switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    });
                }
                return total;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the message below: a number too big for a long
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; write it like 30s, 500ms, 2m, 1h or 1m30s");
    }

    /** {@code d} the way {@link #parse} reads it back, in the largest units that fit: {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        StringBuilder out = new StringBuilder();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long rest = ms % 1000;
        if (h > 0) out.append(h).append('h');
        if (m > 0) out.append(m).append('m');
        if (s > 0) out.append(s).append('s');
        if (rest > 0) out.append(rest).append("ms");
        return out.toString();
    }
}
