package io.headroom.profiler;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Where a profile comes from: a running JVM, a JVM Headroom launches, or a recording on disk. Immutable. */
public sealed interface ProfileSource {

    /** Attach to the running local JVM {@code pid} and record for {@code duration} (positive). */
    record Attach(long pid, Duration duration) implements ProfileSource {
        public Attach {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be positive");
        }
    }

    /**
     * Launch {@code command} (starting with {@code java}) with recording on; analyse when it exits, or stop it
     * after {@code maxDuration} when that is not null.
     *
     * @param output where the JVM's stdout and stderr go ({@link Redirect#INHERIT} for a terminal)
     */
    record Launch(List<String> command, Duration maxDuration, Redirect output) implements ProfileSource {
        public Launch {
            command = List.copyOf(command);
            Objects.requireNonNull(output, "output");
            if (maxDuration != null && (maxDuration.isNegative() || maxDuration.isZero())) {
                throw new IllegalArgumentException("maxDuration must be positive");
            }
        }
    }

    /** Analyse an existing JFR recording. */
    record JfrFile(Path file) implements ProfileSource {
        public JfrFile {
            Objects.requireNonNull(file, "file");
        }
    }
}
