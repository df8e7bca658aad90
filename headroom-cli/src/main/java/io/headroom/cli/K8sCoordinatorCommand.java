package io.headroom.cli;

import io.headroom.kubernetes.ResultBundle;
import io.headroom.kubernetes.RunObjectsSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code headroom k8s coordinator}: what the coordinator's pod runs (hidden: {@code k8s run} starts it). It is
 * {@code headroom run PLAN --agents N --listen 0.0.0.0:PORT} writing the summary and every report into one folder,
 * followed by that folder as a {@link ResultBundle} on stdout, so the CLI that follows the pod's log gets them back.
 * Exits with the run's code.
 */
@Command(name = "coordinator", hidden = true, mixinStandardHelpOptions = true,
        description = "The coordinator's pod of 'headroom k8s run' (not for direct use): run --agents N --listen 0.0.0.0:PORT, then print the results bundle.")
final class K8sCoordinatorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--agents", required = true, paramLabel = "N")
    int agents;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + RunObjectsSpec.DEFAULT_PORT)
    int port;

    @Option(names = "--agent-wait", paramLabel = "DURATION", defaultValue = "5m")
    String agentWait;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = RunObjectsSpec.OUT_DIR)
    Path outDir;

    /** The plan and the other {@code run} options, as they are. */
    @Unmatched
    List<String> runArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(outDir);
        List<String> args = new ArrayList<>(List.of("run", "--agents", Integer.toString(agents), "--listen", "0.0.0.0:" + port,
                "--agent-wait", agentWait, "--json", outDir.resolve(ResultBundle.SUMMARY).toString(),
                "--html", outDir.resolve("report.html").toString(), "--junit", outDir.resolve("junit.xml").toString(),
                "--no-history"));
        args.addAll(runArgs);
        // the pod's log is its stdout and stderr: the run's own output, then the bundle
        PrintStream out = System.out;
        int code = Main.run(args.toArray(String[]::new), out, System.err);
        System.err.flush();
        ResultBundle.print(outDir, code, out);
        return code;
    }
}
