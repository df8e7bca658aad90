package io.headroom.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Makes the {@link ReportFormat} of each file type, so callers pick a format by its type and know no
 * format class. The console summary, which takes options, is made with its constructor. Thread-safe.
 */
public final class ReportFormats {
    private ReportFormats() {}

    /** The file formats a run can be written in. */
    public enum Type { HTML, JUNIT, CSV, MARKDOWN, JSON }

    /** The format of {@code type}. */
    public static ReportFormat of(Type type) {
        return switch (type) {
            case HTML -> new HtmlReport();
            case JUNIT -> new JunitReport();
            case CSV -> new CsvIntervals();
            case MARKDOWN -> new MarkdownSummary();
            case JSON -> new JsonSummary();
        };
    }

    /** Writes {@code report} in {@code type} to {@code file} by {@link OutputFile} ({@code -} is {@link System#out}). */
    public static void write(Type type, RunReport report, Path file) throws IOException {
        write(type, report, file, null);
    }

    /**
     * Writes {@code report} in {@code type} to {@code file} by {@link OutputFile}: a regular file is replaced whole
     * or not at all, a device or FIFO written through; {@code -} goes to {@code stdout} (null: {@link System#out}).
     */
    public static void write(Type type, RunReport report, Path file, OutputStream stdout) throws IOException {
        ReportFormat format = of(type);
        OutputFile.write(file, stdout, out -> format.write(report, out));
    }
}
