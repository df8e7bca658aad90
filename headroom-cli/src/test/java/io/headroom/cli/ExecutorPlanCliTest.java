package io.headroom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Executor options where k6's checks decide: a plan k6 rejects exits 2 naming file, line and field; one it accepts runs. */
class ExecutorPlanCliTest {
    @TempDir
    Path dir;

    private Path plan(String scenario) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "name: executors\nbaseUrl: http://127.0.0.1:9\nscenarios:\n  s:\n" + scenario.indent(4)
                + "    flow:\n      - get: /\n");
        return plan;
    }

    @Test
    void aRampingVusWithoutAnyVuIsAPlanErrorWithK6sReason() throws IOException {
        Path plan = plan("executor: ramping-vus\nstartVUs: 0\nstages:\n  - {duration: 5s, target: 0}");
        CliRun run = CliRun.of("validate", plan.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE.code()).isEqualTo(2);
        assertThat(run.err()).contains(plan + ":8:")
                .contains("scenarios.s.stages: either startVUs or one of the stages' target values must be greater than 0")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noPreAllocatedVusWithAMaxVusIsAcceptedAsK6Does() throws IOException {
        CliRun run = CliRun.of("validate", plan("executor: constant-arrival-rate\nrate: 5\nduration: 2s\npreAllocatedVUs: 0\nmaxVUs: 3")
                .toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void noVusAtAllIsAPlanError() throws IOException {
        Path plan = plan("executor: constant-arrival-rate\nrate: 5\nduration: 2s\npreAllocatedVUs: 0");
        CliRun run = CliRun.of("validate", plan.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(plan + ":5:").contains("scenarios.s.maxVUs: expected above 0 when preAllocatedVUs is 0");
    }
}
