package io.headroom.report;

import io.headroom.core.result.RunResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads the machine-readable run summary, schema {@value #SCHEMA} (documented field by field
 * in {@code docs/summary-format.md}). Trends carry their HDR histograms, so a summary read back is equal
 * to the {@link RunResult} written, and later reports, comparisons and merges are exact. Output is
 * deterministic (fixed key order, sorted tags and metadata). The entry point: {@link JsonSummaryWriter} writes,
 * {@link JsonSummaryReader} reads. Stateless and thread-safe.
 */
public final class JsonSummary implements ReportFormat {
    /** The schema id written into every summary and the only one {@link #read} accepts. */
    public static final String SCHEMA = SummarySchema.ID;

    /** The format; {@link ReportFormats#of} hands it out. */
    JsonSummary() {}

    @Override
    public void write(RunReport report, OutputStream out) throws IOException {
        JsonSummaryWriter.write(report.result(), out);
    }

    /**
     * Writes the summary to {@code file} by {@link OutputFile}: a regular file is replaced by a rename, so a reader
     * never sees half a summary; a device or FIFO is written through, never replaced.
     */
    public static void write(RunResult result, Path file) throws IOException {
        OutputFile.write(file, null, out -> write(result, out));
    }

    /** Writes the summary as UTF-8 JSON to {@code out}, ending with a newline; flushes but does not close it. */
    public static void write(RunResult result, OutputStream out) throws IOException {
        JsonSummaryWriter.write(result, out);
    }

    /** The summary as a JSON string. */
    public static String toJson(RunResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(result, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Reads a summary written by {@link #write}.
     *
     * @throws SummaryFormatException when the file is not a summary of schema {@value #SCHEMA}; the
     *                                message names the file and what was wrong
     * @throws IOException            when the file cannot be read
     */
    public static RunResult read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a summary from {@code in}; {@code source} names it in error messages (a file name or URL). */
    public static RunResult read(InputStream in, String source) throws IOException {
        return JsonSummaryReader.read(in, source);
    }
}
