package io.headroom.core.plan;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The part {@code [from, to)} of a run that one load generator executes (k6's execution segment), as exact
 * fractions of 0..1. Every executor scales its VUs, iterations and arrival events by it, so that the
 * generators of a distributed run whose segments partition 0..1 together produce exactly the whole plan.
 * Counts are scaled as {@code floor(n × to) − floor(n × from)}, which telescopes to {@code n} over any
 * partition; arrival events are dealt out by {@link #owns(long)}, which deals each event index to exactly one
 * segment of any partition. Immutable and thread-safe.
 */
public final class ExecutionSegment {
    // declared before FULL: static initialisers run in order
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    /** The whole run: 0..1. */
    public static final ExecutionSegment FULL = new ExecutionSegment(0, 1, 1, 1);

    private final long fromNumerator;
    private final long fromDenominator;
    private final long toNumerator;
    private final long toDenominator;
    // from and to as unsigned 64-bit binary fractions, compared against the bit-reversed event index
    private final long fromBits;
    private final long toBits;
    private final boolean toIsOne;

    private ExecutionSegment(long fromNumerator, long fromDenominator, long toNumerator, long toDenominator) {
        if (fromDenominator <= 0 || toDenominator <= 0) throw new IllegalArgumentException("denominators must be positive");
        long fg = gcd(Math.abs(fromNumerator), fromDenominator);
        long tg = gcd(Math.abs(toNumerator), toDenominator);
        this.fromNumerator = fromNumerator / fg;
        this.fromDenominator = fromDenominator / fg;
        this.toNumerator = toNumerator / tg;
        this.toDenominator = toDenominator / tg;
        if (this.fromNumerator < 0 || compare(this.fromNumerator, this.fromDenominator, this.toNumerator, this.toDenominator) >= 0
                || this.toNumerator > this.toDenominator) {
            throw new IllegalArgumentException("an execution segment needs 0 <= from < to <= 1, got " + this);
        }
        this.toIsOne = this.toNumerator == this.toDenominator;
        this.fromBits = binaryFraction(this.fromNumerator, this.fromDenominator);
        this.toBits = toIsOne ? -1L : binaryFraction(this.toNumerator, this.toDenominator);
    }

    /**
     * The segment {@code [from, to)}; the doubles are read as the nearest fractions with denominators up to
     * 1,000,000 (so {@code 1.0 / 3} means exactly one third).
     */
    public ExecutionSegment(double from, double to) {
        this(fractionOf(from)[0], fractionOf(from)[1], fractionOf(to)[0], fractionOf(to)[1]);
    }

    /** The segment {@code [fromNumerator/fromDenominator, toNumerator/toDenominator)}. */
    public static ExecutionSegment of(long fromNumerator, long fromDenominator, long toNumerator, long toDenominator) {
        if (fromNumerator == 0 && toNumerator == toDenominator && toDenominator > 0) return FULL;
        return new ExecutionSegment(fromNumerator, fromDenominator, toNumerator, toDenominator);
    }

    /**
     * Parses k6 notation {@code from:to}, each side a fraction ({@code 1/3}), a decimal ({@code 0.5}) or a
     * percentage ({@code 50%}); a single value {@code x} means {@code 0:x}.
     *
     * @throws IllegalArgumentException with a message naming the bad part
     */
    public static ExecutionSegment parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        long[] from = colon < 0 ? new long[] {0, 1} : parseFraction(trimmed.substring(0, colon), text);
        long[] to = parseFraction(colon < 0 ? trimmed : trimmed.substring(colon + 1), text);
        return of(from[0], from[1], to[0], to[1]);
    }

    public double from() {
        return (double) fromNumerator / fromDenominator;
    }

    public double to() {
        return (double) toNumerator / toDenominator;
    }

    public boolean isFull() {
        return fromNumerator == 0 && toIsOne;
    }

    /** This segment's share of {@code value}: {@code floor(value × to) − floor(value × from)}; value must be >= 0. */
    public long scale(long value) {
        if (value < 0) throw new IllegalArgumentException("cannot scale a negative count: " + value);
        if (isFull()) return value;
        return floorMul(value, toNumerator, toDenominator) - startOffset(value);
    }

    /** How many of {@code value} items belong to segments before this one: {@code floor(value × from)}. */
    public long startOffset(long value) {
        if (value < 0) throw new IllegalArgumentException("cannot scale a negative count: " + value);
        return floorMul(value, fromNumerator, fromDenominator);
    }

    /**
     * True when event {@code index} (0-based, counted over the whole run) belongs to this segment. Events are
     * dealt by the van der Corput sequence (the bit-reversed index read as a binary fraction), which puts every
     * index into exactly one segment of a partition and spreads each segment's events evenly in time: for
     * halves, quarters, eighths the share of any aligned block is exact, otherwise within O(log n).
     */
    public boolean owns(long index) {
        if (isFull()) return true;
        long position = Long.reverse(index);
        return Long.compareUnsigned(position, fromBits) >= 0 && (toIsOne || Long.compareUnsigned(position, toBits) < 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionSegment s && s.fromNumerator == fromNumerator && s.fromDenominator == fromDenominator
                && s.toNumerator == toNumerator && s.toDenominator == toDenominator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromNumerator, fromDenominator, toNumerator, toDenominator);
    }

    /** k6 notation, e.g. {@code 0:1/2}. */
    @Override
    public String toString() {
        return fraction(fromNumerator, fromDenominator) + ":" + fraction(toNumerator, toDenominator);
    }

    private static String fraction(long numerator, long denominator) {
        if (numerator == 0) return "0";
        if (numerator == denominator) return "1";
        return numerator + "/" + denominator;
    }

    private static long[] parseFraction(String part, String whole) {
        String s = part.trim();
        try {
            if (s.endsWith("%")) {
                long[] f = decimal(s.substring(0, s.length() - 1).trim());
                return new long[] {f[0], Math.multiplyExact(f[1], 100)};
            }
            int slash = s.indexOf('/');
            if (slash >= 0) {
                return new long[] {Long.parseLong(s.substring(0, slash).trim()), Long.parseLong(s.substring(slash + 1).trim())};
            }
            return decimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad execution segment \"" + whole + "\": \"" + s
                    + "\" is not a fraction (1/3), a decimal (0.5) or a percentage (50%)");
        }
    }

    private static long[] decimal(String s) {
        if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) throw new NumberFormatException(s);
        var value = new java.math.BigDecimal(s);
        int scale = Math.max(0, value.scale());
        return new long[] {value.movePointRight(scale).longValueExact(), BigInteger.TEN.pow(scale).longValueExact()};
    }

    /** The closest fraction with a denominator up to 1e6 (continued fractions). */
    private static long[] fractionOf(double x) {
        if (!(x >= 0 && x <= 1)) throw new IllegalArgumentException("an execution segment bound must lie in 0..1, got " + x);
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        double rest = x;
        for (int i = 0; i < 64; i++) {
            long a = (long) Math.floor(rest);
            long h2 = a * h1 + h0;
            long k2 = a * k1 + k0;
            if (k2 > 1_000_000) break;
            h0 = h1; h1 = h2; k0 = k1; k1 = k2;
            double frac = rest - a;
            if (frac < 1e-12 || Math.abs((double) h1 / k1 - x) < 1e-15) break;
            rest = 1 / frac;
        }
        return new long[] {h1, k1};
    }

    private static long binaryFraction(long numerator, long denominator) {
        return BigInteger.valueOf(numerator).multiply(TWO_POW_64).divide(BigInteger.valueOf(denominator)).longValue();
    }

    private static long floorMul(long value, long numerator, long denominator) {
        long high = Math.multiplyHigh(value, numerator);
        long low = value * numerator;
        if (high == 0 && low >= 0) return low / denominator;
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(numerator)).divide(BigInteger.valueOf(denominator)).longValueExact();
    }

    private static int compare(long an, long ad, long bn, long bd) {
        return BigInteger.valueOf(an).multiply(BigInteger.valueOf(bd)).compareTo(BigInteger.valueOf(bn).multiply(BigInteger.valueOf(ad)));
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
