package io.headroom.http.socket;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/** Decodes a response body's {@code Content-Encoding} (gzip, deflate), as k6 does; other codings stay as received. */
final class ContentCodings {
    private ContentCodings() {}

    /** {@code compressed} decoded by {@code coding}; unknown codings (br, zstd, ...) return it unchanged. */
    static byte[] decode(byte[] compressed, String coding) throws IOException {
        String c = coding.toLowerCase(Locale.ROOT);
        try {
            if (c.equals("gzip") || c.equals("x-gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8 * 1024)) {
                    return in.readAllBytes();
                }
            }
            if (c.equals("deflate")) {
                // "deflate" means zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate.
                boolean zlibHeader = compressed.length >= 2 && (compressed[0] & 0x0f) == 8
                        && (((compressed[0] & 0xff) << 8) | (compressed[1] & 0xff)) % 31 == 0;
                Inflater inflater = new Inflater(!zlibHeader);
                try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), inflater)) {
                    return in.readAllBytes();
                } finally {
                    inflater.end();
                }
            }
        } catch (IOException e) {
            throw new ZipException(coding + ": " + e.getMessage());
        }
        return compressed; // br, zstd, ...: left as received
    }
}
