package io.headroom.analysis.compare;

import java.util.List;

/**
 * The comparison of two runs: every {@link Change}, whole run first, then per endpoint, the options used,
 * each run's latency design effect (1 = requests independent; 4 = a quarter as many independent
 * values as requests), and whether the runs were comparable at all ({@link Comparability}). Immutable.
 */
public record Comparison(String beforeName, String afterName, List<Change> changes, ComparisonOptions options,
                         double designEffectBefore, double designEffectAfter, Comparability comparability) {
    public Comparison {
        changes = List.copyOf(changes);
        comparability = comparability == null ? Comparability.COMPARABLE : comparability;
    }

    /** The same comparison under other run names (file names, say). */
    public Comparison withNames(String before, String after) {
        return new Comparison(before, after, changes, options, designEffectBefore, designEffectAfter, comparability);
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

    /** Gated changes the data could not decide (see {@link Change#inconclusive()}): no verdict of "no regression" then. */
    public List<Change> inconclusiveGated() {
        return changes.stream().filter(ch -> ch.gated() && ch.inconclusive()).toList();
    }

    /** True when either run was invalid (its generator was the bottleneck). */
    public boolean invalidRun() {
        return comparability.invalidRun();
    }

    /** The warnings to show before the numbers, naming the runs by {@link #beforeName()} and {@link #afterName()}. */
    public List<String> warnings() {
        return comparability.warnings(beforeName, afterName);
    }
}
