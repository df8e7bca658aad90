package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.ReportFinding;
import io.headroom.report.ReportFormats;
import io.headroom.report.ReportSection;
import io.headroom.report.RunReport;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report here.")
    Path htmlFile;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write JUnit XML here: one test case per threshold and per check, for CI.")
    Path junitFile;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the per-second series as CSV here.")
    Path csvFile;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Write the summary as markdown here (for a pull-request comment).")
    Path markdownFile;

    @Option(names = "--redact", paramLabel = "NAME",
            description = "Also hide the value of this header or query parameter in every output"
                    + " (Authorization, Cookie, Set-Cookie, Proxy-Authorization and URL credentials always are). Repeatable.")
    List<String> redactNames = new ArrayList<>();

    /** The extra header and query parameter names to redact. */
    Set<String> redactNames() {
        return Set.copyOf(redactNames);
    }

    private Map<String, Path> requested() {
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
        requested().forEach((option, file) -> checkWritable(option, file));
    }

    static void checkWritable(String option, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UsageException("cannot create the folder for " + file + ": " + e.getMessage());
            }
        }
        if (Files.isDirectory(file)) throw new UsageException(file + " is a directory; " + option + " needs a file name");
    }

    /**
     * Writes every requested file and names each on {@code out}; a file that cannot be written is reported
     * on {@code err} and the others are still written. Returns false when any failed.
     */
    boolean write(RunResult result, PrintWriter out, PrintWriter err) {
        return write(result, List.of(), List.of(), out, err);
    }

    /** As {@link #write(RunResult, PrintWriter, PrintWriter)}, the HTML report with {@code findings} and {@code sections}. */
    boolean write(RunResult result, List<ReportFinding> findings, List<ReportSection> sections, PrintWriter out,
                  PrintWriter err) {
        List<String> failed = new ArrayList<>();
        // One report for every file, built once. Only the HTML shows findings and sections: the run's diagnosis
        // first, then what watching the target found; a stepped or ramping run's capacity chart first of the sections.
        RunReport plain = null;
        RunReport full = null;
        for (Map.Entry<String, Path> e : requested().entrySet()) {
            Path file = e.getValue();
            ReportFormats.Type type = switch (e.getKey()) {
                case "--html" -> ReportFormats.Type.HTML;
                case "--junit" -> ReportFormats.Type.JUNIT;
                case "--csv" -> ReportFormats.Type.CSV;
                default -> ReportFormats.Type.MARKDOWN;
            };
            try {
                RunReport report;
                if (type == ReportFormats.Type.HTML) {
                    if (full == null) full = RunReport.of(result, concat(ReportFindings.of(result), findings), withCapacity(result, sections));
                    report = full;
                } else {
                    if (plain == null) plain = RunReport.of(result);
                    report = plain;
                }
                ReportFormats.write(type, report, file);
                out.println(label(e.getKey()) + " written to " + file);
            } catch (IOException | RuntimeException ex) {
                err.println("headroom: could not write " + file + " (" + e.getKey() + "): " + ex.getMessage());
                failed.add(e.getKey());
            }
        }
        out.flush();
        err.flush();
        return failed.isEmpty();
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
