package io.headroom.report;

import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.result.RunResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-second interval series as CSV (RFC 4180, header row, {@code \n} line ends): one row per series and
 * second, columns {@code offset_ms,metric,kind,tags,count,sum,last,min,p50,p95,p99,max}; time values in
 * milliseconds; tags as {@code key=value} pairs joined by {@code ;} in key order, secrets redacted.
 * Stateless and thread-safe.
 */
public final class CsvIntervals implements ReportFormat {
    /** The header row. */
    public static final String HEADER = "offset_ms,metric,kind,tags,count,sum,last,min,p50,p95,p99,max";

    /** The format; {@link ReportFormats#of} hands it out. */
    CsvIntervals() {}

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(report.result(), writer);
        writer.flush();
    }

    /** The CSV text. */
    public static String render(RunResult result) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            write(result, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the CSV to {@code file} by {@link OutputFile}: whole or not at all. */
    public static void write(RunResult result, Path file) throws IOException {
        OutputFile.write(file, null, bytes -> {
            Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
            write(result, out);
            out.flush();
        });
    }

    private static void write(RunResult result, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder row = new StringBuilder(160);
        for (IntervalPoint p : result.intervals()) {
            for (IntervalPoint.Series s : p.series()) {
                row.setLength(0);
                row.append(p.offsetMillis()).append(',').append(field(s.metric())).append(',')
                        .append(s.kind().name().toLowerCase(Locale.ROOT)).append(',').append(field(tags(s.tags().asMap())));
                for (double v : new double[] {s.count(), s.sum(), s.last(), s.min(), s.p50(), s.p95(), s.p99(), s.max()}) {
                    row.append(',').append(number(v));
                }
                row.append('\n');
                out.write(row.toString());
            }
        }
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(tags).entrySet()) {
            if (!sb.isEmpty()) sb.append(';');
            sb.append(e.getKey()).append('=').append(Redaction.text(e.getValue()));
        }
        return sb.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** Quotes a field when it holds a comma, quote or line break, doubling quotes (RFC 4180). */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
