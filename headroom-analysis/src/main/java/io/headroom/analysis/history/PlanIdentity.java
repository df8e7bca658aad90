package io.headroom.analysis.history;

import java.util.List;
import java.util.Objects;

/**
 * What makes two runs runs of one plan: the hash of the plan file's bytes when both have one (an edited plan is
 * another plan: its numbers answer another question), else the plan name and its scenario names. Immutable.
 *
 * @param name the plan's name; never null
 * @param hash first 16 hex digits of the SHA-256 of the plan file; null when the plan had no file
 * @param scenarios the scenario names, in plan order
 */
public record PlanIdentity(String name, String hash, List<String> scenarios) {
    public PlanIdentity {
        Objects.requireNonNull(name, "name");
        scenarios = List.copyOf(scenarios);
    }

    /** True when {@code other} is the same plan by the rule on the class. */
    public boolean sameAs(PlanIdentity other) {
        if (hash != null && other.hash != null) return hash.equals(other.hash);
        return name.equals(other.name) && scenarios.equals(other.scenarios);
    }

    /** "checkout (a1b2c3d4e5f60718)" or "checkout" when it has no hash. */
    public String describe() {
        return hash == null ? name : name + " (" + hash + ")";
    }
}
