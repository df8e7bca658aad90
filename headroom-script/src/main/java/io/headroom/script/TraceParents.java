package io.headroom.script;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * W3C Trace Context {@code traceparent} values for one VU (https://www.w3.org/TR/trace-context/#traceparent-header):
 * version {@code 00}, a random non-zero 16-byte trace id and 8-byte parent id, flags {@code 01} (sampled), and the
 * trace id of the value made or read last, as two longs, for the exemplars. Owned by one VU; not thread-safe.
 *
 * <p>Cheap on purpose, as every request of a traced run pays it: the ids come from a {@link SplittableRandom}
 * seeded once per VU from a {@link SecureRandom} (unpredictable across runs and agents, but no secure random per
 * request, which ids that name a trace do not need), the hex digits are written into one reused byte array, and the
 * only allocation is the header value itself.
 */
final class TraceParents {
    /** The header's name, lowercase as the specification writes it. */
    static final String HEADER = "traceparent";
    /** {@code 00-} + 32 + {@code -} + 16 + {@code -01}. */
    private static final int LENGTH = 55;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final SplittableRandom random;
    private final byte[] text = new byte[LENGTH];
    /** The first and last 8 bytes of the current trace id. */
    long traceIdHigh;
    long traceIdLow;

    TraceParents() {
        this(SEEDS.nextLong());
    }

    TraceParents(long seed) {
        random = new SplittableRandom(seed);
        text[0] = '0';
        text[1] = '0';
        text[2] = '-';
        text[35] = '-';
        text[52] = '-';
        text[53] = '0';
        text[54] = '1';
    }

    /** A new {@code traceparent} value with a fresh trace id (now {@link #traceIdHigh}/{@link #traceIdLow}) and parent id. */
    String next() {
        long high, low, parent;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        do {
            parent = random.nextLong();
        } while (parent == 0);
        traceIdHigh = high;
        traceIdLow = low;
        hex(high, 3);
        hex(low, 19);
        hex(parent, 36);
        return new String(text, 0, LENGTH, StandardCharsets.ISO_8859_1);
    }

    private void hex(long value, int at) {
        for (int i = 15; i >= 0; i--) {
            text[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /**
     * Takes the trace id of a {@code traceparent} the scenario set itself; false (ids unchanged) when {@code value}
     * is not one: {@code vv-<32 hex>-<16 hex>-ff}, lowercase, version not {@code ff}, ids not all zero.
     */
    boolean read(String value) {
        if (value == null) return false;
        value = value.strip();
        if (value.length() < LENGTH || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') return false;
        if (!lowerHex(value, 0, 2) || value.startsWith("ff") || !lowerHex(value, 3, 35) || !lowerHex(value, 36, 52)
                || !lowerHex(value, 53, 55)) return false;
        // Version 00 is exactly 55 characters; a later version may append fields after a dash.
        if (value.length() > LENGTH && (value.startsWith("00") || value.charAt(LENGTH) != '-')) return false;
        long high = Long.parseUnsignedLong(value, 3, 19, 16);
        long low = Long.parseUnsignedLong(value, 19, 35, 16);
        long parent = Long.parseUnsignedLong(value, 36, 52, 16);
        if (high == 0 && low == 0 || parent == 0) return false;
        traceIdHigh = high;
        traceIdLow = low;
        return true;
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }
}
