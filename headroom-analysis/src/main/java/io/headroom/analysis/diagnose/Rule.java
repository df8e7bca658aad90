package io.headroom.analysis.diagnose;

/**
 * Every rule that draws findings, a closed set: the rules on the run ({@link Diagnosis}) and those on what
 * was observed of the target ({@link TargetDiagnosis}). {@link #id()} is the stable name tools see in the
 * diagnosis JSON ({@code "rule": "TailLatency"}).
 */
public enum Rule {
    /** Dropped iterations or a large schedule lag: the generator could not produce the planned load. */
    GENERATOR_OVERLOAD("GeneratorOverload"),
    /** The shape of the latency tail: p95/p50 and p99/p95 ratios. */
    TAIL_LATENCY("TailLatency"),
    /** The share of failed requests and the codes that dominate them. */
    ERROR_RATE("ErrorRate"),
    /** Timeouts (1050) or connection errors (12xx) among the failures. */
    NETWORK_ERRORS("NetworkErrors"),
    /** Throughput stopped growing while the load kept rising: capacity reached. */
    THROUGHPUT_PLATEAU("ThroughputPlateau"),
    /** How latency grows with load: linearly (queueing) or exponentially (exhaustion). */
    LATENCY_GROWTH("LatencyGrowth"),
    /** Errors jump from few to many at one concurrency: a hard limit. */
    ERROR_CLIFF("ErrorCliff"),
    /** One endpoint accounts for most of the slowest requests. */
    ENDPOINT_TAIL("EndpointTail"),
    /** Latency of the last tenth of a steady run against the first: a leak or a slow build-up (soak tests). */
    LATENCY_DRIFT("LatencyDrift"),
    /** The run was stopped by an abortOnFail threshold: where it broke and the last load that held. */
    BREAKING_POINT("BreakingPoint"),
    /** Little's law, concurrency = throughput × time in system, checked against the measured VUs. */
    LITTLES_LAW("LittlesLaw"),
    /** Watching the target went wrong: a recording refused or lost, a scrape or the monitoring failed. */
    TARGET_OBSERVATION("TargetObservation"),
    /** The target's CPU at its peak second: healthy under 70 %, a warning to 85 %, bad above. */
    TARGET_CPU("TargetCpu"),
    /** The target's resident memory at its peak second. */
    TARGET_MEMORY("TargetMemory"),
    /** The target's GC pause p99 while recorded: healthy under 50 ms, a warning to 200 ms, bad above. */
    TARGET_GC_PAUSES("TargetGcPauses"),
    /** The method the target's CPU samples end in most often. */
    TARGET_HOT_METHOD("TargetHotMethod"),
    /** A steady climb of the target's resident memory: a possible leak. */
    TARGET_MEMORY_GROWTH("TargetMemoryGrowth"),
    /** The generator's own CPU and GC pauses while recorded: whether it was a bottleneck itself. */
    GENERATOR_PROFILE("GeneratorProfile");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** The rule's stable name in JSON outputs, e.g. {@code "TailLatency"}. */
    public String id() {
        return id;
    }
}
