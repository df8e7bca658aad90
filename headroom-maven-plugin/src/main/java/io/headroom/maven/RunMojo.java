package io.headroom.maven;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs Headroom plans as part of the build and fails it when a threshold is crossed, the run was invalid (the
 * generator was the bottleneck), a plan is wrong, or, with {@code compareWith}, the run regressed
 * significantly against a previous summary (the rules of {@code headroom compare}). Each plan's JSON summary,
 * HTML report and JUnit XML go to {@code target/headroom/<plan>/}. The plans run one after another in a
 * forked JDK 21+ (see {@code javaExecutable}), exactly as {@code headroom run} runs them.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public final class RunMojo extends AbstractMojo {
    /** Exit codes of the {@code headroom} command (its {@code ExitCode} enum). */
    private static final int OK = 0;
    private static final int USAGE = 2;
    private static final int INVALID_RUN = 98;
    private static final int CROSSED = 99;

    /** Plan files (.yaml, .yml, .java) to run, in this order. When empty, every plan in {@code plansDirectory}. */
    @Parameter
    private List<File> plans;

    /** Where to look for plans when {@code plans} is not given: every .yaml and .yml file in it, by name. */
    @Parameter(property = "headroom.plansDirectory", defaultValue = "${project.basedir}/src/test/headroom")
    private File plansDirectory;

    /** Reports go to {@code <reportsDirectory>/<plan name>/}: summary.json, report.html, junit.xml. */
    @Parameter(property = "headroom.reportsDirectory", defaultValue = "${project.build.directory}/headroom")
    private File reportsDirectory;

    /** Fail the build on a crossed threshold or a regression; with false they are logged as warnings. */
    @Parameter(property = "headroom.failOnThresholds", defaultValue = "true")
    private boolean failOnThresholds;

    /** Skip the goal. */
    @Parameter(property = "headroom.skip", defaultValue = "false")
    private boolean skip;

    /** Overrides every plan's {@code baseUrl} ({@code headroom run --base-url}). */
    @Parameter(property = "headroom.baseUrl")
    private String baseUrl;

    /** Values for the plans' {@code ${ENV:NAME}} ({@code headroom run -e NAME=VALUE}); they win over the environment. */
    @Parameter
    private Map<String, String> env;

    /**
     * A previous JSON summary to compare each run with, or a folder holding {@code <plan>/summary.json} (a kept
     * copy of an earlier {@code target/headroom}); a significant regression beyond {@code maxRegression} fails
     * the build. A plan without a baseline in the folder is not compared.
     */
    @Parameter(property = "headroom.compareWith")
    private File compareWith;

    /** The worsening allowed before a significant change counts as a regression ({@code headroom compare --max-regression}). */
    @Parameter(property = "headroom.maxRegression", defaultValue = "10%")
    private String maxRegression;

    /** Judge an invalid run by its thresholds alone ({@code headroom run --accept-invalid-run}). */
    @Parameter(property = "headroom.acceptInvalidRun", defaultValue = "false")
    private boolean acceptInvalidRun;

    /**
     * A testing aid: start the demo shop on a free port of 127.0.0.1 before the plans and stop it after them;
     * the plans get its URL as {@code ${ENV:BASE_URL}} and as their base URL (unless {@code baseUrl} is set).
     */
    @Parameter(property = "headroom.startDemo", defaultValue = "false")
    private boolean startDemo;

    /** The java (21 or newer) to run plans with; default: the build's JDK toolchain, else Maven's JVM, JAVA_HOME, /usr/lib/jvm. */
    @Parameter(property = "headroom.javaExecutable")
    private File javaExecutable;

    /**
     * The generator JVM's maximum heap (a JVM size: {@code 512m}, {@code 2g}); default a quarter of the machine's
     * memory, at most 1 GiB, as the {@code ./headroom} launcher sets it.
     */
    @Parameter(property = "headroom.heap")
    private String heap;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    private List<Artifact> pluginArtifacts;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private ToolchainManager toolchains;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("headroom: skipped");
            return;
        }
        List<Path> planFiles = planFiles();
        if (planFiles.isEmpty()) {
            getLog().info("headroom: no plans in " + plansDirectory + "; nothing to run");
            return;
        }
        String heapOption;
        try {
            heapOption = GeneratorHeap.option(heap, GeneratorHeap.machineMemoryBytes());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("headroom: <heap>: " + e.getMessage());
        }
        getLog().info("headroom: generator heap " + heapOption);
        ForkedCli cli = new ForkedCli(java(), List.of(heapOption), classPath(), basedir.toPath());
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try {
            if (startDemo) {
                try (DemoProcess demo = DemoProcess.start(cli, line -> getLog().debug("demo: " + line))) {
                    getLog().info("headroom: demo shop at " + demo.baseUrl());
                    runAll(cli, planFiles, demo.baseUrl(), failures, warnings);
                }
            } else {
                runAll(cli, planFiles, null, failures, warnings);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("headroom: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("headroom: interrupted", e);
        }
        warnings.forEach(w -> getLog().warn(w));
        if (!failures.isEmpty()) {
            failures.forEach(f -> getLog().error(f));
            throw new MojoFailureException(String.join("\n", failures));
        }
    }

    private void runAll(ForkedCli cli, List<Path> planFiles, String demoUrl, List<String> failures, List<String> warnings)
            throws IOException, InterruptedException, MojoExecutionException {
        for (Path plan : planFiles) {
            String name = PlanRunArguments.planName(plan);
            Path dir = reportsDirectory.toPath().resolve(name);
            Files.createDirectories(dir);
            getLog().info("headroom: running " + basedir.toPath().relativize(plan.toAbsolutePath()) + " (reports in " + dir + ")");
            Map<String, String> variables = new LinkedHashMap<>();
            if (demoUrl != null) variables.put("BASE_URL", demoUrl);
            if (env != null) variables.putAll(env);
            String url = baseUrl != null ? baseUrl : demoUrl;
            ForkedCli.Outcome run = cli.run(PlanRunArguments.run(plan, dir, url, variables, acceptInvalidRun), this::info);
            List<String> verdict = judgeRun(name, run, dir);
            if (verdict == null) continue;
            boolean soft = !failOnThresholds && (run.exitCode() == CROSSED || run.exitCode() == INVALID_RUN);
            (soft ? warnings : failures).addAll(verdict);
        }
        for (Path plan : planFiles) {
            String name = PlanRunArguments.planName(plan);
            Path baseline = baseline(name);
            if (baseline == null) continue;
            Path current = reportsDirectory.toPath().resolve(name).resolve(PlanRunArguments.SUMMARY);
            if (!Files.isRegularFile(current)) continue;
            getLog().info("headroom: comparing " + name + " with " + baseline);
            ForkedCli.Outcome compared = cli.run(PlanRunArguments.compare(baseline, current, maxRegression,
                    current.resolveSibling("comparison.md")), this::info);
            if (compared.exitCode() == OK) continue;
            List<String> message = new ArrayList<>();
            message.add(compared.exitCode() == CROSSED
                    ? "headroom: " + name + " regressed against " + baseline + " (beyond " + maxRegression + "):"
                    : "headroom: could not compare " + name + " with " + baseline + " (exit " + compared.exitCode() + "):");
            compared.lines().forEach(l -> message.add("  " + l));
            (compared.exitCode() == CROSSED && !failOnThresholds ? warnings : failures).addAll(message);
        }
    }

    /** The failure lines of one run, or null when it passed. */
    private static List<String> judgeRun(String name, ForkedCli.Outcome run, Path dir) throws MojoExecutionException {
        switch (run.exitCode()) {
            case OK:
                return null;
            case CROSSED: {
                List<String> lines = new ArrayList<>();
                lines.add("headroom: " + name + ": thresholds crossed (reports in " + dir + "):");
                CrossedThresholds.read(dir.resolve(PlanRunArguments.JUNIT)).forEach(t -> lines.add("  " + t));
                return lines;
            }
            case INVALID_RUN:
                return List.of("headroom: " + name + ": invalid run, the generator was the bottleneck (see the summary above;"
                        + " acceptInvalidRun judges by the thresholds alone)");
            case USAGE:
                return Stream.concat(Stream.of("headroom: " + name + ": invalid plan or settings:"),
                        run.lines().stream().filter(l -> !l.isBlank()).map(l -> "  " + l)).collect(Collectors.toList());
            default:
                throw new MojoExecutionException("headroom: " + name + ": the run failed with exit code " + run.exitCode()
                        + ":\n  " + String.join("\n  ", run.lines()));
        }
    }

    private Path baseline(String planName) {
        if (compareWith == null) return null;
        Path given = compareWith.toPath();
        if (Files.isRegularFile(given)) return given;
        Path inFolder = given.resolve(planName).resolve(PlanRunArguments.SUMMARY);
        if (Files.isRegularFile(inFolder)) return inFolder;
        getLog().warn("headroom: no baseline for " + planName + " at " + (Files.isDirectory(given) ? inFolder : given)
                + "; not compared");
        return null;
    }

    private List<Path> planFiles() throws MojoExecutionException {
        if (plans != null && !plans.isEmpty()) {
            List<Path> files = new ArrayList<>();
            for (File f : plans) {
                Path p = f.isAbsolute() ? f.toPath() : basedir.toPath().resolve(f.toPath());
                if (!Files.isRegularFile(p)) throw new MojoExecutionException("headroom: plan " + p + " does not exist");
                files.add(p);
            }
            return files;
        }
        if (!plansDirectory.isDirectory()) return List.of();
        try (Stream<Path> listed = Files.list(plansDirectory.toPath())) {
            return listed.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("headroom: cannot list " + plansDirectory + ": " + e.getMessage(), e);
        }
    }

    private Path java() throws MojoExecutionException {
        Toolchain jdk = toolchains == null ? null : toolchains.getToolchainFromBuildContext("jdk", session);
        String fromToolchain = jdk == null ? null : jdk.findTool("java");
        try {
            Path java = JavaLauncher.find(javaExecutable == null ? null : javaExecutable.toPath(),
                    fromToolchain == null ? null : Path.of(fromToolchain));
            getLog().debug("headroom: forking " + java);
            return java;
        } catch (IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private String classPath() {
        return pluginArtifacts.stream().filter(a -> a.getFile() != null)
                .map(a -> a.getFile().getAbsolutePath()).collect(Collectors.joining(File.pathSeparator));
    }

    private void info(String line) {
        getLog().info(line);
    }
}
