package io.headroom.analysis.compare;

import java.util.List;

/**
 * The comparison of two runs: every {@link Change}, whole run first, then per endpoint, the options used,
 * and each run's latency design effect (1 = requests independent; 4 = a quarter as many independent
 * values as requests). Immutable.
 */
public record Comparison(String beforeName, String afterName, List<Change> changes, ComparisonOptions options,
                         double designEffectBefore, double designEffectAfter) {
    public Comparison {
        changes = List.copyOf(changes);
    }

    /** The same comparison under other run names (file names, say). */
    public Comparison withNames(String before, String after) {
        return new Comparison(before, after, changes, options, designEffectBefore, designEffectAfter);
    }

    public List<Change> regressions() {
        return changes.stream().filter(Change::regression).toList();
    }

    public boolean hasRegression() {
        return changes.stream().anyMatch(Change::regression);
    }

    public List<Change> significantChanges() {
        return changes.stream().filter(Change::significant).toList();
    }
}
