package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.OutputFile;
import io.headroom.report.ReportBaseline;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportFindings;
import io.headroom.report.ReportFormat;
import io.headroom.report.ReportFormats;
import io.headroom.report.ReportSection;
import io.headroom.report.RunReport;
import io.headroom.report.UnwritableOutputException;
import io.headroom.report.section.CapacitySection;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report files a command can write besides the JSON summary ({@code --html}, {@code --junit},
 * {@code --csv}, {@code --markdown}); a picocli mixin shared by {@code run} and {@code report}. Each file is
 * written from the {@link RunResult} alone. Not thread-safe (picocli fills it once per command).
 */
final class ReportOutputs {
    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report here (- for stdout).")
    Path htmlFile;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write JUnit XML here: one test case per threshold and per check, for CI (- for stdout).")
    Path junitFile;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-second series as CSV here (- for stdout).")
    Path csvFile;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Write the summary as markdown here, for a pull-request comment (- for stdout).")
    Path markdownFile;

    @Option(names = "--redact", paramLabel = "NAME",
            description = "Also hide the value of this header or query parameter in every output"
                    + " (Authorization, Cookie, Set-Cookie, Proxy-Authorization and URL credentials always are). Repeatable.")
    List<String> redactNames = new ArrayList<>();

    /** The extra header and query parameter names to redact. */
    Set<String> redactNames() {
        return Set.copyOf(redactNames);
    }

    /** The report files asked for, by option name, in the order they are written. */
    Map<String, Path> requested() {
        Map<String, Path> files = new LinkedHashMap<>();
        if (htmlFile != null) files.put("--html", htmlFile);
        if (junitFile != null) files.put("--junit", junitFile);
        if (csvFile != null) files.put("--csv", csvFile);
        if (markdownFile != null) files.put("--markdown", markdownFile);
        return files;
    }

    boolean any() {
        return !requested().isEmpty();
    }

    /** Fails before a run, not after it, when a report file could not be written. */
    void checkWritable() {
        checkAll(requested());
    }

    /** As {@link #checkAll}, one file. */
    static void checkWritable(String option, Path file) {
        checkAll(Map.of(option, file));
    }

