package io.headroom.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JavaLauncherTest {
    @Test
    void readsTheFeatureVersionFromTheJdksReleaseFile(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21.0.5\"\n");
        assertThat(JavaLauncher.feature(home)).isEqualTo(21);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        assertThat(JavaLauncher.feature(home)).isEqualTo(8);
    }

    @Test
    void aFolderWithoutReleaseFileIsNoJdk(@TempDir Path home) {
        assertThat(JavaLauncher.feature(home)).isZero();
    }

    @Test
    void theConfiguredExecutableWinsOverTheToolchain() {
        Path configured = Path.of("/opt/jdk-21/bin/java");
        assertThat(JavaLauncher.find(configured, Path.of("/toolchain/bin/java"))).isEqualTo(configured);
        assertThat(JavaLauncher.find(null, Path.of("/toolchain/bin/java"))).isEqualTo(Path.of("/toolchain/bin/java"));
    }
}
