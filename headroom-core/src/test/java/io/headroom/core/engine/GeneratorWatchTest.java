package io.headroom.core.engine;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorWatchTest {
    @Test
    void readsBusyStealAndTheCpuCountFromProcStat() {
        // the kernel's format (Documentation/filesystems/proc.rst): user nice system idle iowait irq softirq steal guest guest_nice
        var cpu = GeneratorWatch.MachineCpu.parse(List.of(
                "cpu  100 5 50 800 20 3 2 7 0 0",
                "cpu0 50 2 25 400 10 1 1 3 0 0",
                "cpu1 50 3 25 400 10 2 1 4 0 0",
                "intr 12345",
                "ctxt 999"));
        assertThat(cpu.busyTicks()).isEqualTo(100 + 5 + 50 + 3 + 2);
        assertThat(cpu.stealTicks()).isEqualTo(7);
        assertThat(cpu.totalTicks()).isEqualTo(100 + 5 + 50 + 800 + 20 + 3 + 2 + 7);
        assertThat(cpu.cpus()).isEqualTo(2);
    }

    @Test
    void aFileNotInTheKernelsFormatReadsAsNotMeasured() {
        assertThat(GeneratorWatch.MachineCpu.parse(List.of("no cpu here"))).isNull();
        assertThat(GeneratorWatch.MachineCpu.parse(List.of("cpu  1 2 3"))).isNull();
        assertThat(GeneratorWatch.MachineCpu.read(Path.of("/nonexistent/stat"))).isNull();
    }

    @Test
    void thisMachinesProcStatIsRead() {
        Path stat = Path.of("/proc/stat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(stat), "not Linux");
        var cpu = GeneratorWatch.MachineCpu.read(stat);
        assertThat(cpu).isNotNull();
        assertThat(cpu.cpus()).isPositive();
        assertThat(cpu.totalTicks()).isGreaterThan(cpu.busyTicks());
    }
}
