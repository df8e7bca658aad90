package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.AllocationProfile;
import io.headroom.profiler.analysis.ProfileReport.CpuProfile;
import io.headroom.profiler.analysis.ProfileReport.GcProfile;
import io.headroom.profiler.analysis.ProfileReport.LockProfile;
import io.headroom.profiler.analysis.ProfileReport.ProcessCpu;
import io.headroom.profiler.analysis.ProfileReport.RecordingInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSummaryTest {

    @Test
    void anEmptyRecordingSaysWhatIsMissingInsteadOfPrintingEmptyTables() {
        ProfileReport empty = new ProfileReport(new RecordingInfo("", 0, "", "", 0, "", 0),
                new CpuProfile(0, 0, new ProcessCpu(0, 0, 0, 0, 0), List.of(), List.of()),
                new AllocationProfile(0, 0, List.of(), List.of()), new GcProfile("", 0, 0, 0, 0, 0, List.of()),
                new LockProfile(List.of(), List.of()), ProfileReport.WallClockProfile.EMPTY, ProfileReport.IoProfile.EMPTY,
                ProfileReport.HeapAfterGc.EMPTY, List.of(),
                List.of("no CPU samples: ..."));

        String text = ProfileSummary.render(empty);

        assertThat(text).isEqualTo("""
                Profile, 0 ms recorded

                CPU  0 samples

                GC  no collections while recording

                Warnings
                  ! no CPU samples: ...
                """);
    }

    @Test
    void formatsUnitsForPeople() {
        assertThat(ProfileSummary.bytes(512)).isEqualTo("512 B");
        assertThat(ProfileSummary.bytes(3L * 1024 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
        assertThat(ProfileSummary.millis(0.25)).isEqualTo("0.25 ms");
        assertThat(ProfileSummary.millis(251.4)).isEqualTo("251 ms");
        assertThat(ProfileSummary.millis(12_345)).isEqualTo("12.3 s");
        assertThat(ProfileSummary.abbreviate("io.headroom.very.long.pkg.Clazz.method", 20)).isEqualTo("....pkg.Clazz.method").hasSize(20);
        assertThat(ProfileSummary.shortVersion("OpenJDK 64-Bit Server VM (21.0.5+11) for linux-amd64 JRE (21.0.5+11)"))
                .isEqualTo("21.0.5+11");
    }

    @Test
    void warnsWhenSamplesAreFewOrStacksTruncated() {
        ProfileReport.CpuProfile thin = new CpuProfile(40, 20, new ProcessCpu(0, 0, 0, 0, 0), List.of(), List.of());

        List<String> warnings = JfrAnalyzer.warnings(thin);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith("only 40 CPU samples");
        assertThat(warnings.get(1)).startsWith("50.0 % of CPU stacks").contains("stackdepth");
    }
}
