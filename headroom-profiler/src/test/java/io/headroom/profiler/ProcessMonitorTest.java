package io.headroom.profiler;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessMonitorTest {

    @Test
    void measuresCpuSpentBetweenSamplesAndMemoryThreadsAndFiles() throws Exception {
        ProcessMonitor monitor = ProcessMonitor.open(ProcessHandle.current().pid());
        long until = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) spin += Long.numberOfTrailingZeros(spin + System.nanoTime());

        ProcessMonitor.Sample sample = monitor.sample();

        assertThat(spin).isNotNegative();
        // One thread spun for the whole interval: at least a fifth of one core, whatever else the machine did.
        assertThat(sample.cpuCores()).isGreaterThan(0.2);
        assertThat(sample.cpuPercent()).isBetween(0.0, 100.0);
        assertThat(sample.rssBytes()).isGreaterThan(10L * 1024 * 1024);
        assertThat(sample.threads()).isGreaterThan(1);
        assertThat(sample.openFiles()).isGreaterThan(2);
    }

    @Test
    void missingProcessIsAClearError() {
        assertThatThrownBy(() -> ProcessMonitor.open(Integer.MAX_VALUE)).isInstanceOf(ProfilerException.class)
                .hasMessage("there is no running process with pid " + Integer.MAX_VALUE + " to monitor");
        assertThatThrownBy(() -> ProcessMonitor.open(-3)).isInstanceOf(ProfilerException.class);
    }
}
