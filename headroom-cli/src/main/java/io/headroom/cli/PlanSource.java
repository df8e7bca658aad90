package io.headroom.cli;

import io.headroom.script.Options;
import io.headroom.script.plan.CompiledScenario;
import io.headroom.script.plan.JavaScenarioCompiler;
import io.headroom.script.plan.Plan;
import io.headroom.script.plan.PlanLoader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            Plan plan = compiled.toPlan(javaFallback);
            return baseUrl == null ? plan : plan.withBaseUrl(baseUrl);
        }
        if (!(name.endsWith(".yaml") || name.endsWith(".yml"))) {
            throw new UsageException(file + ": expected a YAML plan (.yaml, .yml) or a Java scenario (.java)");
        }
        return loader.read(file);
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
