package io.headroom.analysis.diagnose;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One conclusion drawn by a {@link Rule}: how much it matters, a one-line title, then either the numbers that
 * support it and the next step to take (the run's rules) or a sentence of detail (the target's rules).
 * Immutable.
 *
 * @param detail a sentence explaining the title; empty (never null) when the evidence says it
 * @param evidence the numbers behind the finding; may be empty
 * @param nextStep what to do about it; empty (never null) when there is nothing to suggest
 */
public record Finding(Rule rule, Severity severity, String title, String detail, List<Evidence> evidence, String nextStep) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
        evidence = List.copyOf(evidence);
        nextStep = nextStep == null ? "" : nextStep;
    }

    /** A finding told by its numbers and a next step. */
    public static Finding of(Rule rule, Severity severity, String title, List<Evidence> evidence, String nextStep) {
        return new Finding(rule, severity, title, "", evidence, nextStep);
    }

    /** A finding told by a sentence of detail. */
    public static Finding described(Rule rule, Severity severity, String title, String detail) {
        return new Finding(rule, severity, title, detail, List.of(), "");
    }

    /** True for findings about the load generator itself, which make every other finding suspect. */
    public boolean aboutGenerator() {
        return rule == Rule.GENERATOR_OVERLOAD;
    }

    /** The evidence as one line: "p50 12 ms; p95 40 ms"; empty when there is none. */
    public String evidenceText() {
        return evidence.stream().map(Evidence::toString).collect(Collectors.joining("; "));
    }
}
