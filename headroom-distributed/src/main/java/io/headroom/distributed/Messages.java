package io.headroom.distributed;

import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.GeneratorHealth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON messages of the control channel ({@link Protocol} lists the paths that carry them). Plain records of
 * strings and numbers, so any HTTP client can speak the protocol. Immutable.
 */
public final class Messages {
    private Messages() {}

    /**
     * An agent asks to join. {@code index} is the one it was told to take ({@code --index}, or a Kubernetes
     * Indexed Job's {@code JOB_COMPLETION_INDEX}); null lets the coordinator hand out the lowest free one.
     */
    public record Register(int protocol, String version, String planHash, Integer index, String host, long pid) {}

    /**
     * The coordinator's answer: the agent's id for later messages, its index and segment of {@code agents}, and the
     * run options every agent applies to the plan (so that all of them run exactly the coordinator's plan).
     */
    public record Registered(String agentId, int index, int agents, String segment, RunOptions options) {}

    /** A refused registration or request: why, in a sentence naming both sides. */
    public record Refused(String error) {}

    /**
     * What changes the plan from the command line, copied to every agent: {@code -e} values, {@code --base-url},
     * the {@code -u/-d/-i} shortcut, {@code --max-duration}, {@code --no-thresholds}, {@code --tag} values and
     * {@code --no-warmup}. Null and empty mean "not given".
     */
    public record RunOptions(Map<String, String> env, String baseUrl, Integer vus, Long durationMillis, Long iterations,
                             Long maxDurationMillis, boolean noThresholds, Map<String, String> tags, boolean noWarmup) {
        public RunOptions {
            env = env == null ? Map.of() : Map.copyOf(env);
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }

        public static final RunOptions NONE = new RunOptions(Map.of(), null, null, null, null, null, false, Map.of(), false);
    }

    /** The coordinator's wall clock when it answered, in nanoseconds since the epoch (one NTP-style sample). */
    public record Time(long epochNanos) {}

    /**
     * An agent's VUs are allocated and its data loaded; it measured its clock offset to the coordinator's
     * ({@code offsetNanos}: add to the agent's clock to get the coordinator's) over a round trip of {@code rttNanos}.
     */
    public record Ready(String agentId, long offsetNanos, long rttNanos) {}

    /** The start barrier's answer: start at this instant of the coordinator's clock; or do not start ({@code abort}). */
    public record Start(long startEpochNanos, String abort) {}

    /** An agent is alive; its scenarios' progress as of its last second. */
    public record Heartbeat(String agentId, List<Progress> progress) {}

    /** What an agent does next: go on ({@code run}), stop gracefully ({@code stop}) or at once ({@code stopNow}). */
    public record Command(String action, String reason) {
        public static final Command RUN = new Command("run", null);
    }

    /** An agent's run ended: its own outcome, generator health, error samples, duration and start skew. */
    public record Done(String agentId, String outcome, long durationNanos, double startOffsetMillis,
                       GeneratorHealth health, List<ErrorSample> errorSamples, Map<String, String> metadata) {}

    /** {@link ScenarioProgress} on the wire (milliseconds for durations). */
    public record Progress(String scenario, String executor, String state, long elapsedMillis, long plannedMillis,
                           int activeVus, int maxVus, long iterations, long droppedIterations, double requestsPerSecond,
                           double p95Millis, long failedRequests, long interruptedIterations) {
        static Progress of(ScenarioProgress p) {
            return new Progress(p.scenario(), p.executor(), p.state().name(), p.elapsed().toMillis(), p.planned().toMillis(),
                    p.activeVus(), p.maxVus(), p.iterations(), p.droppedIterations(), p.requestsPerSecond(), p.p95Millis(),
                    p.failedRequests(), p.interruptedIterations());
        }

        ScenarioProgress toProgress() {
            return new ScenarioProgress(scenario, executor, ScenarioProgress.State.valueOf(state), Duration.ofMillis(elapsedMillis),
                    Duration.ofMillis(plannedMillis), activeVus, maxVus, iterations, droppedIterations, requestsPerSecond,
                    p95Millis, failedRequests, interruptedIterations);
        }
    }
}
