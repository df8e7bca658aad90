package io.headroom.profiler.analysis;

import java.time.Duration;
import java.util.Locale;

/** Rounding and formatting shared by the collectors, so the report's numbers are stable and readable. */
final class Numbers {
    private Numbers() {}

    /** {@code part} as a percentage of {@code whole}, rounded to 0.01; 0 when {@code whole} is 0. */
    static double percent(double part, double whole) {
        return whole <= 0 ? 0 : round2(100.0 * part / whole);
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** Milliseconds rounded to the microsecond: finer than any pause worth reporting, and stable in JSON. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    static long nanos(Duration d) {
        return d == null ? 0 : d.toNanos();
    }

    static String format1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
