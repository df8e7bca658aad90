package io.headroom.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One output format of a run: it draws a {@link RunReport} and knows no other format. Writers of text write
 * UTF-8. Implementations are stateless and thread-safe; {@link ReportFormats} makes them.
 */
public interface ReportFormat {
    /** Writes {@code report} to {@code out}; flushes but does not close it. */
    void write(RunReport report, OutputStream out) throws IOException;
}
