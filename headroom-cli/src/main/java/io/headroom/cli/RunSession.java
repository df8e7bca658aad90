package io.headroom.cli;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.time.NanoClock;
import io.headroom.http.HttpTransport;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.profiler.target.TargetObservation;
import io.headroom.report.ConsoleSummary;
import io.headroom.report.JsonSummary;
import io.headroom.report.ProgressPrinter;
import io.headroom.report.Redaction;
import io.headroom.report.Terminal;
import io.headroom.script.run.Headroom;
import io.headroom.script.run.Warmup;
import io.headroom.script.plan.Plan;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one plan the way every command does: live progress, Ctrl-C handling, the end-of-test summary, the
 * JSON summary, and the exit code. Shared by {@code run} and {@code demo}.
 */
final class RunSession {
    private final PrintWriter out;
    private final PrintWriter err;

    RunSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code request}'s plan, writes the outputs it asks for, and returns the exit code. */
    int run(RunRequest request) {
        Plan plan = request.plan();
        Path jsonFile = request.jsonFile();
        ReportOutputs outputs = request.outputs();
        if (jsonFile != null) ReportOutputs.checkWritable("--json", jsonFile);
        outputs.checkWritable();
        Set<String> redact = new HashSet<>(outputs.redactNames());
        redact.addAll(plan.redact());
        RunResult result;
        TargetObservation observation = null;
        try (HttpTransport transport = Headroom.defaultTransport()) {
            RunSpec spec = plan.toRunSpec(transport, request.metadata());
            if (request.warmup() && Warmup.worthIt(spec)) Warmup.run(transport, Warmup.DEFAULT_ITERATIONS);
            Engine engine = new Engine();
            RunListener progress = request.quiet() ? ProgressPrinter.quiet() : progressPrinter();
            observation = request.target().start(engine, spec, err);
            try (var signals = StopSignals.install(engine, err);
                 var exporter = request.live().start(spec.thresholds(), Redaction.texts(redact, request.secretValues()), err)) {
                // Live outputs show no more than the summary: the same redaction, applied as the run goes.
                progress = Redaction.live(LiveMetricsOption.both(progress, exporter), redact, request.secretValues());
                result = engine.run(spec, progress);
            } catch (IllegalArgumentException e) {
                // The engine checks the whole spec before it starts anything; what it rejects is the user's input.
                throw new UsageException((plan.source().isEmpty() ? plan.name() : plan.source()) + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            if (observation != null) observation.close();
            throw e;
        }
        // Credentials in URLs and secret header values never reach the console or any file.
        result = Redaction.apply(result, redact, request.secretValues());
        boolean colour = Terminal.colourWanted(Terminal.stdoutIsTerminal(), System.getenv());
        out.print(new ConsoleSummary(colour).render(result));
        RunFindings.print(result, out);
        if (jsonFile != null) {
            try {
                JsonSummary.write(result, jsonFile);
                out.println("summary written to " + jsonFile);
            } catch (IOException e) {
                err.println("headroom: could not write the summary to " + jsonFile + ": " + e.getMessage());
                return ExitCode.UNEXPECTED.code();
            }
        }
        TargetOutcome watched = null;
        if (observation != null) {
            ObservedTarget observed = observation.finish(outputDir(outputs, jsonFile));
            observation.close();
            watched = TargetOutcome.of(result, observed);
            printFindings(watched);
        }
        if (!(watched == null ? outputs.write(result, out, err)
                : outputs.write(result, watched.reportFindings(), watched.sections(), out, err))) {
            return ExitCode.UNEXPECTED.code();
        }
        out.flush();
        ExitCode code = exitCode(result);
        if (code == ExitCode.INVALID_RUN && request.acceptInvalidRun()) {
            code = result.thresholdsHeld() ? ExitCode.OK : ExitCode.THRESHOLDS_CROSSED;
        }
        return code.code();
    }

    /** The target's findings under the summary, and where its profile files went. */
    private void printFindings(TargetOutcome watched) {
        if (!watched.findings().isEmpty()) {
            out.println();
            out.println("  target");
            for (var f : watched.findings()) {
                String mark = switch (f.severity()) {
                    case INFO -> "  ";
                    case WARNING -> "! ";
                    case BAD -> "!!";
                };
                out.println("    " + mark + " " + f.title());
            }
            out.println();
        }
        for (String file : watched.files()) out.println("profile written to " + file);
        out.flush();
    }

    /** Profile files go next to the HTML report, else next to the JSON summary, else into the working directory. */
    private static Path outputDir(ReportOutputs outputs, Path jsonFile) {
        Path anchor = outputs.htmlFile != null ? outputs.htmlFile : jsonFile;
        Path dir = anchor == null ? null : anchor.toAbsolutePath().getParent();
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    /** Precedence: interrupted (130), then invalid run (98), then a crossed threshold (99), else 0. */
    static ExitCode exitCode(RunResult result) {
        if (result.outcome() == RunOutcome.INTERRUPTED) return ExitCode.INTERRUPTED;
        if (result.generatorHealth().invalid()) return ExitCode.INVALID_RUN;
        return result.thresholdsHeld() ? ExitCode.OK : ExitCode.THRESHOLDS_CROSSED;
    }

    private ProgressPrinter progressPrinter() {
        // Progress goes to stderr so that stdout holds only the summary (`headroom run p.yaml > summary.txt`).
        boolean terminal = Terminal.stdoutIsTerminal();
        return new ProgressPrinter(err, terminal ? ProgressPrinter.Mode.TERMINAL : ProgressPrinter.Mode.PLAIN,
                NanoClock.system());
    }

    /**
     * Ctrl-C and SIGTERM: the first asks the engine to stop gracefully (running iterations get their
     * gracefulStop, then the summary is written); the second stops every VU at once.
     */
    static final class StopSignals implements AutoCloseable {
        private final SignalHandler previousInt;
        private final SignalHandler previousTerm;

        private StopSignals(SignalHandler previousInt, SignalHandler previousTerm) {
            this.previousInt = previousInt;
            this.previousTerm = previousTerm;
        }

        static StopSignals install(Engine engine, PrintWriter err) {
            AtomicInteger count = new AtomicInteger();
            SignalHandler handler = signal -> {
                if (count.incrementAndGet() == 1) {
                    err.println();
                    err.println("headroom: stopping gracefully (Ctrl-C again to stop at once)...");
                    err.flush();
                    engine.stop();
                } else {
                    err.println("headroom: stopping now");
                    err.flush();
                    engine.stopNow();
                }
            };
            SignalHandler previousInt = trySet("INT", handler);
            SignalHandler previousTerm = trySet("TERM", handler);
            return new StopSignals(previousInt, previousTerm);
        }

        private static SignalHandler trySet(String name, SignalHandler handler) {
            try {
                return Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                return null; // signal not available on this platform or reserved by the JVM
            }
        }

        @Override
        public void close() {
            if (previousInt != null) Signal.handle(new Signal("INT"), previousInt);
            if (previousTerm != null) Signal.handle(new Signal("TERM"), previousTerm);
        }
    }
}
