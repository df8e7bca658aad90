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

    /** Reads executor {@code type}'s options from the scenario {@code map}; empty when any is invalid (reported). */
    Optional<ExecutorSpec> read(String type, YMap map, YEntry entry, String path) {
        int before = problems.size();
        Options o = new Options(map, entry, path, type);
        ExecutorSpec spec;
        try {
            spec = switch (type) {
                case "constant-vus" -> {
                    Integer vus = o.positiveInt("vus", ExecutorSpec.DEFAULT_VUS);
                    Duration duration = o.requiredDuration("duration");
                    yield o.failed(before) ? null : new ExecutorSpec.ConstantVus(vus, duration);
                }
                case "ramping-vus" -> {
                    Integer startVUs = map.has("startVUs") ? r.nonNegativeInt(map.get("startVUs"), path + ".startVUs") : ExecutorSpec.DEFAULT_VUS;
                    List<Stage> stages = stages(o);
                    Duration rampDown = map.has("gracefulRampDown") ? r.duration(map.get("gracefulRampDown"), path + ".gracefulRampDown") : null;
                    yield o.failed(before) ? null : new ExecutorSpec.RampingVus(startVUs, stages, rampDown);
                }
                case "constant-arrival-rate" -> {
                    Long rate = o.has("rate") ? r.positiveLong(map.get("rate"), path + ".rate") : o.missing("rate");
                    Duration timeUnit = o.positiveDuration("timeUnit");
                    Duration duration = o.requiredDuration("duration");
                    int[] pool = pool(o);
                    yield o.failed(before) ? null : new ExecutorSpec.ConstantArrivalRate(rate, timeUnit, duration, pool[0], pool[1]);
                }
                case "ramping-arrival-rate" -> {
                    Long startRate = map.has("startRate") ? r.nonNegativeLong(map.get("startRate"), path + ".startRate") : Long.valueOf(0);
                    Duration timeUnit = o.positiveDuration("timeUnit");
                    List<Stage> stages = stages(o);
                    int[] pool = pool(o);
                    yield o.failed(before) ? null : new ExecutorSpec.RampingArrivalRate(startRate, timeUnit, stages, pool[0], pool[1]);
                }
                case "per-vu-iterations", "shared-iterations" -> {
                    Integer vus = o.positiveInt("vus", ExecutorSpec.DEFAULT_VUS);
                    Long iterations = map.has("iterations") ? r.positiveLong(map.get("iterations"), path + ".iterations") : Long.valueOf(1);
                    Duration max = o.positiveDuration("maxDuration");
                    if (type.equals("shared-iterations") && vus != null && iterations != null) {
                        o.check(() -> ExecutorSpec.checkSharedIterations(vus, iterations));
                    }
                    if (o.failed(before)) yield null;
                    yield type.equals("per-vu-iterations") ? new ExecutorSpec.PerVuIterations(vus, iterations, max)
                            : new ExecutorSpec.SharedIterations(vus, iterations, max);
                }
                default -> null;
            };
        } catch (InvalidExecutorException e) {
            o.report(e);
            return Optional.empty();
        }
        return problems.size() > before ? Optional.empty() : Optional.ofNullable(spec);
    }

    /** {preAllocatedVUs, maxVUs}; an absent maxVUs is 0, which the spec reads as "as many as preallocated". */
    private int[] pool(Options o) {
        if (!o.has("preAllocatedVUs")) {
            o.missing("preAllocatedVUs");
            return null;
        }
        Integer pre = o.positiveInt("preAllocatedVUs", 0);
        Integer max = o.positiveInt("maxVUs", 0);
        if (pre == null || max == null) return null;
        // checked now, like every option's type, so that it is reported beside the other options' problems
        return o.check(() -> ExecutorSpec.poolMaxVUs(o.type, pre, max)) ? new int[] {pre, max} : null;
    }

    /** The stages as written; an empty list is left to the spec's rule. */
    private List<Stage> stages(Options o) {
        if (!o.has("stages")) {
            o.missing("stages");
            return null;
        }
        String path = o.path + ".stages";
        YList list = r.list(o.map.get("stages"), path, "a list of stages like {duration: 30s, target: 10}");
        if (list == null) return null;
        List<Stage> stages = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            String p = path + "[" + i + "]";
            YMap stage = r.map(list.items().get(i), p, "a stage like {duration: 30s, target: 10}");
            if (stage == null) {
                ok = false;
                continue;
            }
            STAGE_KEYS.reportUnknown(r, stage, p);
            Duration d = null;
            Long target = null;
            if (!stage.has("duration")) r.error(stage, p, "missing 'duration'");
            else d = r.duration(stage.get("duration"), p + ".duration");
            if (!stage.has("target")) r.error(stage, p, "missing 'target'");
            else target = r.nonNegativeLong(stage.get("target"), p + ".target");
            if (d == null || target == null) ok = false;
            else stages.add(new Stage(d, target));
        }
        return ok ? stages : null;
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

        /** True when a read since {@code before} failed: the spec is not built. */
        boolean failed(int before) {
            return incomplete || problems.size() > before;
        }

        /** A positive integer, or {@code absent} when the option is not written. */
        Integer positiveInt(String key, int absent) {
            return map.has(key) ? r.positiveInt(map.get(key), path + "." + key) : Integer.valueOf(absent);
        }

        /** A positive duration, or null (the spec's default) when the option is not written. */
        Duration positiveDuration(String key) {
            return map.has(key) ? r.positiveDuration(map.get(key), path + "." + key) : null;
        }

        Duration requiredDuration(String key) {
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

        /** Reports a missing required option (unless a misspelt key was already taken for it); returns null. */
        <T> T missing(String key) {
            incomplete = true;
            if (!suggestedKeys.contains(key)) r.error(entry.keyMark(), path, "missing '" + key + "' (required by executor " + type + ")");
            return null;
        }
    }
}
