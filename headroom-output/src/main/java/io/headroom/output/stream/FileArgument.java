package io.headroom.output.stream;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The FILE of {@code --out json=FILE} and {@code --out csv=FILE}, checked. */
final class FileArgument {
    private FileArgument() {}

    static Path of(String kind, String argument) {
        if (argument.equals("-")) {
            throw new IllegalArgumentException(kind + ": standard output is for the summary; give a file, e.g. --out "
                    + kind + "=results." + kind);
        }
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(kind + ": '" + argument + "' is not a file name: " + e.getReason());
        }
    }
}
