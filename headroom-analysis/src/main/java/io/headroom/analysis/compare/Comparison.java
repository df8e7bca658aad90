package io.headroom.analysis.compare;

import java.util.List;

/**
 * The comparison of two runs: every {@link Change}, whole run first, then per endpoint, and the options
 * used. Immutable.
 */
public record Comparison(String beforeName, String afterName, List<Change> changes, ComparisonOptions options) {
    public Comparison {
        changes = List.copyOf(changes);
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
