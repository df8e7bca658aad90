package io.headroom.output.kinds;

import io.headroom.output.OutputKind;
import io.headroom.output.OutputRequest;
import io.headroom.output.otlp.OtlpOutput;
import io.headroom.output.remotewrite.RemoteWriteOutput;
import io.headroom.output.stream.K6CsvOutput;
import io.headroom.output.stream.K6JsonOutput;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every kind {@code --out} knows, in the order {@code --help} lists them. A new output is one class with
 * its {@link OutputKind} constant, and its line here. In a package of its own above the outputs' packages, so that
 * {@code io.headroom.output} (the interface) never depends on its implementations.
 */
public final class OutputKinds {
    /** The kinds, by {@link OutputKind#name()}. */
    public static final List<OutputKind> ALL = List.of(RemoteWriteOutput.KIND, OtlpOutput.KIND, K6JsonOutput.KIND,
            K6CsvOutput.KIND);

    private OutputKinds() {}

    /**
     * Reads one {@code --out} value, {@code KIND=ARG}, checking the kind and its argument.
     *
     * @throws IllegalArgumentException with a message that names the value, what is wrong and the known kinds
     */
    public static OutputRequest parse(String value) {
        int eq = value.indexOf('=');
        String kindName = eq < 0 ? value : value.substring(0, eq);
        OutputKind kind = ALL.stream().filter(k -> k.name().equals(kindName)).findFirst().orElse(null);
        if (kind == null) {
            throw new IllegalArgumentException("unknown output kind '" + kindName + "' in '" + value + "'; known: " + known());
        }
        if (eq < 0 || eq == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' needs its " + kind.argumentLabel() + ": --out "
                    + kind.name() + "=" + kind.argumentLabel());
        }
        String argument = value.substring(eq + 1);
        kind.check(argument);
        return new OutputRequest(kind, argument);
    }

    /** "prometheus-rw=URL, otlp=URL, json=FILE, csv=FILE". */
    public static String known() {
        return ALL.stream().map(k -> k.name() + "=" + k.argumentLabel()).collect(Collectors.joining(", "));
    }
}
