package io.headroom.core.schedule;

import java.math.BigInteger;

/** {@code floor(a × b / c)} for non-negative longs without overflow; fast when the product fits. */
final class MulDiv {
    private MulDiv() {}

    static long floor(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) return low / c;
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** {@code ceil(a × b / c)} for non-negative longs. */
    static long ceil(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) return low / c + (low % c == 0 ? 0 : 1);
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }
}
