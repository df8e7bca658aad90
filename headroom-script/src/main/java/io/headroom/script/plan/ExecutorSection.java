package io.headroom.script.plan;

import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.InvalidExecutorException;
import io.headroom.core.plan.Stage;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A scenario's executor options, in k6's names, read into core's {@link ExecutorSpec}. The loader reads each
 * option's type and an absent option stays null; the record's constructor fills k6's defaults and checks the
 * executor's rules, and its {@link InvalidExecutorException} is reported at the option's line.
 */
final class ExecutorSection {
    /** Each executor's own options, in k6's names. */
    static final Map<String, KeyTable<Void>> OPTIONS = executorOptions();
    /** Every executor option of any executor. */
    static final KeyTable<Void> ALL_OPTIONS = KeyTable.of("vus", "duration", "stages", "startVUs",
            "gracefulRampDown", "rate", "timeUnit", "preAllocatedVUs", "maxVUs", "startRate", "iterations", "maxDuration");
    /** The keys of one stage. */
    static final KeyTable<Void> STAGE_KEYS = KeyTable.of("duration", "target");

    private final NodeReader r;
    private final Problems problems;
    /** Keys of this scenario that an unknown key was probably meant to be: not reported missing too. */
    private final Set<String> suggestedKeys;

    ExecutorSection(PlanContext ctx, Set<String> suggestedKeys) {
        this.r = ctx.r;
        this.problems = ctx.problems;
        this.suggestedKeys = suggestedKeys;
    }

