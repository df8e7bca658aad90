package io.headroom.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a {@code java} of version 21 or newer for the forked run, since Maven's own JVM may be older.
 * The order is the launcher script's, after what the build names: the configured executable, the build's JDK
 * toolchain, Maven's own JVM, {@code JAVA_HOME}, then the newest JDK under {@code /usr/lib/jvm}. Stateless.
 */
final class JavaLauncher {
    static final int MIN_FEATURE = 21;
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");

    private JavaLauncher() {}

    /**
     * The java executable to fork.
     *
     * @param configured the goal's {@code javaExecutable}, or null
     * @param toolchainJava the build context's JDK toolchain's java, or null
     * @throws IllegalStateException naming what was tried when no Java 21+ is found
     */
    static Path find(Path configured, Path toolchainJava) {
        if (configured != null) return configured;
        if (toolchainJava != null) return toolchainJava;
        Path self = Path.of(System.getProperty("java.home"), "bin", executable());
        if (Runtime.version().feature() >= MIN_FEATURE && Files.isExecutable(self)) return self;
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            Optional<Path> fromHome = qualifying(Path.of(javaHome));
            if (fromHome.isPresent()) return fromHome.get();
        }
        Path best = null;
        int bestFeature = 0;
        for (Path home : jvmFolders()) {
            int feature = feature(home);
            Path java = home.resolve("bin").resolve(executable());
            if (feature >= MIN_FEATURE && feature > bestFeature && Files.isExecutable(java)) {
                best = java;
                bestFeature = feature;
            }
        }
        if (best != null) return best;
        throw new IllegalStateException("Headroom needs Java " + MIN_FEATURE + " or newer, and Maven runs on Java "
                + Runtime.version().feature() + ": configure a JDK toolchain (maven-toolchains-plugin's"
                + " select-jdk-toolchain goal with <version>[21,)</version>), set <javaExecutable> or"
                + " -Dheadroom.javaExecutable, or point JAVA_HOME at a JDK 21+");
    }

    private static Optional<Path> qualifying(Path home) {
        Path java = home.resolve("bin").resolve(executable());
        return feature(home) >= MIN_FEATURE && Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }

    /** The feature version from the JDK's {@code release} file, or 0 when unreadable. */
    static int feature(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            if (!m.find()) return 0;
            int major = Integer.parseInt(m.group(1));
            return major == 1 ? 8 : major; // "1.8.0_x" is Java 8
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static List<Path> jvmFolders() {
        List<Path> homes = new ArrayList<>();
        Path root = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(root)) return homes;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            dirs.forEach(homes::add);
        } catch (IOException e) {
            return homes;
        }
        return homes;
    }

    private static String executable() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
    }
}
