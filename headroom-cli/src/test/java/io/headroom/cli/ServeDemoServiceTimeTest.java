package io.headroom.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServeDemoServiceTimeTest {
    @Test
    void negativeServiceTimeExits2AndNamesTheFlag() {
        CliRun run = CliRun.of("serve-demo", "--port", "0", "--service-ms", "-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--service-ms: service time median", "-1").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheServiceTimeFlag() {
        CliRun run = CliRun.of("serve-demo", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--service-ms");
    }
}
