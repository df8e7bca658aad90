package io.headroom.analysis.diagnose;

import java.util.List;

/**
 * One conclusion drawn from a run: how much it matters, a one-line title, the numbers that support it,
 * and the next step to take. A closed set, one record per rule, so reports can switch over it. Immutable.
 */
public sealed interface Finding {
    Severity severity();

    String title();

    List<Evidence> evidence();

    String nextStep();

    /** True for findings about the load generator itself, which make every other finding suspect. */
    default boolean aboutGenerator() {
        return this instanceof GeneratorOverload;
    }

    /** Dropped iterations or a large schedule lag: the generator could not produce the planned load. */
    record GeneratorOverload(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** The shape of the latency tail: p95/p50 and p99/p95 ratios. */
    record TailLatency(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** The share of failed requests and the codes that dominate them. */
    record ErrorRate(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** Timeouts (1050) or connection errors (12xx) among the failures. */
    record NetworkErrors(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** Throughput stopped growing while the load kept rising: capacity reached. */
    record ThroughputPlateau(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** How latency grows with load: linearly (queueing) or exponentially (exhaustion). */
    record LatencyGrowth(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** Errors jump from few to many at one concurrency: a hard limit. */
    record ErrorCliff(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** One endpoint accounts for most of the slowest requests. */
    record EndpointTail(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** Latency of the last tenth of a steady run against the first: a leak or a slow build-up (soak tests). */
    record LatencyDrift(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** The run was stopped by an abortOnFail threshold: where it broke and the last load that held. */
    record BreakingPoint(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}

    /** Little's law, concurrency = throughput × time in system, checked against the measured VUs. */
    record LittlesLaw(Severity severity, String title, List<Evidence> evidence, String nextStep) implements Finding {}
}
