package io.headroom.report;

import io.headroom.analysis.Numbers;

import io.headroom.core.metric.ValueType;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats numbers the way k6 users read them at the end of a test: durations given in milliseconds as
 * {@code 512µs}, {@code 1.23ms}, {@code 2.1s}, {@code 1m30s}; bytes as {@code 118 kB}; fractions as
 * {@code 12.34%}. Stateless, locale-independent, thread-safe.
 */
public final class Units {

    private Units() {}

    /**
     * A duration given in milliseconds, in the largest unit below it with at most two decimals and no
     * trailing zeros: {@code 0s}, {@code 750ns}, {@code 512µs}, {@code 1.23ms}, {@code 2.1s}, {@code 1m30s},
     * {@code 1h2m3s}. A value that rounds up to the next unit is shown in that unit ({@code 999.999ms} → {@code 1s}).
     */
    public static String duration(double millis) {
        if (Double.isNaN(millis)) return "-";
        if (Double.isInfinite(millis)) return millis > 0 ? "∞" : "-∞";
        if (millis < 0) return "-" + duration(-millis);
        if (millis == 0) return "0s";
        if (millis < 0.001) {
            // Below a microsecond: whole nanoseconds, truncated (the histograms do not resolve more).
            long nanos = (long) (millis * 1_000_000);
            return nanos + "ns";
        }
        if (millis < 1) {
            BigDecimal micros = round(millis * 1000, 2);
            if (micros.compareTo(BigDecimal.valueOf(1000)) < 0) return plain(micros) + "µs";
        }
        if (millis < 1000) {
            BigDecimal ms = round(millis, 2);
            if (ms.compareTo(BigDecimal.valueOf(1000)) < 0) return plain(ms) + "ms";
        }
        if (millis < 60_000) {
            BigDecimal seconds = round(millis / 1000, 2);
            if (seconds.compareTo(BigDecimal.valueOf(60)) < 0) return plain(seconds) + "s";
        }
        long totalSeconds = Math.round(millis / 1000);
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds % 3600) / 60;
        long seconds = totalSeconds % 60;
        return hours > 0 ? hours + "h" + minutes + "m" + seconds + "s" : minutes + "m" + seconds + "s";
    }

    /**
     * A byte count in decimal units with one decimal below 10 of a unit: {@code 7 B}, {@code 1.1 kB},
     * {@code 118 kB}, {@code 2.5 MB}.
     */
    public static String bytes(double bytes) {
        return Numbers.bytes(bytes); // one byte formatter, shared with the analysis texts
    }

    /** A plain number with at most {@code maxDecimals} decimals and no trailing zeros: {@code 3}, {@code 3.33}. */
    public static String number(double value, int maxDecimals) {
        if (Double.isNaN(value)) return "-";
        if (Double.isInfinite(value)) return value > 0 ? "∞" : "-∞";
        return plain(round(value, maxDecimals));
    }

    /** A fraction (0–1) as a percentage with two decimals: {@code 0.0123} → {@code 1.23%}. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) return "-";
        return round(fraction * 100, 2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A value in a metric's unit: durations for {@link ValueType#TIME}, bytes for DATA, numbers otherwise. */
    public static String value(double value, ValueType type) {
        return switch (type) {
            case TIME -> duration(value);
            case DATA -> bytes(value);
            case DEFAULT -> number(value, 2);
        };
    }

    /** A per-second value: {@code 30/s}, {@code 3.33/s}, {@code 0.0167/s}, {@code 11 kB/s}. */
    public static String perSecond(double value, ValueType type) {
        return switch (type) {
            case DATA -> bytes(value) + "/s";
            case TIME -> duration(value) + "/s";
            case DEFAULT -> number(value, Math.abs(value) >= 1 || value == 0 ? 2 : 4) + "/s";
        };
    }

    /** Whole-second elapsed time for progress lines: {@code 9s}, {@code 1m05s}, {@code 1h02m03s}. */
    public static String clock(long totalSeconds) {
        if (totalSeconds < 60) return totalSeconds + "s";
        long hours = totalSeconds / 3600;
        long minutes = (totalSeconds % 3600) / 60;
        long seconds = totalSeconds % 60;
        return hours > 0
                ? String.format(java.util.Locale.ROOT, "%dh%02dm%02ds", hours, minutes, seconds)
                : String.format(java.util.Locale.ROOT, "%dm%02ds", minutes, seconds);
    }

    private static BigDecimal round(double value, int decimals) {
        return Numbers.round(value, decimals);
    }

    private static String plain(BigDecimal value) {
        return Numbers.plain(value);
    }
}
