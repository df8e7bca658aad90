package io.headroom.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One kind of live output, by its {@code --out} name ({@code prometheus-rw}, {@code otlp}, {@code json}, {@code csv}): checks the
 * argument when the command line is read and opens the output when the run starts. Listed in
 * {@code OutputKinds.ALL}; stateless and thread-safe.
 */
public interface OutputKind {
    /** The name before {@code =}: {@code prometheus-rw}. */
    String name();

    /** What follows {@code =} in the help text: {@code URL} or {@code FILE}. */
    String argumentLabel();

    /** One line for {@code --help}. */
    String help();

    /**
     * Checks {@code argument} as typed, before anything runs.
     *
     * @throws IllegalArgumentException with a message that names what is wrong (exit 2)
     */
    void check(String argument);

    /** The file the output writes, for the pre-run check every output file gets; empty for network outputs. */
    default Optional<Path> file(String argument) {
        return Optional.empty();
    }

    /**
     * Opens the output for one run: no data is sent yet.
     *
     * @throws IOException when it cannot be opened (the file cannot be created); the run does not start
     */
    LiveOutput open(String argument, OutputContext context) throws IOException;
}
