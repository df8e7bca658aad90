package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;
import io.headroom.report.OutputFile;
import io.headroom.report.SummaryFormatException;
import io.headroom.report.UnwritableOutputException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reading summaries and writing outputs for the analysis commands, with user-facing messages instead of stack traces. */
final class SummaryFiles {
    private SummaryFiles() {}

    /**
     * Reads a {@code headroom.summary/1} file for an analysis command; a missing, unreadable or corrupt file is a
     * usage error (exit 2) naming the file and the field. So is a summary without a duration ({@code durationNanos:
     * null}, which the schema allows for results not measured by a run): every rate these commands compute divides
     * by it.
     */
    static RunResult read(Path file) {
        try {
            RunResult result = JsonSummary.read(file);
            if (result.info().duration() == null) {
                throw new UsageException(file + ": run.durationNanos: is null, but comparing, diagnosing and capacity"
                        + " need the run's duration (every rate divides by it); use the summary of a run that finished");
            }
            return result;
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file (write one with 'headroom run PLAN --json " + file + "')");
        } catch (SummaryFormatException e) {
            // Already "file: field: problem"; the exit code mapper prints it as it is (exit 2).
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Writes {@code text} as UTF-8 by {@link OutputFile} (whole or not at all; a device written through; parent
     * folders created), for {@code option}. A path that cannot take a file is a usage error (exit 2); a write that
     * fails midway is reported on {@code err} and returns false (the caller exits 97).
     */
    static boolean write(String option, Path file, String text, PrintWriter out, PrintWriter err) {
        try {
            OutputFile.check(file);
        } catch (UnwritableOutputException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
        return ReportOutputs.writeOne(option, file, "", o -> o.write(text.getBytes(StandardCharsets.UTF_8)), out,
                new PrintWriter(Writer.nullWriter()), err);
    }

    /**
     * A fraction from "10%", "10 %" or "0.1" (for {@code option}'s error message); percentages above
     * 1 without a sign are read as percent ("10" = 10 %).
     */
    static double fraction(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean percent = t.endsWith("%");
        if (percent) t = t.substring(0, t.length() - 1).trim();
        try {
            double v = Double.parseDouble(t);
            if (!(v >= 0) || Double.isInfinite(v)) throw new NumberFormatException();
            return percent || v > 1 ? v / 100 : v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected a percentage like 10% or a fraction like 0.1, got \"" + text + "\"");
        }
    }
}
