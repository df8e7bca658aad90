package io.headroom.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code headroom} command lines the goal forks, and the report file names they write. Stateless. */
final class PlanRunArguments {
    static final String SUMMARY = "summary.json";
    static final String HTML = "report.html";
    static final String JUNIT = "junit.xml";

    private PlanRunArguments() {}

    /** {@code checkout} for {@code src/test/headroom/checkout.yaml}: the plan's folder under the reports directory. */
    static String planName(Path plan) {
        String file = plan.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** {@code run PLAN --quiet --json --html --junit [--base-url] [-e NAME=VALUE]... [--accept-invalid-run]}. */
    static List<String> run(Path plan, Path dir, String baseUrl, Map<String, String> env, boolean acceptInvalidRun) {
        List<String> args = new ArrayList<>(List.of("run", plan.toString(), "--quiet",
                "--json", dir.resolve(SUMMARY).toString(),
                "--html", dir.resolve(HTML).toString(),
                "--junit", dir.resolve(JUNIT).toString()));
        if (baseUrl != null && !baseUrl.isBlank()) {
            args.add("--base-url");
            args.add(baseUrl);
        }
        env.forEach((name, value) -> {
            args.add("-e");
            args.add(name + "=" + (value == null ? "" : value));
        });
        if (acceptInvalidRun) args.add("--accept-invalid-run");
        return args;
    }

    /** {@code compare BEFORE AFTER --max-regression X --markdown FILE}. */
    static List<String> compare(Path before, Path after, String maxRegression, Path markdown) {
        return List.of("compare", before.toString(), after.toString(), "--max-regression", maxRegression,
                "--markdown", markdown.toString());
    }
}
