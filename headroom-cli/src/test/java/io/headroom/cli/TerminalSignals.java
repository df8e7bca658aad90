package io.headroom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assumptions.assumeThat;

/** Child processes that must take SIGINT and SIGHUP as a terminal delivers them (InterruptTest, DistributedRunTest). */
final class TerminalSignals {
    private TerminalSignals() {}

    /**
     * {@code nohup} starts the build with SIGHUP ignored, and a shell without job control starts a background job
     * with SIGINT ignored; a child inherits both, and a JVM never handles a signal it started ignoring (which is what
     * nohup asks of it). These tests need the terminal's defaults, so then the child starts through perl (Debian's
     * perl-base is essential), which resets them and execs java in the same process.
     */
    static List<String> withTerminalDefaults(List<String> command) throws IOException {
        if ((ignoredSignals() & 0b11) == 0) return command; // SIGHUP (1) and SIGINT (2) as a terminal delivers them
        assumeThat(Files.isExecutable(Path.of("/usr/bin/perl"))).as("SIGHUP or SIGINT is ignored here and there is no"
                + " perl to reset it").isTrue();
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/perl", "-e",
                "$SIG{HUP} = 'DEFAULT'; $SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** SigIgn of /proc/self/status: bit n−1 is signal n. */
    private static long ignoredSignals() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) return Long.parseUnsignedLong(line.substring(7).strip(), 16);
        }
        return 0;
    }
}
