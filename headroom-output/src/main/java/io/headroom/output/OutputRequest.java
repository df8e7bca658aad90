package io.headroom.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One checked {@code --out KIND=ARG}, from {@code OutputKinds.parse}. Immutable.
 *
 * @param kind     its kind
 * @param argument what followed {@code =}: a URL or a file
 */
public record OutputRequest(OutputKind kind, String argument) {
    public OutputRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argument, "argument");
    }

    /** The file it writes, if it writes one. */
    public Optional<Path> file() {
        return kind.file(argument);
    }

    /** Opens it for one run. */
    public LiveOutput open(OutputContext context) throws IOException {
        return kind.open(argument, context);
    }

    @Override
    public String toString() {
        return kind.name() + "=" + argument;
    }
}
