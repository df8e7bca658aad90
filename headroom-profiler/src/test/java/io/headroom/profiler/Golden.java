package io.headroom.profiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under src/test/resources/io/headroom/profiler. Run with {@code -Dgolden.update=true} to
 * rewrite them from the current output (then review the diff before committing).
 */
public final class Golden {
    private static final Path SOURCE_DIR = Path.of("src/test/resources/io/headroom/profiler");

    private Golden() {}

    public static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = Golden.class.getResourceAsStream(name)) {
            if (in == null) {
                Path out = Path.of("target/golden-actual").resolve(name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
                throw new AssertionError("golden file " + name + " is missing; the actual output is in " + out);
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(actual).as("golden file %s (rewrite with -Dgolden.update=true)", name).isEqualTo(expected);
    }

    /** The checked-in recording of {@link FixtureProgram}. */
    public static Path fixtureRecording() {
        try {
            return Path.of(Golden.class.getResource("fixture.jfr").toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture.jfr is missing from the test resources", e);
        }
    }
}
