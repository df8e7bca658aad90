package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.report.OutputFile;
import io.headroom.report.ResultsIndex;
import io.headroom.report.UnwritableOutputException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code run}'s results history: every run adds its summary and an index entry to the results folder
 * ({@link ResultsIndex}), so that {@code compare --baseline} and {@code trend} find earlier runs without file
 * names. A picocli mixin; {@code --no-history} turns it off.
 */
final class HistoryOptions {
    /** How many runs the index keeps when {@code --keep-runs} is not given. */
    static final int DEFAULT_KEEP_RUNS = 200;

    @Mixin
    ResultsDirOption dir;

    @Option(names = "--no-history", description = "Do not add this run to the results index.")
    boolean noHistory;

    @Option(names = "--keep-runs", paramLabel = "N", defaultValue = "" + DEFAULT_KEEP_RUNS,
            description = "Runs the results index keeps; older ones and their summaries are deleted (default: ${DEFAULT-VALUE}).")
    int keepRuns;

    /**
     * Before any load: the folder this run will be kept in, or null when none. A folder the user named that cannot
     * take a file is a usage error (exit 2); the default folder that cannot is a warning, and the run is not kept.
     */
    ResultsIndex check(PrintWriter err) {
        if (noHistory) return null;
        if (keepRuns < 1) throw new UsageException("--keep-runs must be at least 1, got " + keepRuns);
        ResultsIndex index = dir.index();
        try {
            OutputFile.check(index.indexFile());
            return index;
        } catch (UnwritableOutputException e) {
            if (dir.named()) throw new UsageException("--results-dir " + e.getMessage() + " (or pass --no-history)");
            ResultsDirOption.warn(err, "this run will not be kept in the results index: " + e.getMessage()
                    + " (pass --results-dir DIR, or --no-history to silence this)");
            return null;
        }
    }

    /**
     * Adds {@code result} to {@code index}, telling {@code human} where it went. A failure is a warning on
     * {@code err}: the outputs the user asked for were written, and the run's verdict stands.
     */
    void append(ResultsIndex index, RunResult result, int exitCode, PrintWriter human, PrintWriter err) {
        try {
            ResultsIndex.Appended a = index.append(result, exitCode, keepRuns, w -> ResultsDirOption.warn(err, w));
            human.println("run " + a.entry().runId() + " kept in the results index " + relative(index.indexFile())
                    + (a.pruned() > 0 ? " (" + a.pruned() + " oldest run" + (a.pruned() == 1 ? "" : "s") + " pruned, --keep-runs "
                    + keepRuns + ")" : ""));
            human.flush();
        } catch (IOException | RuntimeException e) {
            ResultsDirOption.warn(err, "this run was not added to the results index " + index.indexFile() + ": " + e.getMessage());
        }
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
