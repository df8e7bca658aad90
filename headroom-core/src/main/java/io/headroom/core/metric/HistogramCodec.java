package io.headroom.core.metric;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/**
 * HdrHistogram's compressed binary encoding, as base64 text, so snapshots and summaries carry histograms in JSON
 * or any text format. The one histogram codec of every module. Stateless and thread-safe.
 */
public final class HistogramCodec {
    private HistogramCodec() {}

    /** {@code histogram} compressed at the deflater's default level (fast: interval snapshots). */
    public static String encode(AbstractHistogram histogram) {
        return encode(histogram, Deflater.DEFAULT_COMPRESSION);
    }

    /** {@code histogram} compressed at {@code deflaterLevel} ({@link Deflater#BEST_COMPRESSION} for files kept). */
    public static String encode(AbstractHistogram histogram, int deflaterLevel) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, deflaterLevel);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * The histogram {@code base64} encodes, at any compression level.
     *
     * @throws IllegalArgumentException when it is not one; its cause is what base64 or HdrHistogram threw
     */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }
}
