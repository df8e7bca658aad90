package io.headroom.script.plan;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations written the k6 (Go) way: a sequence of decimal numbers with units, {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 1m30s}, {@code 1.5s}; units {@code ns}, {@code us}
 * ({@code µs}), {@code ms}, {@code s}, {@code m}, {@code h} and {@code d}. A bare {@code 0} is zero; other
 * bare numbers are rejected, since "30" could mean seconds or milliseconds. Stateless and thread-safe.
 */
public final class Durations {
    /** What the error messages say is expected. */
    public static final String EXPECTED = "expected a duration such as 500ms, 10s, 5m or 1h30m";

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message that says what was expected and what was found
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("0")) return Duration.ZERO;
        if (s.isEmpty()) throw invalid(text);
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (i == start) throw invalid(text);
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            long unitNanos = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                default -> throw invalid(text);
            };
            totalNanos = totalNanos.add(number.multiply(BigDecimal.valueOf(unitNanos)));
        }
        try {
            return Duration.ofNanos(totalNanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration too long: \"" + text + "\"");
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(EXPECTED + ", found \"" + text + "\"");
    }

    /** The k6 way of writing {@code d}: {@code 1h30m}, {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L != 0) {
            if (nanos < 1_000_000_000L) {
                return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms"
                        : BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
            }
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        if (hours > 0) sb.append(hours).append('h');
        int minutes = d.toMinutesPart();
        if (minutes > 0) sb.append(minutes).append('m');
        long subMinuteNanos = nanos % 60_000_000_000L;
        if (subMinuteNanos > 0) {
            sb.append(BigDecimal.valueOf(subMinuteNanos, 9).stripTrailingZeros().toPlainString()).append('s');
        }
        return sb.toString();
    }
}
