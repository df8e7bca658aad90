package io.headroom.cli;

import io.headroom.analysis.history.Baseline;
import io.headroom.analysis.history.BaselineChoice;
import io.headroom.analysis.history.BaselineSelection;
import io.headroom.analysis.history.HistoryEntry;
import io.headroom.core.result.RunResult;
import io.headroom.report.ResultsIndex;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code compare --baseline previous|best|median-of-5 [CURRENT]}: finds the two summaries to compare in the results
 * index. CURRENT is a run id of the index, a summary file (in the index or not), or, when omitted, the latest run.
 * The choice ({@link BaselineSelection}) and every run it skipped are told on {@code err}; no baseline is a usage
 * error (exit 2) that says what the index holds.
 */
final class HistoryBaselines {
    private HistoryBaselines() {}

    /** The baseline summary and the summary to judge. */
    record Pair(Path before, Path after) {}

    static Pair resolve(ResultsDirOption dir, String baselineText, Path currentArg, PrintWriter err) {
        Baseline how;
        try {
            how = Baseline.parse(baselineText);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--baseline: " + e.getMessage());
        }
        ResultsIndex index = dir.index();
        List<HistoryEntry> history = dir.read(err);
        HistoryEntry current;
        Path currentFile;
        if (currentArg == null) {
            if (history.isEmpty()) {
                throw new UsageException("--baseline " + how.option() + ": the results index " + index.indexFile()
                        + " holds no runs yet ('headroom run' adds one per run; see --results-dir)");
            }
            current = history.stream().max(BaselineSelection.CHRONOLOGICAL).orElseThrow();
            currentFile = index.summaryFile(current);
        } else {
            current = find(history, index, currentArg);
            if (current != null) {
                currentFile = index.summaryFile(current);
            } else {
                // A summary from elsewhere: judged against the index by its own plan identity.
                if (!Files.exists(currentArg)) {
                    throw new UsageException(currentArg + ": neither a run id of the results index " + index.indexFile()
                            + " nor a summary file");
                }
                RunResult result = SummaryFiles.read(currentArg);
                current = ResultsIndex.entryOf(result, currentArg.getFileName().toString(), 0, currentArg.toString());
                currentFile = currentArg;
            }
        }
        if (current.invalid()) {
            err.println("headroom: --baseline " + how.option() + ": WARNING: the run to judge, " + current.runId()
                    + ", is itself invalid (the generator was the bottleneck)");
        }
        BaselineChoice choice = BaselineSelection.choose(history, current, how);
        for (BaselineChoice.Skipped s : choice.skipped()) {
            err.println("headroom: --baseline " + how.option() + ": skipped " + s.entry().runId() + ": " + s.why());
        }
        return switch (choice) {
            case BaselineChoice.NoneFound none -> throw new UsageException("--baseline " + how.option() + ": "
                    + none.reason() + " before " + current.runId() + " (" + index.indexFile() + ")");
            case BaselineChoice.Chosen chosen -> {
                err.println("headroom: --baseline " + how.option() + ": comparing " + current.runId() + " with "
                        + chosen.baseline().runId() + ", " + chosen.reason());
                err.flush();
                Path before = index.summaryFile(chosen.baseline());
                if (!Files.isRegularFile(before)) {
                    throw new UsageException("--baseline " + how.option() + ": the summary of " + chosen.baseline().runId()
                            + " is missing: " + before + " (the index names it; was it deleted by hand?)");
                }
                yield new Pair(before, currentFile);
            }
        };
    }

    /** The entry that {@code arg} names: a run id, or the path of a summary in the index. */
    private static HistoryEntry find(List<HistoryEntry> history, ResultsIndex index, Path arg) {
        String text = arg.toString();
        Path absolute = arg.toAbsolutePath().normalize();
        for (HistoryEntry e : history) {
            if (e.runId().equals(text) || index.summaryFile(e).equals(absolute)) return e;
        }
        return null;
    }
}
