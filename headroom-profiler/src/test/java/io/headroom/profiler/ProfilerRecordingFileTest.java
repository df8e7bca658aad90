package io.headroom.profiler;

import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code headroom profile --jfr FILE}, and the checks every kind of request shares. */
class ProfilerRecordingFileTest {

    @Test
    void analysesARecordingFileAndWritesEveryRequestedOutput(@TempDir Path dir) throws Exception {
        Path jfr = Files.copy(Golden.fixtureRecording(), dir.resolve("fixture.jfr"));
        ProfileRequest request = ProfileRequest.of(new ProfileSource.JfrFile(jfr))
                .withDefaultHtml().withJsonFile(dir.resolve("p.json")).withCollapsedFile(dir.resolve("stacks.txt"));
        StringWriter console = new StringWriter();

        Profile profile = Profiler.run(request, new PrintWriter(console, true));

        assertThat(request.htmlFile()).isEqualTo(dir.resolve("fixture.html"));
        assertThat(Files.readString(dir.resolve("fixture.html"))).contains("CPU flame graph: fixture.jfr");
        assertThat(ProfileJson.read(dir.resolve("p.json"))).isEqualTo(profile.report());
        assertThat(Files.readString(dir.resolve("stacks.txt"))).isEqualTo(profile.cpuStacks().toText());
        assertThat(console.toString())
                .contains("hot methods (self time)")
                .contains("Flame graph: " + dir.resolve("fixture.html"))
                .contains("JSON: " + dir.resolve("p.json"))
                .contains("Collapsed stacks: " + dir.resolve("stacks.txt"));
    }

    @Test
    void explainsAMissingOrUnreadableRecording(@TempDir Path dir) throws Exception {
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        assertThatThrownBy(() -> Profiler.run(ProfileRequest.of(new ProfileSource.JfrFile(dir.resolve("nope.jfr"))), out))
                .isInstanceOf(ProfilerException.class).hasMessage("no such recording: " + dir.resolve("nope.jfr"));
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello");
        assertThatThrownBy(() -> Profiler.run(ProfileRequest.of(new ProfileSource.JfrFile(text)), out))
                .isInstanceOf(ProfilerException.class).hasMessageStartingWith("cannot read " + text + " as a JFR recording");
    }

    @Test
    void refusesAnOutputInAMissingDirectoryBeforeRecordingAnything(@TempDir Path dir) {
        // The pid does not matter: the output check comes first, so nothing is attached to.
        ProfileRequest request = ProfileRequest.of(new ProfileSource.Attach(1, Duration.ofSeconds(30)))
                .withJsonFile(dir.resolve("missing/profile.json"));

        assertThatThrownBy(() -> Profiler.run(request, new PrintWriter(new StringWriter(), true)))
                .isInstanceOf(ProfilerException.class)
                .hasMessageContaining("the directory " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void defaultFlameGraphNameSaysWhatWasProfiled() {
        assertThat(ProfileRequest.of(new ProfileSource.Attach(4242, Duration.ofSeconds(1))).withDefaultHtml().htmlFile())
                .isEqualTo(Path.of("flame-4242.html"));
        assertThat(ProfileRequest.of(new ProfileSource.JfrFile(Path.of("/r/app.jfr"))).withDefaultHtml().htmlFile())
                .isEqualTo(Path.of("/r/app.html"));
        assertThat(ProfileRequest.of(new ProfileSource.Launch(List.of("java", "-jar", "a.jar"), null,
                ProcessBuilder.Redirect.INHERIT)).withDefaultHtml().htmlFile()).isEqualTo(Path.of("flame.html"));
        assertThat(ProfileRequest.of(new ProfileSource.JfrFile(Path.of("x.jfr"))).withHtmlFile(Path.of("mine.html"))
                .withDefaultHtml().htmlFile()).isEqualTo(Path.of("mine.html"));
    }
}
