package io.headroom.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The {@code ./headroom} launcher's JDK 25 AOT cache: created once by a training run, keyed by the jar's hash and the
 * JVM's version, used (and quiet) on every later start, replaced when the jar changes, absent with
 * {@code HEADROOM_AOT=0}. The launcher runs a small jar of this test's own ({@code HEADROOM_JAR}), so the training is
 * a second, not a demo run.
 */
class LauncherAotCacheTest {
    private static final Path LAUNCHER = Path.of("..", "headroom").toAbsolutePath().normalize();
    @TempDir
    Path dir;
    private Path jdk;

    @BeforeEach
    void needsJdk25() {
        jdk = Path.of(ProcessHandle.current().info().command().orElse("java")).getParent().getParent();
        assumeThat(Runtime.version().feature()).as("the AOT cache needs JDK 25").isGreaterThanOrEqualTo(25);
        assumeThat(Files.isExecutable(jdk.resolve("bin/javac"))).as("a JDK (the launcher wants javac)").isTrue();
        assumeThat(Files.isExecutable(LAUNCHER)).isTrue();
    }

    /** A jar whose main prints "hello VERSION". */
    private Path jar(String version) throws Exception {
        Path src = dir.resolve("src-" + version);
        Files.createDirectories(src);
        Files.writeString(src.resolve("Hello.java"), "public class Hello { public static void main(String[] a) {"
                + " System.out.println(\"hello " + version + "\"); } }");
        Path classes = dir.resolve("classes-" + version);
        assertThat(run(List.of(jdk.resolve("bin/javac").toString(), "-d", classes.toString(), src.resolve("Hello.java").toString()),
                Map.of()).exitCode).isZero();
        Path jar = dir.resolve("hello.jar");
        Files.deleteIfExists(jar);
        assertThat(run(List.of(jdk.resolve("bin/jar").toString(), "--create", "--file", jar.toString(), "--main-class", "Hello",
                "-C", classes.toString(), "."), Map.of()).exitCode).isZero();
        return jar;
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "out", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private Result launch(Path jar, Path cache, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> env = new java.util.HashMap<>(Map.of("JAVA_HOME", jdk.toString(), "HEADROOM_JAR", jar.toString(),
                "HEADROOM_CACHE_DIR", cache.toString()));
        env.putAll(extra);
        return run(List.of(LAUNCHER.toString(), "--version"), env);
    }

    private static List<Path> caches(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".aot")).toList();
        }
    }

    @Test
    void theFirstStartTrainsTheCacheAndLaterStartsUseItQuietly() throws Exception {
        Path cache = dir.resolve("cache");
        Path jar = jar("1");
        Result first = launch(jar, cache, Map.of());
        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(first.output).contains("hello 1").contains("preparing the start-up cache");
        assertThat(caches(cache)).as("one cache for this jar and JVM").singleElement().satisfies(f ->
                assertThat(f.getFileName().toString()).contains(Runtime.version().toString().replace('+', '_').replace('-', '_')));
        Path created = caches(cache).getFirst();

        // the second start maps it (the JVM says so when asked) and prints nothing of it otherwise
        Result second = launch(jar, cache, Map.of("HEADROOM_JAVA_OPTS", "-Xlog:aot"));
        assertThat(second.output).contains("Opened AOT cache " + created).contains("hello 1");
        Result quiet = launch(jar, cache, Map.of());
        assertThat(quiet.output.strip()).isEqualTo("hello 1");

        // a new build is a new key: trained again, and the stale cache of the old jar is gone
        Path rebuilt = jar("2");
        Result third = launch(rebuilt, cache, Map.of());
        assertThat(third.output).contains("hello 2").contains("preparing the start-up cache");
        assertThat(caches(cache)).singleElement().isNotEqualTo(created);
    }

    @Test
    void disabledMeansNoCacheAndNoTraining() throws Exception {
        Path cache = dir.resolve("cache");
        Result off = launch(jar("1"), cache, Map.of("HEADROOM_AOT", "0", "HEADROOM_JAVA_OPTS", "-Xlog:aot"));
        assertThat(off.exitCode).as(off.output).isZero();
        assertThat(off.output).contains("hello 1").doesNotContain("preparing the start-up cache").doesNotContain("Opened AOT cache");
        assertThat(caches(cache)).isEmpty();
    }

    @Test
    void aFailedTrainingLeavesNoCacheAndTheCommandStillRuns() throws Exception {
        Path cache = dir.resolve("cache");
        Files.writeString(cache, "a file where the cache folder should be"); // the cache cannot be created
        Result run = launch(jar("1"), cache, Map.of());
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("hello 1");
        assertThat(Files.isRegularFile(cache)).isTrue();
    }
}
