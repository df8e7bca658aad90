package io.headroom.output.remotewrite;

import com.google.protobuf.CodedOutputStream;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

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
 * {@code _sum}. Each series also gets {@code extraLabel} unless it has a label of that name already. Stateless.
 *
 * <p>Field numbers from {@code prompb/remote.proto} and {@code prompb/types.proto}: WriteRequest{timeseries=1,
 * metadata=3}, TimeSeries{labels=1, samples=2}, Label{name=1, value=2}, Sample{value=1, timestamp=2},
 * MetricMetadata{type=1, metric_family_name=2, help=4, unit=5}.
 */
final class WriteRequestEncoder {
    // MetricMetadata.MetricType
    private static final int COUNTER = 1;
    private static final int GAUGE = 2;
    private static final int HISTOGRAM = 3;

    private WriteRequestEncoder() {}

    /** The WriteRequest bytes of {@code snapshots} at {@code timestampMillis}. */
    static byte[] encode(MetricSnapshots snapshots, long timestampMillis, String extraLabelName, String extraLabelValue) {
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
                        case HistogramSnapshot h -> histogram(out, name, labels,
                                (HistogramSnapshot.HistogramDataPointSnapshot) p, timestampMillis);
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
        List<String[]> all = new ArrayList<>(labels.size() + 2);
        all.addAll(labels);
        all.add(new String[]{"__name__", name});
        if (extraName != null) all.add(new String[]{extraName, extraValue});
        // byte order of the names, as Prometheus sorts them (names are ASCII)
        all.sort((a, b) -> a[0].compareTo(b[0]));
        int size = 0;
        for (String[] l : all) size += lengthDelimitedSize(1, labelSize(l));
        int sampleSize = CodedOutputStream.computeDoubleSize(1, value) + CodedOutputStream.computeInt64Size(2, ts);
        size += lengthDelimitedSize(2, sampleSize);
        out.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        for (String[] l : all) {
            out.writeTag(1, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(labelSize(l));
            out.writeString(1, l[0]);
            out.writeString(2, l[1]);
        }
        out.writeTag(2, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(sampleSize);
        out.writeDouble(1, value);
        out.writeInt64(2, ts);
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
        out.writeTag(3, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
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
