package io.headroom.script.run;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.result.RunResult;
import io.headroom.http.HttpTransport;
import io.headroom.script.Options;
import io.headroom.script.Scenario;
import io.headroom.script.plan.JavaScenarioCompiler;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanException;
import io.headroom.script.plan.PlanLoader;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Runs Headroom from Java code: a YAML plan, a Java scenario file, a {@link Plan} or a {@link Scenario}
 * object, on a new {@link Engine} with the HTTP transport registered through {@link ServiceLoader}.
 * Each call blocks until its run ends and returns the complete result. Thread-safe.
 */
public final class Headroom {
    /** k6's default when nothing says otherwise: one VU, one iteration. */
    public static final Options DEFAULT_OPTIONS = Options.perVuIterations(1, 1);

    private Headroom() {}

    /**
     * Loads and runs a plan: a {@code .java} file is compiled (its {@code options()}, or one VU for one
     * iteration), anything else is read as a YAML plan.
     *
     * @throws PlanException when the file is missing or invalid
     */
    public static RunResult run(Path planFile) {
        return run(plan(planFile, DEFAULT_OPTIONS));
    }

    public static RunResult run(Plan plan) {
        try (HttpTransport transport = defaultTransport()) {
            return run(plan, transport, RunListener.NONE);
        }
    }

    /** Runs a scenario object shared by every VU (it must be thread-safe) with the given options. */
    public static RunResult run(Scenario scenario, Options options) {
        Objects.requireNonNull(scenario, "scenario");
        Options effective = options != null ? options : scenario.options() != null ? scenario.options() : DEFAULT_OPTIONS;
        String name = scenario.getClass().isAnonymousClass() || scenario.getClass().isSynthetic()
                ? "scenario" : scenario.getClass().getSimpleName();
        return run(Plan.ofJava(name, name, () -> scenario, effective, Path.of("")));
    }

    /** Runs a plan on a given transport, reporting progress to {@code listener}; the transport stays open. */
    public static RunResult run(Plan plan, HttpTransport transport, RunListener listener) {
        return new Engine().run(plan.toRunSpec(transport, Map.of()), listener == null ? RunListener.NONE : listener);
    }

    /**
     * Loads a {@code .java} scenario or a YAML plan. A Java scenario whose {@code options()} returns null
     * runs with {@code fallback} (the command line's flags).
     *
     * @throws PlanException when the file is missing or invalid, or no options are given at all
     */
    public static Plan plan(Path file, Options fallback) {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".java")) {
            return JavaScenarioCompiler.compile(file).toPlan(fallback);
        }
        return PlanLoader.load(file);
    }

    /**
     * The first {@link HttpTransport} registered in {@code META-INF/services}.
     *
     * @throws IllegalStateException when none is on the classpath
     */
    public static HttpTransport defaultTransport() {
        Iterator<HttpTransport> it = ServiceLoader.load(HttpTransport.class, Headroom.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            throw new IllegalStateException("no HTTP transport found: put headroom-http's transport on the classpath "
                    + "(it registers io.headroom.http.HttpTransport in META-INF/services)");
        }
        return it.next();
    }
}
