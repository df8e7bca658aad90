package io.headroom.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The run's identity and environment as summary metadata, so that {@code compare} can tell runs of an edited plan,
 * another commit, host, CPU or JVM apart: {@code plan.hash} (SHA-256 of the plan file, first 16 hex digits),
 * {@code headroom.version}, {@code git.commit} (of the plan's working directory, when it is in a repository),
 * {@code host.name}, {@code host.cpu} (model name, Linux), {@code host.cpus} and {@code jvm}. Each key is left out
 * when it cannot be found; nothing here fails a run. Stateless.
 */
final class RunEnvironment {
    /** How long {@code git rev-parse} may take before the commit is left out. */
    static final long GIT_TIMEOUT_MILLIS = 2000;

    private RunEnvironment() {}

    /** The environment of a run of the plan read from {@code planSource} (a file path, or empty for none). */
    static Map<String, String> of(String planSource) {
        Map<String, String> env = new LinkedHashMap<>();
        Path plan = planSource == null || planSource.isEmpty() ? null : Path.of(planSource);
        if (plan != null && Files.isRegularFile(plan)) {
            // Unreadable now though it was read a moment ago: the hash is left out.
            String hash = PlanHash.of(plan);
            if (hash != null) env.put("plan.hash", hash);
        }
        String version = Main.class.getPackage().getImplementationVersion();
        env.put("headroom.version", version == null ? "dev" : version);
        Path dir = plan == null ? Path.of("") : plan.toAbsolutePath().getParent();
        String commit = gitCommit(dir == null ? Path.of("") : dir);
        if (commit != null) env.put("git.commit", commit);
        try {
            env.put("host.name", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // No resolvable host name: leave it out.
        }
        String cpu = cpuModel();
        if (cpu != null) env.put("host.cpu", cpu);
        env.put("host.cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("jvm", System.getProperty("java.vm.name", "java") + " " + Runtime.version());
        return env;
    }

    /** HEAD's commit of the repository holding {@code dir}, or null (no git, no repository, too slow). */
    static String gitCommit(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toAbsolutePath().toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(GIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The first "model name" of /proc/cpuinfo, or null elsewhere. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) return line.substring(colon + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or unreadable.
        }
        return null;
    }
}
