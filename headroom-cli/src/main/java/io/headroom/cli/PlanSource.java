package io.headroom.cli;

import io.headroom.script.Options;
import io.headroom.script.plan.CompiledScenario;
import io.headroom.script.plan.JavaScenarioCompiler;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanException;
import io.headroom.script.plan.PlanLoader;
import io.headroom.script.run.Headroom;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns what the user named on the command line (a YAML plan or a Java scenario file) into a {@link Plan}. */
final class PlanSource {
    private PlanSource() {}

    /**
     * Loads {@code file}. {@code envOverrides} (from {@code -e NAME=VALUE}) win over the process environment
     * for {@code ${ENV:...}}. {@code javaFallback} is used for a Java scenario without its own options.
     *
     * @throws io.headroom.script.plan.PlanException with every problem found
     */
    static Plan load(Path file, Map<String, String> envOverrides, Options javaFallback) {
        return load(file, envOverrides, javaFallback, null);
    }

    /**
     * As {@link #load(Path, Map, Options)}, with {@code --base-url} ({@code baseUrl}, null when not given) winning
     * over the plan's; a bad one is a usage error naming the option, before anything is loaded or sent.
     */
    static Plan load(Path file, Map<String, String> envOverrides, Options javaFallback, String baseUrl) {
        PlanLoader loader = loader(envOverrides);
        if (baseUrl != null) {
            try {
                loader = loader.withBaseUrl(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--base-url: " + e.getMessage());
            }
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (name.endsWith(".java")) {
            CompiledScenario compiled = JavaScenarioCompiler.compile(file);
            return withBaseUrl(javaPlan(file, compiled, javaFallback), baseUrl);
        }
        if (!(name.endsWith(".yaml") || name.endsWith(".yml"))) {
            throw new UsageException(file + ": expected a YAML plan (.yaml, .yml) or a Java scenario (.java)");
        }
        return loader.read(file);
    }

    /**
     * Loads {@code file} for {@code run}: {@code shortcut} ({@code -u/-d/-i}) is a Java scenario's executor when
     * its {@code options()} returns null, and otherwise replaces the plan's (or the options') scenarios with a
     * warning on {@code err}, as k6's command line overrides a script's scenarios. {@code baseUrl} is
     * {@code --base-url} (null when not given), as in {@link #load(Path, Map, Options, String)}.
     *
     * @throws ScriptException when the Java scenario throws while it is set up
     */
    static Plan load(Path file, Map<String, String> envOverrides, ExecutionShortcut shortcut, String baseUrl,
                     PrintWriter err) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (name.endsWith(".java")) {
            CompiledScenario compiled = JavaScenarioCompiler.compile(file);
            Options own = script(file, compiled.type().getSimpleName() + ".options()", compiled::options);
            if (own == null) {
                // k6: with no execution options at all, 1 VU runs 1 iteration; the flags are the options.
                Options fallback = shortcut.executor().map(Options::of).orElse(Headroom.DEFAULT_OPTIONS);
                return withBaseUrl(javaPlan(file, compiled, fallback), checkedBaseUrl(baseUrl));
            }
            return shortcut.override(withBaseUrl(javaPlan(file, compiled, null), checkedBaseUrl(baseUrl)), err);
        }
        return shortcut.override(load(file, envOverrides, (Options) null, baseUrl), err);
    }

    private static Plan withBaseUrl(Plan plan, String baseUrl) {
        return baseUrl == null ? plan : plan.withBaseUrl(baseUrl);
    }

    /** {@code --base-url} checked as the YAML loader checks it: a bad one is a usage error naming the option. */
    private static String checkedBaseUrl(String baseUrl) {
        if (baseUrl != null) {
            try {
                loader(Map.of()).withBaseUrl(baseUrl);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--base-url: " + e.getMessage());
            }
        }
        return baseUrl;
    }

    private static Plan javaPlan(Path file, CompiledScenario compiled, Options fallback) {
        return script(file, compiled.type().getSimpleName() + "'s set-up", () -> compiled.toPlan(fallback));
    }

    /** Runs user code; what it throws (but a plan problem, which is ours to report) becomes a script error. */
    private static <T> T script(Path file, String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (PlanException | UsageException e) {
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw ScriptException.of(file.toString(), doing, e);
        }
    }

    /** A plan loader whose environment is the process environment overlaid with {@code envOverrides}. */
    static PlanLoader loader(Map<String, String> envOverrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(envOverrides);
        return new PlanLoader(env::get);
    }

    /** Parses {@code NAME=VALUE} pairs from {@code -e} options. */
    static Map<String, String> parseEnv(List<String> pairs) {
        Map<String, String> env = new HashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new UsageException("-e expects NAME=VALUE, got \"" + pair + "\"");
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }
}
