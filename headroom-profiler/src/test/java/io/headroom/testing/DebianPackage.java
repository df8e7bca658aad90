package io.headroom.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tool a test needs from a Debian package (chromium, prometheus), installed with apt-get the first time a test asks
 * for it when it is missing and the tests run as root, so a clean machine runs the same tests as a prepared one. A
 * test is skipped (with the reason) only when the install fails. One install attempt per package per test JVM.
 */
public final class DebianPackage {
    private static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final Map<String, String> FAILED = new HashMap<>();
    private static boolean updated;

    private DebianPackage() {}

    /**
     * The first executable of {@code candidates}, installing {@code debianPackage} if none is there; aborts (skips)
     * the calling test when that is impossible.
     */
    public static synchronized Path require(String debianPackage, List<Path> candidates) {
        Path found = find(candidates);
        if (found != null) return found;
        String reason = FAILED.computeIfAbsent(debianPackage, DebianPackage::install);
        found = find(candidates);
        if (found == null && reason == null) {
            reason = "apt-get installed " + debianPackage + " but none of " + candidates + " is there";
            FAILED.put(debianPackage, reason);
        }
        String why = reason;
        Assumptions.assumeTrue(found != null, () -> debianPackage + " not available, skipping: " + why);
        return found;
    }

    private static Path find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Runs apt-get update (once) and install; returns null on success, else why it failed. */
    private static String install(String debianPackage) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return debianPackage + " is not installed and the tests do not run as root (apt-get install " + debianPackage + ")";
        }
        if (!updated) {
            String update = run(List.of("apt-get", "update", "-q"));
            if (update != null) return update;
            updated = true;
        }
        return run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300",
                debianPackage));
    }

    private static String run(List<String> command) {
        try {
            Path log = Files.createTempFile("headroom-apt-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = builder.start();
            if (!p.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish in " + INSTALL_TIMEOUT_MINUTES + " minutes";
            }
            if (p.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            }
            return null;
        } catch (IOException e) {
            return "cannot run apt-get: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while installing";
        }
    }
}
