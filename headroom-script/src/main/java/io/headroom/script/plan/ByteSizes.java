package io.headroom.script.plan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written in a plan: a whole number of bytes ({@code 65536}) or a whole number with a unit, {@code 512KB},
 * {@code 10MB}, {@code 1GB}; units {@code B}, {@code KB} ({@code K}, {@code KiB}), {@code MB} ({@code M},
 * {@code MiB}), {@code GB} ({@code G}, {@code GiB}), case-insensitive, all powers of 1024 as the JVM's
 * {@code -Xmx} and nginx read them. Stateless and thread-safe.
 */
final class ByteSizes {
    /** What the error messages say is expected. */
    static final String EXPECTED = "expected a size such as 10MB, 512KB or 65536 (bytes; 1KB = 1024 bytes)";
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([a-z]*)");

    private ByteSizes() {}

    /**
     * Parses a size in bytes.
     *
     * @throws IllegalArgumentException with a message that says what was expected and what was found
     */
    static long parse(String text) {
        String s = text == null ? "" : text.strip().replace("_", "");
        Matcher m = SIZE.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw invalid(text);
        long multiplier = switch (m.group(2)) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            default -> throw invalid(text);
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(EXPECTED + ", found '" + text + "'");
    }
}
