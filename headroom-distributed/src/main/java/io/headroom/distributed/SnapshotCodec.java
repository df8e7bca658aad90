package io.headroom.distributed;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.metric.IntervalSnapshot.CounterSnapshot;
import io.headroom.core.metric.IntervalSnapshot.GaugeSnapshot;
import io.headroom.core.metric.IntervalSnapshot.RateSnapshot;
import io.headroom.core.metric.IntervalSnapshot.SeriesSnapshot;
import io.headroom.core.metric.IntervalSnapshot.TrendSnapshot;
import io.headroom.core.metric.ValueType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary body of {@code POST /v1/snapshot}: one {@link IntervalSnapshot}, series by series, each trend's
 * histogram as HdrHistogram's compressed bytes (core's {@code HistogramCodec} encoding, without its base64), so a
 * snapshot crosses the wire about a quarter smaller than as JSON and merges exactly on the other side. Not Java
 * serialisation: a body from the network is only ever read as these fields, with bounded counts. Stateless.
 *
 * <pre>
 * int magic 'HRS1', long offsetMillis, int seriesCount, then per series:
 *   byte kind (0 counter, 1 rate, 2 gauge, 3 trend), UTF metric, byte valueType, short tagCount, (UTF key, UTF value)*,
 *   counter: double sum | rate: long nonZero, long total | gauge: double last, min, max
 *   | trend: int length, bytes histogram, long clamped, double min, max, sum
 * </pre>
 */
public final class SnapshotCodec {
    static final int MAGIC = 0x48525331; // "HRS1"
    /** The most series one body may hold; a registry caps each metric's series far below this. */
    public static final int MAX_SERIES = 1_000_000;

    private SnapshotCodec() {}

    public static byte[] encode(IntervalSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + snapshot.series().size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(snapshot.offsetMillis());
            out.writeInt(snapshot.series().size());
            for (SeriesSnapshot s : snapshot.series()) {
                out.writeByte(kindByte(s));
                out.writeUTF(s.metric());
                out.writeByte(s.valueType().ordinal());
                out.writeShort(s.tags().size());
                for (Map.Entry<String, String> t : s.tags().entrySet()) {
                    out.writeUTF(t.getKey());
                    out.writeUTF(t.getValue());
                }
                switch (s) {
                    case CounterSnapshot c -> out.writeDouble(c.sum());
                    case RateSnapshot r -> {
                        out.writeLong(r.nonZero());
                        out.writeLong(r.total());
                    }
                    case GaugeSnapshot g -> {
                        out.writeDouble(g.last());
                        out.writeDouble(g.min());
                        out.writeDouble(g.max());
                    }
                    case TrendSnapshot t -> {
                        byte[] histogram = Base64.getDecoder().decode(t.histogramBase64());
                        out.writeInt(histogram.length);
                        out.write(histogram);
                        out.writeLong(t.clamped());
                        out.writeDouble(t.min());
                        out.writeDouble(t.max());
                        out.writeDouble(t.sum());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * The snapshot {@code body} holds.
     *
     * @throws IOException when it is not one (wrong magic, a count out of bounds, cut short); the message says which
     */
    public static IntervalSnapshot decode(byte[] body) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            if (in.readInt() != MAGIC) throw new IOException("not a Headroom interval snapshot (bad magic)");
            long offset = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > MAX_SERIES) throw new IOException("snapshot series count out of range: " + count);
            List<SeriesSnapshot> series = new ArrayList<>(Math.min(count, 4096));
            ValueType[] types = ValueType.values();
            for (int i = 0; i < count; i++) {
                int kind = in.readUnsignedByte();
                String metric = in.readUTF();
                int type = in.readUnsignedByte();
                if (type >= types.length) throw new IOException("unknown value type " + type + " in series " + metric);
                int tagCount = in.readUnsignedShort();
                Map<String, String> tags = new LinkedHashMap<>();
                for (int t = 0; t < tagCount; t++) tags.put(in.readUTF(), in.readUTF());
                series.add(switch (kind) {
                    case 0 -> new CounterSnapshot(metric, types[type], tags, in.readDouble());
                    case 1 -> new RateSnapshot(metric, tags, in.readLong(), in.readLong());
                    case 2 -> new GaugeSnapshot(metric, types[type], tags, in.readDouble(), in.readDouble(), in.readDouble());
                    case 3 -> {
                        int length = in.readInt();
                        if (length < 0 || length > body.length) throw new IOException("histogram length out of range: " + length);
                        byte[] histogram = in.readNBytes(length);
                        if (histogram.length != length) throw new IOException("snapshot cut short in series " + metric);
                        yield new TrendSnapshot(metric, types[type], tags, Base64.getEncoder().encodeToString(histogram),
                                in.readLong(), in.readDouble(), in.readDouble(), in.readDouble());
                    }
                    default -> throw new IOException("unknown series kind " + kind + " in series " + metric);
                });
            }
            return new IntervalSnapshot(offset, series);
        } catch (java.io.EOFException e) {
            throw new IOException("snapshot cut short", e);
        }
    }

    private static int kindByte(SeriesSnapshot s) {
        return switch (s) {
            case CounterSnapshot c -> 0;
            case RateSnapshot r -> 1;
            case GaugeSnapshot g -> 2;
            case TrendSnapshot t -> 3;
        };
    }
}
