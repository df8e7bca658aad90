package io.headroom.http.socket;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a response body's {@code Content-Encoding} (gzip, deflate), as k6 does; other codings stay as received.
 * The decoded body is bounded like a plain one, so a small compressed body that inflates to gigabytes (a
 * decompression bomb) keeps only its first {@code maxBytes}.
 */
final class ContentCodings {
    /** A decoded body; {@code truncated} when the decoded data went on past the limit or its input was cut. */
    record Decoded(byte[] bytes, boolean truncated) {}

    private ContentCodings() {}

    /**
     * {@code compressed} decoded by {@code coding}, at most {@code maxBytes} of it; unknown codings (br, zstd, ...)
     * return it unchanged. {@code inputTruncated} says {@code compressed} is only a body's prefix: decoding then
     * stops where the prefix ends instead of failing.
     */
    static Decoded decode(byte[] compressed, String coding, int maxBytes, boolean inputTruncated) throws IOException {
        String c = coding.toLowerCase(Locale.ROOT);
        try {
            if (c.equals("gzip") || c.equals("x-gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8 * 1024)) {
                    return readBounded(in, maxBytes, inputTruncated);
                }
            }
            if (c.equals("deflate")) {
                // "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate.
                boolean zlibHeader = compressed.length >= 2 && (compressed[0] & 0x0f) == 8
                        && (((compressed[0] & 0xff) << 8) | (compressed[1] & 0xff)) % 31 == 0;
                Inflater inflater = new Inflater(!zlibHeader);
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)) {
                    return readBounded(in, maxBytes, inputTruncated);
                } finally {
                    inflater.end();
                }
            }
        } catch (IOException e) {
            throw new ZipException(coding + ": " + e.getMessage());
        }
        return new Decoded(compressed, inputTruncated); // br, zstd, ...: left as received
    }

    private static Decoded readBounded(InputStream in, int maxBytes, boolean inputTruncated) throws IOException {
        byte[] out = new byte[Math.min(maxBytes, 16 * 1024)];
        int size = 0;
        try {
            while (size < maxBytes) {
                if (size == out.length) out = Arrays.copyOf(out, (int) Math.min(maxBytes, out.length * 2L));
                int n = in.read(out, size, out.length - size);
                if (n < 0) return new Decoded(size == out.length ? out : Arrays.copyOf(out, size), inputTruncated);
                size += n;
            }
            boolean more = in.read() >= 0;
            return new Decoded(out, more || inputTruncated);
        } catch (EOFException cutShort) {
            if (!inputTruncated) throw cutShort;
            return new Decoded(Arrays.copyOf(out, size), true);
        }
    }
}
