package io.headroom.output.remotewrite;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a remote-write WriteRequest back, field by field, as a receiver does: for the tests. Unknown fields are
 * an error, so an encoder that writes a wrong field number fails here.
 */
final class WriteRequestDecoder {
    /** A native histogram: its bucket counts by index (absolute, from the spans and deltas). */
    record NativeHistogram(long count, double sum, int schema, double zeroThreshold, long zeroCount,
                           Map<Integer, Long> buckets, long timestampMillis) {}

    /** One TimeSeries: its labels in wire order, one sample or one native histogram. */
    record Series(List<String[]> labels, double value, long timestampMillis, NativeHistogram histogram) {
        Map<String, String> labelMap() {
            Map<String, String> m = new LinkedHashMap<>();
            for (String[] l : labels) m.put(l[0], l[1]);
            return m;
        }

        String name() {
            return labelMap().get("__name__");
        }
    }

    /** One MetricMetadata. */
    record Metadata(int type, String family, String help, String unit) {}

    record Request(List<Series> series, List<Metadata> metadata) {}

    static Request decode(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Series> series = new ArrayList<>();
        List<Metadata> metadata = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> series.add(series(CodedInputStream.newInstance(in.readByteArray())));
                case 3 -> metadata.add(metadata(CodedInputStream.newInstance(in.readByteArray())));
                default -> throw new IOException("unexpected WriteRequest field " + WireFormat.getTagFieldNumber(tag));
            }
        }
        return new Request(series, metadata);
    }

    private static Series series(CodedInputStream in) throws IOException {
        List<String[]> labels = new ArrayList<>();
        double value = Double.NaN;
        long ts = -1;
        int samples = 0;
        NativeHistogram histogram = null;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    CodedInputStream l = CodedInputStream.newInstance(in.readByteArray());
                    String name = null, val = null;
                    for (int t; (t = l.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) name = l.readString();
                        else if (WireFormat.getTagFieldNumber(t) == 2) val = l.readString();
                        else throw new IOException("unexpected Label field");
                    }
                    labels.add(new String[]{name, val});
                }
                case 2 -> {
                    samples++;
                    CodedInputStream s = CodedInputStream.newInstance(in.readByteArray());
                    for (int t; (t = s.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) value = s.readDouble();
                        else if (WireFormat.getTagFieldNumber(t) == 2) ts = s.readInt64();
                        else throw new IOException("unexpected Sample field");
                    }
                }
                case 4 -> {
                    samples++;
                    histogram = histogram(CodedInputStream.newInstance(in.readByteArray()));
                }
                default -> throw new IOException("unexpected TimeSeries field " + WireFormat.getTagFieldNumber(tag));
            }
        }
        if (samples != 1) throw new IOException(samples + " samples in one series");
        return new Series(labels, value, histogram == null ? ts : histogram.timestampMillis(), histogram);
    }

    private static NativeHistogram histogram(CodedInputStream in) throws IOException {
        long count = -1, zeroCount = -1, ts = -1;
        double sum = Double.NaN, zeroThreshold = Double.NaN;
        int schema = Integer.MIN_VALUE;
        List<int[]> spans = new ArrayList<>();
        List<Long> deltas = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> count = in.readUInt64();
                case 3 -> sum = in.readDouble();
                case 4 -> schema = in.readSInt32();
                case 5 -> zeroThreshold = in.readDouble();
                case 6 -> zeroCount = in.readUInt64();
                case 11 -> {
                    CodedInputStream span = CodedInputStream.newInstance(in.readByteArray());
                    int offset = 0, length = 0;
                    for (int t; (t = span.readTag()) != 0; ) {
                        if (WireFormat.getTagFieldNumber(t) == 1) offset = span.readSInt32();
                        else if (WireFormat.getTagFieldNumber(t) == 2) length = span.readUInt32();
                        else throw new IOException("unexpected BucketSpan field");
                    }
                    spans.add(new int[]{offset, length});
                }
                case 12 -> {
                    CodedInputStream packed = CodedInputStream.newInstance(in.readByteArray());
                    while (!packed.isAtEnd()) deltas.add(packed.readSInt64());
                }
                case 15 -> ts = in.readInt64();
                default -> throw new IOException("unexpected Histogram field " + WireFormat.getTagFieldNumber(tag));
            }
        }
        Map<Integer, Long> buckets = new LinkedHashMap<>();
        int index = 0, d = 0;
        long current = 0;
        for (int s = 0; s < spans.size(); s++) {
            index += spans.get(s)[0] + (s == 0 ? 0 : 1);
            for (int i = 0; i < spans.get(s)[1]; i++, index++) {
                current += deltas.get(d++);
                buckets.put(index, current);
            }
            index--;
        }
        if (d != deltas.size()) throw new IOException("spans cover " + d + " buckets, " + deltas.size() + " deltas");
        return new NativeHistogram(count, sum, schema, zeroThreshold, zeroCount, buckets, ts);
    }

    private static Metadata metadata(CodedInputStream in) throws IOException {
        int type = -1;
        String family = null, help = "", unit = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> type = in.readEnum();
                case 2 -> family = in.readString();
                case 4 -> help = in.readString();
                case 5 -> unit = in.readString();
                default -> throw new IOException("unexpected MetricMetadata field");
            }
        }
        return new Metadata(type, family, help, unit);
    }
}