    /**
     * Checks every output before anything is sent (exit 2 naming the option and the path): the folder must take a
     * new file, the path must not be a directory, a block device or a socket ({@link OutputFile#check}), and no two
     * options may name one file or both standard output (the second would overwrite or interleave the first).
     */
    static void checkAll(Map<String, Path> files) {
        Map<Path, String> seen = new HashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String option = e.getKey();
            Path file = e.getValue();
            try {
                OutputFile.check(file);
            } catch (UnwritableOutputException ex) {
                throw new UsageException(option + " " + ex.getMessage());
            }
            Path key = OutputFile.isStdout(file) ? Path.of(OutputFile.STDOUT) : file.toAbsolutePath().normalize();
            // /dev/null (or another device) may take several outputs; a file or stdout only one.
            boolean shareable = !OutputFile.isStdout(file) && Files.exists(key) && !Files.isRegularFile(key);
            String before = shareable ? null : seen.putIfAbsent(key, option);
            if (before != null) {
                throw new UsageException(option + " " + file + ": " + before + " already writes "
                        + (OutputFile.isStdout(file) ? "to standard output" : "there") + "; give each output its own file");
            }
        }
    }

    /** True when one of {@code files} is standard output; the human summary then goes to stderr. */
    static boolean takesStdout(Map<String, Path> files) {
        return files.values().stream().anyMatch(OutputFile::isStdout);
    }

    /**
     * Writes every requested file (the HTML report with {@code findings} and {@code sections}) and names each on
     * {@code human}; a file that cannot be written is reported on {@code err} and the others are still written.
     * Returns false when any failed. {@code -} goes to {@code stdout}.
     */
    boolean write(RunResult result, List<ReportFinding> findings, List<ReportSection> sections, PrintWriter stdout,
                  PrintWriter human, PrintWriter err) {
        return write(result, findings, sections, null, stdout, human, err);
    }

    /** As {@link #write(RunResult, List, List, PrintWriter, PrintWriter, PrintWriter)}, the HTML with {@code baseline} (nullable). */
    boolean write(RunResult result, List<ReportFinding> findings, List<ReportSection> sections, ReportBaseline baseline,
                  PrintWriter stdout, PrintWriter human, PrintWriter err) {
        boolean allWritten = true;
        // One report for every file, built once. Only the HTML shows findings and sections: the run's diagnosis
        // first, then what watching the target found; a stepped or ramping run's capacity chart first of the sections.
        RunReport plain = null;
        RunReport full = null;
        for (Map.Entry<String, Path> e : requested().entrySet()) {
            ReportFormats.Type type = switch (e.getKey()) {
                case "--html" -> ReportFormats.Type.HTML;
                case "--junit" -> ReportFormats.Type.JUNIT;
                case "--csv" -> ReportFormats.Type.CSV;
                default -> ReportFormats.Type.MARKDOWN;
            };
            RunReport report;
            try {
                if (type == ReportFormats.Type.HTML) {
                    if (full == null) {
                        full = RunReport.of(result, concat(ReportFindings.of(result), findings), withCapacity(result, sections))
                                .withBaseline(baseline);
                    }
                    report = full;
                } else {
                    if (plain == null) plain = RunReport.of(result);
                    report = plain;
                }
            } catch (RuntimeException ex) {
                err.println("headroom: could not write " + e.getValue() + " (" + e.getKey() + "): " + ex);
                allWritten = false;
                continue;
            }
            ReportFormat format = ReportFormats.of(type);
            RunReport chosen = report;
            allWritten &= writeOne(e.getKey(), e.getValue(), label(e.getKey()), out -> format.write(chosen, out),
                    stdout, human, err);
        }
        return allWritten;
    }

    /**
     * Writes one output by {@link OutputFile} ({@code -}: to {@code stdout}) and says so on {@code human}; a failure
     * is said on {@code err}, naming the option, the file and the reason. Returns false when it failed.
     */
    static boolean writeOne(String option, Path file, String label, OutputFile.Content content, PrintWriter stdout,
                            PrintWriter human, PrintWriter err) {
        try {
            OutputFile.write(file, new StdoutBytes(stdout), content);
            if (stdout.checkError()) throw new IOException("standard output is closed");
            if (!OutputFile.isStdout(file)) human.println(label + " written to " + file);
            human.flush();
            return true;
        } catch (IOException | RuntimeException ex) {
            String reason = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println("headroom: could not write " + file + " (" + option + "): " + reason
                    + (Files.isRegularFile(file) ? " (the file keeps its old content)" : ""));
            err.flush();
            return false;
        }
    }

    /**
     * The bytes of an output that goes to standard output, handed to the command's writer on flush (every format
     * flushes once, at its end, so a UTF-8 sequence is never split), so it stays in order with what else the command
     * prints there.
     */
    private static final class StdoutBytes extends ByteArrayOutputStream {
        private final PrintWriter out;

        StdoutBytes(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void flush() {
            if (size() == 0) return;
            out.print(toString(StandardCharsets.UTF_8));
            out.flush();
            reset();
        }
    }

    private static String label(String option) {
        return switch (option) {
            case "--html" -> "HTML report";
            case "--junit" -> "JUnit XML";
            case "--csv" -> "interval CSV";
            default -> "markdown summary";
        };
    }

    /** A stepped or ramping run gets the capacity chart before the other sections. */
    private static List<ReportSection> withCapacity(RunResult result, List<ReportSection> sections) {
        List<ReportSection> all = new ArrayList<>();
        CapacitySection.forRun(result).ifPresent(all::add);
        all.addAll(sections);
        return all;
    }

    private static List<ReportFinding> concat(List<ReportFinding> first, List<ReportFinding> second) {
        List<ReportFinding> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
