package io.headroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's examples folder from the module's working directory. */
final class Examples {
    private Examples() {}

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("examples");
            if (Files.isDirectory(candidate) && Files.exists(candidate.resolve("01-hello.yaml"))) return candidate;
        }
        throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
    }
}
