package io.headroom.cli;

import io.headroom.analysis.compare.Comparison;
import io.headroom.analysis.compare.ComparisonOptions;
import io.headroom.analysis.compare.RunComparison;
import io.headroom.core.result.RunResult;

import java.nio.file.Path;

/**
 * The one way the commands compare two summaries ({@code compare}, and {@code report --baseline}), so both show the
 * same verdict for the same files: {@link RunComparison} with the margin given, the runs named by their file names,
 * and summaries of different plans refused unless allowed. Stateless.
 */
final class Comparisons {
    private Comparisons() {}

    /** The options for {@code --max-regression PERCENT}; a bad value is a usage error (exit 2), before any file is read. */
    static ComparisonOptions options(String maxRegression) {
        return ComparisonOptions.defaults().withMaxRegression(SummaryFiles.fraction(maxRegression, "--max-regression"));
    }

    /**
     * {@code before} → {@code after}, read from {@code beforeFile} and {@code afterFile}. Throws a usage error (exit 2),
     * unless {@code allowDifferentPlans}, for summaries of different plans.
     */
    static Comparison of(Path beforeFile, RunResult before, Path afterFile, RunResult after, ComparisonOptions options,
                         boolean allowDifferentPlans) {
        Comparison comparison = RunComparison.compare(before, after, options)
                .withNames(beforeFile.getFileName().toString(), afterFile.getFileName().toString());
        if (comparison.comparability().differentPlans() && !allowDifferentPlans) {
            // Numbers of two different tests differ for reasons no statistic can separate from a regression.
            throw new UsageException(beforeFile + " and " + afterFile + " are summaries of different plans: "
                    + comparison.comparability().planDifference()
                    + "; compare runs of one plan, or pass --allow-different-plans to compare them anyway");
        }
        return comparison;
    }
}
