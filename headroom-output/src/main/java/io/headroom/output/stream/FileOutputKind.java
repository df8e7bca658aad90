package io.headroom.output.stream;

import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.OutputKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@code --out NAME=FILE} kind that streams lines of one {@link LineFormat} into a file (gzipped for
 * {@code FILE.gz}), capped at {@link StreamFileOutput#MAX_BYTES}: the json and csv kinds differ only in their name,
 * help and format. Stateless and thread-safe; {@code format} is called once per run.
 */
record FileOutputKind(String name, String help, Function<OutputContext, LineFormat> format) implements OutputKind {
    @Override
    public String argumentLabel() {
        return "FILE";
    }

    @Override
    public void check(String argument) {
        FileArgument.of(name, argument);
    }

    @Override
    public Optional<Path> file(String argument) {
        return Optional.of(FileArgument.of(name, argument));
    }

    @Override
    public LiveOutput open(String argument, OutputContext context) throws IOException {
        return new StreamFileOutput(name, FileArgument.of(name, argument), format.apply(context), context,
                StreamFileOutput.MAX_BYTES);
    }
}
