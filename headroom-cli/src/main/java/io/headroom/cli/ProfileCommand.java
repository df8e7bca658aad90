package io.headroom.cli;

import io.headroom.profiler.DurationText;
import io.headroom.profiler.ProfileRequest;
import io.headroom.profiler.ProfileSource;
import io.headroom.profiler.Profiler;
import io.headroom.profiler.ProfilerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code headroom profile}: records a JVM with JDK Flight Recorder (attach by pid, or launch a java command)
 * or reads a recording, and writes a flame graph, a JSON report and a terminal summary. The work is
 * {@link Profiler#run}; this class only turns flags into a {@link ProfileRequest}.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false, subcommands = ProfileDiffCommand.class,
        description = {"Profile a JVM with JDK Flight Recorder: CPU and wall-clock flame graphs, hot methods, "
                + "allocation, GC pauses, "
                + "lock contention, socket and file I/O, and CPU per thread.",
                "Give one of: --pid N (attach to a running local JVM), --jfr FILE (analyse a recording), "
                        + "or -- java ... (launch a JVM with recording on)."},
        footer = {"", "Examples:",
                "  headroom profile --pid 12345 --duration 30s",
                "  headroom profile --jfr recording.jfr --json profile.json",
                "  headroom profile --duration 1m -- java -jar app.jar --server.port=8080",
                "  headroom profile diff before.jfr after.jfr",
                "", "Ctrl-C while recording stops early and still analyses what was recorded. See docs/profiling.md."})
final class ProfileCommand implements Callable<Integer> {
    /** How long an attached recording lasts when --duration is not given. */
    static final Duration DEFAULT_ATTACH_DURATION = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--pid", paramLabel = "PID", description = "Attach to this running local JVM and record it.")
    Long pid;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Analyse this existing JFR recording; records nothing.")
    Path jfrFile;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "How long to record, like 30s, 2m or 1m30s. With --pid the default is 30s; a launched "
                    + "command runs until it exits unless this is given, then it is stopped.")
    String duration;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Flame graph page (default: flame-<pid>.html, <recording>.html next to --jfr, or flame.html); "
                    + "the wall-clock flame graph goes beside it as <name>-wall.html.")
    Path htmlFile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (schema headroom.profile/1).")
    Path jsonFile;

    @Option(names = "--collapsed", paramLabel = "FILE",
            description = "Write the CPU samples as collapsed stacks (frame;frame;... count), for other flame-graph tools.")
    Path collapsedFile;

    @Option(names = "--save-jfr", paramLabel = "FILE",
            description = "Keep the raw recording here (open it in JDK Mission Control).")
    Path saveJfrFile;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "After --: a java command line to launch with recording on.")
    List<String> command;

    @Override
    public Integer call() {
        ProfileRequest request = new ProfileRequest(source(), htmlFile, jsonFile, collapsedFile, saveJfrFile)
                .withDefaultHtml();
        try {
            Profiler.run(request, spec.commandLine().getOut());
        } catch (ProfilerException e) {
            throw new UsageException(e.getMessage());
        }
        return ExitCode.OK.code();
    }

    private ProfileSource source() {
        boolean hasCommand = command != null && !command.isEmpty();
        int sources = (pid != null ? 1 : 0) + (jfrFile != null ? 1 : 0) + (hasCommand ? 1 : 0);
        if (sources == 0) {
            throw new UsageException("say what to profile: --pid N, --jfr FILE, or a java command after -- "
                    + "(see 'headroom profile --help')");
        }
        if (sources > 1) throw new UsageException("give only one of --pid, --jfr and a command after --");
        Duration recordFor = parseDuration();
        if (jfrFile != null) {
            if (recordFor != null) throw new UsageException("--duration applies to recording, not to --jfr");
            if (saveJfrFile != null) throw new UsageException("--save-jfr applies to recording, not to --jfr");
            return new ProfileSource.JfrFile(jfrFile);
        }
        if (pid != null) {
            if (pid <= 0) throw new UsageException("--pid must be a process id (a positive number), got " + pid);
            return new ProfileSource.Attach(pid, recordFor == null ? DEFAULT_ATTACH_DURATION : recordFor);
        }
        return new ProfileSource.Launch(command, recordFor, Redirect.INHERIT);
    }

    private Duration parseDuration() {
        if (duration == null) return null;
        Duration d;
        try {
            d = DurationText.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--duration: " + e.getMessage());
        }
        if (d.isZero()) throw new UsageException("--duration must be longer than 0");
        return d;
    }
}
