package io.headroom.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Formatting of numbers for evidence lines: about three significant digits, units spelled out. Stateless. */
public final class Numbers {
    private Numbers() {}

    /** A value with about three significant digits and no trailing zeros: 0.123, 1.23, 12.3, 123, 1234, 4. */
    public static String sig3(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        double a = Math.abs(v);
        String s;
        if (a == 0) s = "0";
        else if (a >= 100) s = String.format(Locale.ROOT, "%.0f", v);
        else if (a >= 10) s = String.format(Locale.ROOT, "%.1f", v);
        else if (a >= 1) s = String.format(Locale.ROOT, "%.2f", v);
        else s = String.format(Locale.ROOT, "%.3f", v);
        // "4.00" reads as more precise than it is; "4" and "4.5" say the same with less noise.
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.replace('-', '−');
    }

    /** A count: whole numbers without decimals, others as {@link #sig3}. */
    public static String count(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%d", (long) v).replace('-', '−');
        return sig3(v);
    }

    /** A fraction as a percentage: 0.0123 → "1.23 %". */
    public static String percent(double fraction) {
        return sig3(fraction * 100) + " %";
    }

    /** A signed relative change: 0.25 → "+25 %", −0.62 → "−62 %". */
    public static String signedPercent(double fraction) {
        if (Double.isNaN(fraction)) return "n/a";
        String s = sig3(Math.abs(fraction) * 100) + " %";
        return (fraction > 0 ? "+" : fraction < 0 ? "−" : "±") + s;
    }

    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    /**
     * A byte count in decimal units with one decimal below 10 of a unit: {@code 7 B}, {@code 1.1 kB},
     * {@code 118 kB}, {@code 2.5 MB}; the same text as the report's {@code Units.bytes} (the console summary's).
     */
    public static String bytes(double bytes) {
        if (Double.isNaN(bytes)) return "-";
        if (bytes < 0) return "-" + bytes(-bytes);
        if (bytes < 10) return plain(round(bytes, 2)) + " B";
        int exponent = Math.min((int) Math.floor(Math.log10(bytes) / 3), BYTE_UNITS.length - 1);
        BigDecimal shown = round(bytes / Math.pow(1000, exponent), 1);
        if (shown.compareTo(BigDecimal.valueOf(1000)) >= 0 && exponent < BYTE_UNITS.length - 1) {
            exponent++;
            shown = round(bytes / Math.pow(1000, exponent), 1);
        }
        String text = shown.compareTo(BigDecimal.TEN) < 0
                ? shown.setScale(1, RoundingMode.HALF_UP).toPlainString()
                : shown.setScale(0, RoundingMode.HALF_UP).toPlainString();
        return text + " " + BYTE_UNITS[exponent];
    }

    /**
     * {@code value} to {@code decimals} places, half up, from the shortest decimal that reads back as the double
     * (so 1.005 rounds to 1.01, as a reader of the printed value expects, not to 1.00 as its binary expansion would).
     */
    public static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    /** {@code value} without trailing zeros or an exponent: {@code 3}, {@code 3.33}, {@code 1200}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.signum() == 0) return "0";
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : stripped.toPlainString();
    }
}
