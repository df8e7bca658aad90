package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.script.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code headroom demo}: starts the demo shop on a free loopback port, runs the bundled quickstart plan
 * against it (about 30 s), prints the summary and writes {@code summary.json} into a results folder.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Load-test the built-in demo shop with the quickstart plan (~30 s) and write a summary.",
                "Starts the shop on a free 127.0.0.1 port, runs the plan, prints the summary and writes",
                "summary.json and report.html into a results folder."})
final class DemoCommand implements Callable<Integer> {
    static final String QUICKSTART = "quickstart.yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/demo-<date>-<time> in the current folder).")
    Path outDir;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE",
            description = "Tune the quickstart plan: DEMO_DURATION (30s), DEMO_RATE (50), DEMO_HOLD (20s). Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No live progress.")
    boolean quiet;

    @Option(names = "--print-plan", description = "Print the quickstart plan and exit.")
    boolean printPlan;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String yaml = quickstartPlan();
        if (printPlan) {
            out.print(yaml);
            out.flush();
            return ExitCode.OK.code();
        }
        Path dir = outDir != null ? outDir
                : Path.of("results", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (DemoServer server = DemoServer.start(DemoConfig.defaults())) {
            Map<String, String> envOverrides = new LinkedHashMap<>(PlanSource.parseEnv(env));
            envOverrides.put("BASE_URL", server.baseUrl().toString());
            Plan plan = PlanSource.loader(envOverrides).read(yaml, QUICKSTART, Path.of(""));
            out.println("Demo shop started on " + server.baseUrl() + "; running the quickstart plan"
                    + " (see it with: headroom demo --print-plan)");
            out.flush();
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("command", "demo");
            metadata.put("target", "headroom demo shop " + server.baseUrl());
            Path summary = dir.resolve("summary.json");
            ReportOutputs outputs = new ReportOutputs();
            outputs.htmlFile = dir.resolve("report.html");
            // The shop and the generator share this process and its cores, so the self-check's verdict is
            // shown but does not set the exit code here.
            RunRequest request = new RunRequest(plan, metadata, summary, outputs, new LiveMetricsOption(),
                    new TargetOptions(), quiet, true, true);
            int code = new RunSession(out, spec.commandLine().getErr()).run(request);
            out.println("Results are in " + dir.toAbsolutePath().normalize()
                    + " (summary.json: every metric with its full HDR histogram).");
            out.println("Open the report: " + outputs.htmlFile.toAbsolutePath().normalize().toUri());
            out.flush();
            return code;
        }
    }

    static String quickstartPlan() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(QUICKSTART)) {
            if (in == null) throw new IllegalStateException("the bundled " + QUICKSTART + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
