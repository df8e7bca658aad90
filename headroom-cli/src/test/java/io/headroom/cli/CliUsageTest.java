package io.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliUsageTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("run", "validate", "demo", "serve-demo", "Exit codes");
    }

    @Test
    void helpFooterListsEveryExitCode() {
        CliRun run = CliRun.of("--help");

        String footer = run.out().substring(run.out().indexOf("Exit codes:"));
        for (ExitCode code : ExitCode.values()) {
            // picocli wraps long lines at 80 columns: the line starts with the code and the start of its meaning.
            String start = code.help().substring(0, Math.min(20, code.help().length()));
            assertThat(footer).as(code.name()).containsPattern("(?m)^  " + code.code() + " +"
                    + java.util.regex.Pattern.quote(start));
        }
        // The lines the footer always had, in its order.
        assertThat(ExitCode.helpFooter()).containsExactly("", "Exit codes:",
                "  0    the run finished and every threshold held",
                "  99   a threshold was crossed",
                "  98   invalid run: the generator could not keep up (own CPU, GC, lag, other processes)",
                "  97   results could not all be written (disk full, ...); the others were",
                "  96   stopped early: every request failed with the same error (target down, wrong URL)",
                "  95   an agent of a distributed run was lost (or never registered, or its pod never started)",
                "  2    bad usage or an invalid plan",
                "  107  script error: the Java scenario threw while it was set up",
                "  130  interrupted (Ctrl-C, SIGTERM, SIGHUP); partial results were written",
                "  1    unexpected failure (a bug)");
        assertThat(Main.commandLine(System.out, System.err).getCommandSpec().usageMessage().footer())
                .containsExactly(ExitCode.helpFooter());
    }

    @Test
    void planWithThreeMistakesPrintsAllThreeWithLineNumbersAndExits2() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: three mistakes
                scenarios:
                  browse:
                    executor: constant-vus
                    vus: ten
                    duraton: 10s
                    flow:
                      - get: http://127.0.0.1:9/
                thresholds:
                  http_req_duration: ["p95<500"]
                """);
        CliRun run = CliRun.of("run", plan.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith(plan + ":")).toList())
                .as(run.toString())
                .containsExactly(
                        plan + ":5:10: scenarios.browse.vus: expected a positive integer, found \"ten\"",
                        plan + ":6:5: scenarios.browse.duraton: unknown key 'duraton' (did you mean 'duration'?)",
                        plan + ":10:25: thresholds.http_req_duration[0]: invalid threshold \"p95<500\": expected '(' after p,"
                                + " as in p(95) (expected AGGREGATION OPERATOR NUMBER, such as \"p(95)<500\", \"avg<200\","
                                + " \"rate<0.01\" or \"count>0\")");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingPlanFileExits2WithoutStackTrace() {
        CliRun run = CliRun.of("run", dir.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.yaml", "file not found").doesNotContain("\tat ");
    }

    @Test
    void unknownOptionExits2() {
        CliRun run = CliRun.of("run", "--no-such-flag", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-flag");
    }

    @Test
    void badDurationFlagNamesWhatWasExpected() {
        CliRun run = CliRun.of("run", "--max-duration", "soon", "x.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a duration", "soon");
    }

    @Test
    void validateAcceptsEveryExample() {
        for (String example : new String[] {"01-hello.yaml", "02-ramping.yaml", "03-arrival-rate.yaml",
                "04-thresholds.yaml", "05-checkout-flow.yaml", "load.yaml", "stress.yaml", "soak.yaml", "spike.yaml"}) {
            CliRun run = CliRun.of("validate", Examples.dir().resolve(example).toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
    }

    @Test
    void demoCanPrintItsPlan() {
        CliRun run = CliRun.of("demo", "--print-plan");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("constant-arrival-rate", "ramping-vus", "thresholds:");
    }
}
