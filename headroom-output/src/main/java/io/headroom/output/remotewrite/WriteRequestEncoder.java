package io.headroom.output.remotewrite;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote-write 1.0 {@code prometheus.WriteRequest} of one batch, as protobuf bytes (before snappy): one
 * {@code TimeSeries} per sample with its labels sorted by name ({@code __name__} among them) and one sample at
 * {@code timestampMillis}, plus a {@code MetricMetadata} per family (type, help, unit). The names are the pull
 * endpoint's, as the text format writes them: counters {@code <name>_total}, histograms {@code <name>_bucket} with
 * cumulative counts by {@code le} (formatted as the text format does, {@code +Inf} last), {@code _count} and
 * {@code _sum}. With {@code nativeHistograms}, a trend whose data point holds native buckets is also sent as one
 * native histogram under its base name ({@code headroom_http_req_duration_seconds}): the classic series stay, so
 * queries on {@code _bucket} keep working beside {@code histogram_quantile} over the native one. Each series also
 * gets {@code extraLabel} unless it has a label of that name already. Stateless.
 *
 * <p>Field numbers from {@code prompb/remote.proto} and {@code prompb/types.proto}: WriteRequest{timeseries=1,
 * metadata=3}, TimeSeries{labels=1, samples=2}, Label{name=1, value=2}, Sample{value=1, timestamp=2},
 * MetricMetadata{type=1, metric_family_name=2, help=4, unit=5}; TimeSeries{histograms=4}, Histogram{count_int=1, sum=3,
 * schema=4 (sint32), zero_threshold=5, zero_count_int=6, positive_spans=11, positive_deltas=12 (packed sint64),
 * timestamp=15}, BucketSpan{offset=1 (sint32), length=2}.
 */
final class WriteRequestEncoder {
    // MetricMetadata.MetricType
    private static final int COUNTER = 1;
    private static final int GAUGE = 2;
    private static final int HISTOGRAM = 3;

    private WriteRequestEncoder() {}

    /** The WriteRequest bytes of {@code snapshots} at {@code timestampMillis}. */
    static byte[] encode(MetricSnapshots snapshots, long timestampMillis, String extraLabelName, String extraLabelValue) {
        return encode(snapshots, timestampMillis, extraLabelName, extraLabelValue, false);
    }

    /** As above; with {@code nativeHistograms}, each native-bucketed trend as a native histogram too. */
    static byte[] encode(MetricSnapshots snapshots, long timestampMillis, String extraLabelName, String extraLabelValue,
                         boolean nativeHistograms) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            for (MetricSnapshot m : snapshots) {
                String name = m.getMetadata().getPrometheusName();
                for (DataPointSnapshot p : m.getDataPoints()) {
                    List<String[]> labels = labels(p, extraLabelName, extraLabelValue);
                    switch (m) {
                        case CounterSnapshot c -> series(out, name + "_total", labels, null, null,
                                ((CounterSnapshot.CounterDataPointSnapshot) p).getValue(), timestampMillis);
                        case GaugeSnapshot g -> series(out, name, labels, null, null,
                                ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue(), timestampMillis);
                        case HistogramSnapshot h -> {
                            var point = (HistogramSnapshot.HistogramDataPointSnapshot) p;
                            histogram(out, name, labels, point, timestampMillis);
                            if (nativeHistograms && point.hasNativeHistogramData()) nativeHistogram(out, name, labels, point, timestampMillis);
                        }
                        default -> { } // the series model makes no other kind
                    }
                }
            }
            for (MetricSnapshot m : snapshots) metadata(out, m);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Formats a bucket bound as the Prometheus text format does ({@code 7.0E-4}, {@code 0.001}, {@code +Inf}). */
    static String le(double bound) {
        if (bound == Double.POSITIVE_INFINITY) return "+Inf";
        return Double.toString(bound);
    }

    private static void histogram(CodedOutputStream out, String name, List<String[]> labels,
                                  HistogramSnapshot.HistogramDataPointSnapshot p, long ts) throws IOException {
        ClassicHistogramBuckets buckets = p.getClassicBuckets();
        long cumulative = 0;
        for (int i = 0; i < buckets.size(); i++) {
            cumulative += buckets.getCount(i);
            series(out, name + "_bucket", labels, "le", le(buckets.getUpperBound(i)), cumulative, ts);
        }
        series(out, name + "_count", labels, null, null, cumulative, ts);
        if (p.hasSum()) series(out, name + "_sum", labels, null, null, p.getSum(), ts);
    }

