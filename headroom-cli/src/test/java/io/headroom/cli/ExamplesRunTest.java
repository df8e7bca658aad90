package io.headroom.cli;

import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.demo.DemoWebSocketServer;
import io.headroom.report.JsonSummary;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every example runs end to end through the real command line, each against its own demo shop. The
 * examples are light (mostly think time) and last 10–40 s each, so they run side by side on a small pool
 * to keep the build short; the class is isolated so that no other class's run shares the JVM meanwhile
 * (JUnit would run an isolated class's own parameterised cases one after another, hence one test here).
 */
@Isolated
class ExamplesRunTest {
    static final List<String> EXAMPLES = List.of("01-hello.yaml", "02-ramping.yaml", "03-arrival-rate.yaml",
            "04-thresholds.yaml", "05-checkout-flow.yaml", "06-java-scenario/Checkout.java", "08-websocket.yaml", "10-trace-context.yaml", "load.yaml",
            "stress.yaml", "soak.yaml", "spike.yaml");

    @TempDir
    Path dir;

    /** What one example's run left behind, read after it ended. */
    record Outcome(CliRun run, RunResult result, long requestsTheDemoSaw) {}

    @Test
    void everyExampleRunsAgainstTheDemoShop() throws Exception {
        Map<String, Future<Outcome>> outcomes = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
            for (String example : EXAMPLES) outcomes.put(example, pool.submit(() -> run(example)));
        }
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, Future<Outcome>> e : outcomes.entrySet()) {
            String example = e.getKey();
            Outcome o = e.getValue().get();
            // The stress example is meant to push past capacity and may stop itself on its abortOnFail threshold.
            if (example.equals("stress.yaml")) {
                softly.assertThat(o.run().exitCode()).as(example + "\n" + o.run()).isIn(0, 99);
            } else {
                softly.assertThat(o.run().exitCode()).as(example + "\n" + o.run()).isZero();
            }
            if (o.result() == null) continue;
            softly.assertThat(o.result().outcome()).as(example).isIn(RunOutcome.COMPLETED, RunOutcome.ABORTED_BY_THRESHOLD);
            double requests = Results.counter(o.result(), "http_reqs");
            softly.assertThat(requests).as(example + ": requests sent").isPositive();
            softly.assertThat(o.requestsTheDemoSaw()).as(example + ": requests the demo saw").isEqualTo((long) requests);
            if (example.startsWith("08-")) {
                softly.assertThat(Results.counter(o.result(), "ws_sessions")).as(example + ": WebSocket sessions").isPositive();
            }
            softly.assertThat(o.result().checks()).as(example + ": checks").isNotEmpty()
                    .allSatisfy(c -> softly.assertThat(c.passRate()).as(example + ": " + c.name()).isGreaterThan(0.9));
        }
        softly.assertAll();
    }

    private Outcome run(String example) throws Exception {
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults());
             DemoWebSocketServer ws = DemoWebSocketServer.start(0)) {
            Path json = dir.resolve(example.replace('/', '-') + ".summary.json");
            List<String> args = new ArrayList<>(List.of("run", Examples.dir().resolve(example).toString(),
                    "--json", json.toString(), "--quiet", "-e", "BASE_URL=" + demo.baseUrl(),
                    // the examples and their shops share this JVM's cores on purpose: the self-check may rightly
                    // call a run invalid, which is not what this test is about (GeneratorSelfCheckTest is)
                    "--accept-invalid-run"));
            args.addAll(List.of("-e", "WS_URL=" + ws.baseUrl()));
            if (example.endsWith(".java")) args.addAll(List.of("--base-url", demo.baseUrl().toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            RunResult result = json.toFile().exists() ? JsonSummary.read(json) : null;
            return new Outcome(run, result, demo.stats().totalRequests());
        }
    }
}
