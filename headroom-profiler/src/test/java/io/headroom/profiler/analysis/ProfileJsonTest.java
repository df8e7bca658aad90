package io.headroom.profiler.analysis;

import io.headroom.profiler.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileJsonTest {

    @Test
    void aReportReadBackEqualsTheReportWritten(@TempDir Path dir) throws IOException {
        ProfileReport report = JfrAnalyzer.analyse(Golden.fixtureRecording()).report();
        Path file = dir.resolve("profile.json");

        ProfileJson.write(report, file);

        assertThat(ProfileJson.read(file)).isEqualTo(report);
        assertThat(ProfileJson.toJson(report)).startsWith("{\n  \"schema\" : \"headroom.profile/1\",\n  \"recording\" : {");
    }

    @Test
    void refusesJsonThatIsNotAHeadroomProfile() {
        assertThatThrownBy(() -> ProfileJson.fromJson("{\"schema\": \"headroom.summary/1\"}"))
                .isInstanceOf(IOException.class).hasMessageContaining("not a Headroom profile");
        assertThatThrownBy(() -> ProfileJson.fromJson("[1, 2]"))
                .isInstanceOf(IOException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ProfileJson.fromJson("{\"schema\": \"headroom.profile/1\", \"surprise\": 1}"))
                .isInstanceOf(IOException.class);
    }
}