    /** One TimeSeries holding one native histogram: cumulative counts, spans of adjacent buckets, deltas. */
    private static void nativeHistogram(CodedOutputStream out, String name, List<String[]> labels,
                                        HistogramSnapshot.HistogramDataPointSnapshot p, long ts) throws IOException {
        List<String[]> all = sortedWithName(labels, name);
        NativeHistogramBuckets buckets = p.getNativeBucketsForPositiveValues();
        long count = p.getNativeZeroCount();
        List<int[]> spans = new ArrayList<>(); // {offset, length}
        long[] deltas = new long[buckets.size()];
        long previousCount = 0;
        int previousIndex = 0;
        for (int i = 0; i < buckets.size(); i++) {
            int index = buckets.getBucketIndex(i);
            if (i == 0) spans.add(new int[]{index, 1});
            else if (index == previousIndex + 1) spans.getLast()[1]++;
            else spans.add(new int[]{index - previousIndex - 1, 1});
            deltas[i] = buckets.getCount(i) - previousCount;
            previousCount = buckets.getCount(i);
            previousIndex = index;
            count += buckets.getCount(i);
        }
        int deltasSize = 0;
        for (long d : deltas) deltasSize += CodedOutputStream.computeSInt64SizeNoTag(d);
        int histogramSize = CodedOutputStream.computeUInt64Size(1, count) + CodedOutputStream.computeDoubleSize(3, p.getSum())
                + CodedOutputStream.computeSInt32Size(4, p.getNativeSchema())
                + CodedOutputStream.computeDoubleSize(5, p.getNativeZeroThreshold())
                + CodedOutputStream.computeUInt64Size(6, p.getNativeZeroCount())
                + (deltas.length == 0 ? 0 : lengthDelimitedSize(12, deltasSize))
                + CodedOutputStream.computeInt64Size(15, ts);
        for (int[] span : spans) histogramSize += lengthDelimitedSize(11, spanSize(span));
        int size = lengthDelimitedSize(4, histogramSize);
        for (String[] l : all) size += lengthDelimitedSize(1, labelSize(l));
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        writeLabels(out, all);
        out.writeTag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(histogramSize);
        out.writeUInt64(1, count);
        out.writeDouble(3, p.getSum());
        out.writeSInt32(4, p.getNativeSchema());
        out.writeDouble(5, p.getNativeZeroThreshold());
        out.writeUInt64(6, p.getNativeZeroCount());
        for (int[] span : spans) {
            out.writeTag(11, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(spanSize(span));
            out.writeSInt32(1, span[0]);
            out.writeUInt32(2, span[1]);
        }
        if (deltas.length > 0) {
            out.writeTag(12, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(deltasSize);
            for (long d : deltas) out.writeSInt64NoTag(d);
        }
        out.writeInt64(15, ts);
    }

    private static int spanSize(int[] span) {
        return CodedOutputStream.computeSInt32Size(1, span[0]) + CodedOutputStream.computeUInt32Size(2, span[1]);
    }

    private static List<String[]> labels(DataPointSnapshot p, String extraName, String extraValue) {
        List<String[]> labels = new ArrayList<>(p.getLabels().size() + 1);
        boolean hasExtra = false;
        for (Label l : p.getLabels()) {
            if (l.getValue().isEmpty()) continue; // Prometheus reads an empty label as no label
            labels.add(new String[]{l.getName(), l.getValue()});
            hasExtra |= l.getName().equals(extraName);
        }
        if (!hasExtra && extraName != null) labels.add(new String[]{extraName, extraValue});
        return labels;
    }

    /** One TimeSeries: its labels with {@code __name__} (and {@code le}) sorted by name, and one sample. */
    private static void series(CodedOutputStream out, String name, List<String[]> labels, String extraName,
                               String extraValue, double value, long ts) throws IOException {
        List<String[]> all = sortedWithName(labels, name);
        if (extraName != null) {
            all.add(new String[]{extraName, extraValue});
            all.sort((a, b) -> a[0].compareTo(b[0]));
        }
        int size = 0;
        for (String[] l : all) size += lengthDelimitedSize(1, labelSize(l));
        int sampleSize = CodedOutputStream.computeDoubleSize(1, value) + CodedOutputStream.computeInt64Size(2, ts);
        size += lengthDelimitedSize(2, sampleSize);
        out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        writeLabels(out, all);
        out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(sampleSize);
        out.writeDouble(1, value);
        out.writeInt64(2, ts);
    }

    /** The labels and {@code __name__}, sorted by name in byte order as Prometheus sorts them (names are ASCII). */
    private static List<String[]> sortedWithName(List<String[]> labels, String name) {
        List<String[]> all = new ArrayList<>(labels.size() + 2);
        all.addAll(labels);
        all.add(new String[]{"__name__", name});
        all.sort((a, b) -> a[0].compareTo(b[0]));
        return all;
    }

    private static void writeLabels(CodedOutputStream out, List<String[]> labels) throws IOException {
        for (String[] l : labels) {
            out.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(labelSize(l));
            out.writeString(1, l[0]);
            out.writeString(2, l[1]);
        }
    }

    private static void metadata(CodedOutputStream out, MetricSnapshot m) throws IOException {
        int type = switch (m) {
            case CounterSnapshot c -> COUNTER;
            case HistogramSnapshot h -> HISTOGRAM;
            default -> GAUGE;
        };
        String family = m.getMetadata().getPrometheusName();
        String help = m.getMetadata().getHelp() == null ? "" : m.getMetadata().getHelp();
        String unit = m.getMetadata().getUnit() == null ? "" : m.getMetadata().getUnit().toString();
        int size = CodedOutputStream.computeEnumSize(1, type) + CodedOutputStream.computeStringSize(2, family)
                + (help.isEmpty() ? 0 : CodedOutputStream.computeStringSize(4, help))
                + (unit.isEmpty() ? 0 : CodedOutputStream.computeStringSize(5, unit));
        out.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        out.writeEnum(1, type);
        out.writeString(2, family);
        if (!help.isEmpty()) out.writeString(4, help);
        if (!unit.isEmpty()) out.writeString(5, unit);
    }

    private static int labelSize(String[] l) {
        return CodedOutputStream.computeStringSize(1, l[0]) + CodedOutputStream.computeStringSize(2, l[1]);
    }

    private static int lengthDelimitedSize(int field, int length) {
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
    }
}
