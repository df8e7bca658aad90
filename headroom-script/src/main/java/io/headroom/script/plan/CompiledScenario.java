package io.headroom.script.plan;

import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.ScenarioBehaviours;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Java scenario class compiled from a source file: {@link #instances()} makes one instance per VU.
 * Immutable and thread-safe.
 */
public record CompiledScenario(Path source, Class<? extends Scenario> type) {
    public CompiledScenario {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** New instances through the class's public no-argument constructor, one per VU. */
    public Supplier<Scenario> instances() {
        return ScenarioBehaviours.instantiator(type);
    }

    public Scenario newInstance() {
        return instances().get();
    }

    /** What the scenario's {@link Scenario#options()} returns on a fresh instance; null means "from the command line". */
    public Options options() {
        return newInstance().options();
    }

    /**
     * A one-scenario plan named after the class: the scenario's own options, or {@code fallback} when it
     * has none (the command line's flags). Data files are read relative to the source file's folder.
     *
     * @throws PlanException when neither gives options, or a data file cannot be read
     */
    public Plan toPlan(Options fallback) {
        Options options = options();
        if (options == null) options = fallback;
        if (options == null) {
            throw new PlanException(new PlanError(source.toString(), 0, 0, "", type.getSimpleName()
                    + ".options() returns null: give the executor on the command line (e.g. --vus 10 --duration 30s) "
                    + "or return Options from options()"));
        }
        Path dir = source.getParent() == null ? Path.of("") : source.getParent();
        return Plan.ofJava(type.getSimpleName(), source.toString(), instances(), options, dir);
    }
}