    private static Map<String, KeyTable<Void>> executorOptions() {
        Map<String, KeyTable<Void>> m = new LinkedHashMap<>();
        m.put("constant-vus", KeyTable.of("vus", "duration"));
        m.put("ramping-vus", KeyTable.of("startVUs", "stages", "gracefulRampDown"));
        m.put("constant-arrival-rate", KeyTable.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"));
        m.put("ramping-arrival-rate", KeyTable.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"));
        m.put("per-vu-iterations", KeyTable.of("vus", "iterations", "maxDuration"));
        m.put("shared-iterations", KeyTable.of("vus", "iterations", "maxDuration"));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Reads executor {@code type}'s options from the scenario {@code map}; empty when any is invalid (reported).
     * Every option is read (and its problems reported) before the spec is built; an option that is not written
     * reaches the spec as null, its k6 default.
     */
    Optional<ExecutorSpec> read(String type, YMap map, YEntry entry, String path) {
        int before = problems.size();
        Options o = new Options(map, entry, path, type);
        Optional<ExecutorSpec> spec;
        try {
            spec = switch (type) {
                case "constant-vus" -> {
                    Optional<Integer> vus = o.positiveInt("vus", ExecutorSpec.DEFAULT_VUS);
                    Optional<Duration> duration = o.requiredDuration("duration");
                    yield o.failed(before, vus, duration) ? Optional.empty()
                            : Optional.of(new ExecutorSpec.ConstantVus(vus.orElseThrow(), duration.orElseThrow()));
                }
                case "ramping-vus" -> {
                    Optional<Integer> startVUs = map.has("startVUs") ? r.nonNegativeInt(map.get("startVUs"), path + ".startVUs")
                            : Optional.of(ExecutorSpec.DEFAULT_VUS);
                    Optional<List<Stage>> stages = stages(o);
                    Optional<Duration> rampDown = map.has("gracefulRampDown")
                            ? r.duration(map.get("gracefulRampDown"), path + ".gracefulRampDown") : Optional.empty();
                    yield o.failed(before, startVUs, stages) ? Optional.empty()
                            : Optional.of(new ExecutorSpec.RampingVus(startVUs.orElseThrow(), stages.orElseThrow(), rampDown.orElse(null)));
                }
                case "constant-arrival-rate" -> {
                    Optional<Long> rate = o.has("rate") ? r.positiveLong(map.get("rate"), path + ".rate") : o.missing("rate");
                    Optional<Duration> timeUnit = o.positiveDuration("timeUnit");
                    Optional<Duration> duration = o.requiredDuration("duration");
                    Optional<Pool> pool = pool(o);
                    yield o.failed(before, rate, duration, pool) ? Optional.empty()
                            : Optional.of(new ExecutorSpec.ConstantArrivalRate(rate.orElseThrow(), timeUnit.orElse(null),
                                    duration.orElseThrow(), pool.orElseThrow().pre(), pool.orElseThrow().max()));
                }
                case "ramping-arrival-rate" -> {
                    Optional<Long> startRate = map.has("startRate") ? r.nonNegativeLong(map.get("startRate"), path + ".startRate")
                            : Optional.of(0L);
                    Optional<Duration> timeUnit = o.positiveDuration("timeUnit");
                    Optional<List<Stage>> stages = stages(o);
                    Optional<Pool> pool = pool(o);
                    yield o.failed(before, startRate, stages, pool) ? Optional.empty()
                            : Optional.of(new ExecutorSpec.RampingArrivalRate(startRate.orElseThrow(), timeUnit.orElse(null),
                                    stages.orElseThrow(), pool.orElseThrow().pre(), pool.orElseThrow().max()));
                }
                case "per-vu-iterations", "shared-iterations" -> {
                    Optional<Integer> vus = o.positiveInt("vus", ExecutorSpec.DEFAULT_VUS);
                    Optional<Long> iterations = map.has("iterations") ? r.positiveLong(map.get("iterations"), path + ".iterations")
                            : Optional.of(1L);
                    Optional<Duration> max = o.positiveDuration("maxDuration");
                    if (type.equals("shared-iterations") && vus.isPresent() && iterations.isPresent()) {
                        o.check(() -> ExecutorSpec.checkSharedIterations(vus.get(), iterations.get()));
                    }
                    if (o.failed(before, vus, iterations)) yield Optional.empty();
                    yield Optional.of(type.equals("per-vu-iterations")
                            ? new ExecutorSpec.PerVuIterations(vus.orElseThrow(), iterations.orElseThrow(), max.orElse(null))
                            : new ExecutorSpec.SharedIterations(vus.orElseThrow(), iterations.orElseThrow(), max.orElse(null)));
                }
                default -> Optional.empty();
            };
        } catch (InvalidExecutorException e) {
            o.report(e);
            return Optional.empty();
        }
        return problems.size() > before ? Optional.empty() : spec;
    }

    /** An arrival-rate executor's VU pool; {@code max} 0 (maxVUs not written) is "as many as preallocated". */
    private record Pool(int pre, int max) {}

    /** The pool as written; empty when an option is missing or invalid (reported). */
    private Optional<Pool> pool(Options o) {
        if (!o.has("preAllocatedVUs")) return o.missing("preAllocatedVUs");
        // 0 is valid, as in k6: every VU is started on demand, up to maxVUs (the spec requires maxVUs > 0 then)
        Optional<Integer> pre = r.nonNegativeInt(o.map.get("preAllocatedVUs"), o.path + ".preAllocatedVUs");
        Optional<Integer> max = o.positiveInt("maxVUs", 0);
        if (pre.isEmpty() || max.isEmpty()) return Optional.empty();
        // checked now, like every option's type, so that it is reported beside the other options' problems
        return o.check(() -> ExecutorSpec.poolMaxVUs(o.type, pre.get(), max.get()))
                ? Optional.of(new Pool(pre.get(), max.get())) : Optional.empty();
    }

    /** The stages as written; an empty list is left to the spec's rule. */
    private Optional<List<Stage>> stages(Options o) {
        if (!o.has("stages")) return o.missing("stages");
        String path = o.path + ".stages";
        Optional<YList> list = r.list(o.map.get("stages"), path, "a list of stages like {duration: 30s, target: 10}");
        if (list.isEmpty()) return Optional.empty();
        List<Stage> stages = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.get().items().size(); i++) {
            String p = path + "[" + i + "]";
            Optional<YMap> read = r.map(list.get().items().get(i), p, "a stage like {duration: 30s, target: 10}");
            if (read.isEmpty()) {
                ok = false;
                continue;
            }
            YMap stage = read.get();
            STAGE_KEYS.reportUnknown(r, stage, p);
            Optional<Duration> d = Optional.empty();
            Optional<Long> target = Optional.empty();
            if (!stage.has("duration")) r.error(stage, p, "missing 'duration'");
            else d = r.duration(stage.get("duration"), p + ".duration");
            if (!stage.has("target")) r.error(stage, p, "missing 'target'");
            else target = r.nonNegativeLong(stage.get("target"), p + ".target");
            if (d.isEmpty() || target.isEmpty()) ok = false;
            else stages.add(new Stage(d.get(), target.get()));
        }
        return ok ? Optional.of(stages) : Optional.empty();
    }

    /** One scenario's executor options as written. */
    private final class Options {
        final YMap map;
        final YEntry entry;
        final String path;
        final String type;
        /** Set when a required option is missing: the spec cannot be built, even if nothing new was reported. */
        boolean incomplete;

        Options(YMap map, YEntry entry, String path, String type) {
            this.map = map;
            this.entry = entry;
            this.path = path;
            this.type = type;
        }

        boolean has(String key) {
            return map.has(key);
        }

        /**
         * True when a read since {@code before} failed or a {@code required} value is absent (also when its error
         * was not repeated, on a node a failed ${ENV:...} already spoiled): the spec is not built.
         */
        boolean failed(int before, Optional<?>... required) {
            return incomplete || problems.size() > before || Arrays.stream(required).anyMatch(Optional::isEmpty);
        }

        /** A positive integer, or {@code absent} when the option is not written; empty when invalid (reported). */
        Optional<Integer> positiveInt(String key, int absent) {
            return map.has(key) ? r.positiveInt(map.get(key), path + "." + key) : Optional.of(absent);
        }

        /** A positive duration; empty when the option is not written (the spec's default) or invalid (reported). */
        Optional<Duration> positiveDuration(String key) {
            return map.has(key) ? r.positiveDuration(map.get(key), path + "." + key) : Optional.empty();
        }

        /** A required positive duration; empty when it is missing or invalid (both reported). */
        Optional<Duration> requiredDuration(String key) {
            return map.has(key) ? r.positiveDuration(map.get(key), path + "." + key) : missing(key);
        }

        /** Runs one of the spec's rules now; false when it is broken (reported at the option's line). */
        boolean check(Runnable rule) {
            try {
                rule.run();
                return true;
            } catch (InvalidExecutorException e) {
                report(e);
                return false;
            }
        }

        void report(InvalidExecutorException e) {
            YNode at = map.get(e.option());
            r.error(at != null ? at : map, path + "." + e.option(), e.reason());
        }

        /** Reports a missing required option (unless a misspelt key was already taken for it); returns empty. */
        <T> Optional<T> missing(String key) {
            incomplete = true;
            if (!suggestedKeys.contains(key)) r.error(entry.keyMark(), path, "missing '" + key + "' (required by executor " + type + ")");
            return Optional.empty();
        }
    }
}
