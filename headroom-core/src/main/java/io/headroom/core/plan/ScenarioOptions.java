package io.headroom.core.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A scenario's executor options as a plan writes them (k6's names; durations as {@code 1m30s}, {@code 500ms}), with
 * defaults filled in, for the summary and the report: {@code vus}, {@code duration}, {@code stages}
 * ({@code 30s→10, 1m→10, 10s→0}), {@code rate}, {@code timeUnit}, ..., then {@code startTime}, {@code gracefulStop}
 * and the scenario's {@code tags}. Stateless and thread-safe.
 */
public final class ScenarioOptions {
    private ScenarioOptions() {}

    /** The options of {@code scenario}, in the order above; an unmodifiable map. */
    public static Map<String, String> of(ScenarioSpec scenario) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (scenario.executor()) {
            case ExecutorSpec.ConstantVus c -> {
                out.put("vus", Integer.toString(c.vus()));
                out.put("duration", duration(c.duration()));
            }
            case ExecutorSpec.RampingVus r -> {
                out.put("startVUs", Integer.toString(r.startVUs()));
                out.put("stages", stages(r.stages()));
                out.put("gracefulRampDown", duration(r.gracefulRampDown()));
            }
            case ExecutorSpec.ConstantArrivalRate c -> {
                out.put("rate", Long.toString(c.rate()));
                out.put("timeUnit", duration(c.timeUnit()));
                out.put("duration", duration(c.duration()));
                out.put("preAllocatedVUs", Integer.toString(c.preAllocatedVUs()));
                out.put("maxVUs", Integer.toString(c.maxVUs()));
            }
            case ExecutorSpec.RampingArrivalRate r -> {
                out.put("startRate", Long.toString(r.startRate()));
                out.put("timeUnit", duration(r.timeUnit()));
                out.put("stages", stages(r.stages()));
                out.put("preAllocatedVUs", Integer.toString(r.preAllocatedVUs()));
                out.put("maxVUs", Integer.toString(r.maxVUs()));
            }
            case ExecutorSpec.PerVuIterations p -> {
                out.put("vus", Integer.toString(p.vus()));
                out.put("iterations", Long.toString(p.iterations()));
                out.put("maxDuration", duration(p.maxDuration()));
            }
            case ExecutorSpec.SharedIterations s -> {
                out.put("vus", Integer.toString(s.vus()));
                out.put("iterations", Long.toString(s.iterations()));
                out.put("maxDuration", duration(s.maxDuration()));
            }
        }
        if (!scenario.startTime().isZero()) out.put("startTime", duration(scenario.startTime()));
        out.put("gracefulStop", duration(scenario.gracefulStop()));
        if (!scenario.tags().isEmpty()) {
            StringJoiner tags = new StringJoiner(", ");
            new TreeMap<>(scenario.tags()).forEach((k, v) -> tags.add(k + "=" + v));
            out.put("tags", tags.toString());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Stages as {@code duration→target}, comma-separated. */
    static String stages(List<Stage> stages) {
        StringJoiner out = new StringJoiner(", ");
        for (Stage s : stages) out.add(duration(s.duration()) + "→" + s.target());
        return out.toString();
    }

    /** A duration as a plan writes it: {@code 1h2m3s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms}, {@code 0s}. */
    public static String duration(Duration d) {
        if (d.isZero()) return "0s";
        if (d.isNegative()) return "-" + duration(d.negated());
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = d.toNanos();
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : trim(nanos / 1e6) + "ms";
        }
        StringBuilder out = new StringBuilder();
        long hours = d.toHours(), minutes = d.toMinutesPart();
        if (hours > 0) out.append(hours).append('h');
        if (minutes > 0) out.append(minutes).append('m');
        double seconds = d.toSecondsPart() + d.toNanosPart() / 1e9;
        if (seconds > 0 || out.isEmpty()) out.append(trim(seconds)).append('s');
        return out.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
