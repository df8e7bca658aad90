package io.headroom.cli;

import io.headroom.analysis.history.HistoryEntry;
import io.headroom.report.ResultsIndex;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --results-dir DIR}: where the results index lives; a picocli mixin of {@code run}, {@code compare} and
 * {@code trend}. Without it: {@code $HEADROOM_RESULTS_DIR}, else {@value #DEFAULT_DIR} in the working directory.
 */
final class ResultsDirOption {
    /** The results folder when neither the option nor {@value #ENV} names one. */
    static final String DEFAULT_DIR = ".headroom/results";
    /** The environment variable that moves the default results folder (for CI, or a shared folder). */
    static final String ENV = "HEADROOM_RESULTS_DIR";

    @Option(names = "--results-dir", paramLabel = "DIR", description = "The results folder: index.json and one summary"
            + " per run (default: $" + ENV + ", else " + DEFAULT_DIR + " in the working directory).")
    Path resultsDir;

    /** True when the user named the folder (option or environment), so a folder that cannot be written is their error. */
    boolean named() {
        return resultsDir != null || System.getenv(ENV) != null;
    }

    ResultsIndex index() {
        if (resultsDir != null) return new ResultsIndex(resultsDir);
        String env = System.getenv(ENV);
        return new ResultsIndex(Path.of(env != null && !env.isBlank() ? env : DEFAULT_DIR));
    }

    /** The index's runs, oldest first; a folder that cannot be read is a usage error. Warnings go to {@code err}. */
    List<HistoryEntry> read(PrintWriter err) {
        ResultsIndex index = index();
        try {
            return index.read(w -> warn(err, w));
        } catch (IOException e) {
            throw new UsageException(index.indexFile() + ": cannot read the results index: " + e.getMessage());
        }
    }

    static void warn(PrintWriter err, String warning) {
        err.println("headroom: WARNING: " + warning);
        err.flush();
    }
}
