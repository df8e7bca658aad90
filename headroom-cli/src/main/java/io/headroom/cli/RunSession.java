package io.headroom.cli;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.core.time.NanoClock;
import io.headroom.http.HttpTransport;
import io.headroom.output.LiveOutputs;
import io.headroom.profiler.target.ObservedTarget;
import io.headroom.profiler.target.TargetObservation;
import io.headroom.report.ConsoleFindings;
import io.headroom.report.ConsoleSummary;
import io.headroom.report.JsonSummary;
import io.headroom.report.K6LegacySummary;
import io.headroom.report.OutputFile;
import io.headroom.report.ProgressPrinter;
import io.headroom.report.Redaction;
import io.headroom.report.ResultsIndex;
import io.headroom.report.Terminal;
import io.headroom.report.WrappingWriter;
import io.headroom.script.run.Headroom;
import io.headroom.script.run.Warmup;
import io.headroom.script.plan.Plan;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs one plan the way every command does: live progress, Ctrl-C handling, the end-of-test summary, the
 * JSON summary, and the exit code. Shared by {@code run} and {@code demo}.
 */
final class RunSession {
    private final PrintWriter out;
    private final PrintWriter err;
    private HistoryOptions history;
    private ResultsIndex keepIn;
    private DistributedRun distributed;

    RunSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Keeps the run in the results index that {@code options} name (unless they say --no-history); returns this. */
    RunSession withHistory(HistoryOptions options) {
        this.history = options;
        return this;
    }

    /** Runs the plan on agents that {@code run} coordinates instead of on this process's engine; returns this. */
    RunSession withDistributed(DistributedRun run) {
        this.distributed = run;
        return this;
    }

    /**
     * Runs {@code request}'s plan, writes the outputs it asks for, and returns the exit code. Every output is
     * checked before the first request (exit 2); Ctrl-C, SIGTERM and SIGHUP stop the run and every output is still
     * written ({@link StopSignals}); an output that cannot be written is reported, the others are written, exit 97.
     */
    int run(RunRequest request) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (request.jsonFile() != null) files.put("--json", request.jsonFile());
        if (request.summary().k6Export() != null) files.put("--summary-export", request.summary().k6Export());
        files.putAll(request.outputs().requested());
        files.putAll(request.live().out().files());
        ReportOutputs.checkAll(files);
        keepIn = history == null ? null : history.check(err);
        // With an output on stdout (--json -), stdout holds only that output and everything for people goes to stderr.
        boolean stdoutTaken = ReportOutputs.takesStdout(files);
        Engine engine = new Engine();
        // From before the first request until the last output is written: a signal never ends the JVM mid-write.
        Stoppable stoppable = distributed != null ? distributed : Stoppable.of(engine);
        try (StopSignals signals = StopSignals.install(stoppable, err)) {
            return run(request, engine, signals, stdoutTaken);
        } finally {
            if (distributed != null) distributed.close();
        }
    }

    private int run(RunRequest request, Engine engine, StopSignals signals, boolean stdoutTaken) {
        Plan plan = request.plan();
        Path jsonFile = request.jsonFile();
        ReportOutputs outputs = request.outputs();
        PrintWriter plainHuman = stdoutTaken ? err : out;
        RunRequest.Summary summary = request.summary();
        Set<String> redact = new HashSet<>(outputs.redactNames());
        redact.addAll(plan.redact());
        RunResult result;
        TargetObservation observation = null;
        LiveOutputs liveOutputs = LiveOutputs.NONE;
        boolean stdoutTerminal = Terminal.stdoutIsTerminal();
        // Read now, in the background, so the width is known by the first frame and by the summary.
        IntSupplier columns = stdoutTerminal ? Terminal.stderrColumns(System.getenv()) : () -> 0;
        ProgressPrinter printer = request.quiet() ? ProgressPrinter.quiet() : progressPrinter(stdoutTerminal, columns);
        try (HttpTransport transport = Headroom.defaultTransport()) {
            // The environment first: what the command put in the metadata wins on a clash.
            Map<String, String> metadata = new LinkedHashMap<>(RunEnvironment.of(plan.source()));
            metadata.putAll(request.metadata());
            RunSpec spec = plan.toRunSpec(transport, metadata);
            // a distributed run's agents warm up themselves; the coordinator sends nothing
            if (distributed == null && request.warmup() && Warmup.worthIt(spec)) {
                // Done before the schedule starts: its time is reported in the run's metadata, never counted in the run.
                metadata.put(Warmup.METADATA_KEY, Warmup.run(transport, plan, spec).describe());
                spec = spec.withMetadata(metadata);
            }
            RunListener progress = printer;
            observation = request.target().start(engine, spec, err);
            try (var exporter = request.live().start(spec.thresholds(), Redaction.texts(redact, request.secretValues()), err);
                 var pushed = request.live().out().start(plan.name(), spec.thresholds(),
                         Redaction.texts(redact, request.secretValues()), metadata, err)) {
                // Live outputs show no more than the summary: the same redaction, applied as the run goes.
                progress = Redaction.live(pushed.around(LiveMetricsOption.both(progress, exporter)), redact, request.secretValues());
                liveOutputs = pushed;
                result = distributed == null ? engine.run(spec, progress) : distributed.run(spec, progress);
                printer.finish();
            } catch (IllegalArgumentException e) {
                // The engine checks the whole spec before it starts anything; what it rejects is the user's input.
                throw new UsageException((plan.source().isEmpty() ? plan.name() : plan.source()) + ": " + e.getMessage());
            }
        } catch (RuntimeException e) {
            if (observation != null) observation.close();
            throw e;
        }
        signals.writing();
        result = OutOption.finish(result, liveOutputs, request.quiet(), err); // closed by now: every batch delivered, dropped or counted
        // Credentials in URLs and secret header values never reach the console or any file.
        result = Redaction.apply(result, redact, request.secretValues());
        boolean colour = !stdoutTaken && Terminal.colourWanted(stdoutTerminal, System.getenv());
        // Fitted to the terminal only when it goes there; a file or pipe gets the full-width summary. Findings and
        // notes after the summary are broken at spaces too, one column short of the width.
        int summaryColumns = stdoutTaken || !stdoutTerminal ? 0
                : columns.getAsInt() > 0 ? columns.getAsInt() : Terminal.fallbackColumns(System.getenv());
        PrintWriter human = summaryColumns == 0 ? plainHuman
                : new PrintWriter(new WrappingWriter(plainHuman, summaryColumns - 1));
        if (summary.print()) {
            human.print(new ConsoleSummary(colour, ConsoleSummary.DEFAULT_MAX_ENDPOINTS, summary.trendColumns(),
                    summaryColumns).render(result));
            ConsoleFindings.print(result, human);
        }
        human.flush();
        // Every output is tried, whatever failed before it: one full disk must not cost the others.
        boolean allWritten = true;
        RunResult finished = result;
        if (jsonFile != null) {
            allWritten = ReportOutputs.writeOne("--json", jsonFile, "summary", o -> JsonSummary.write(finished, o),
                    out, human, err);
        }
        if (summary.k6Export() != null) {
            allWritten &= ReportOutputs.writeOne("--summary-export", summary.k6Export(), "k6 summary",
                    o -> K6LegacySummary.write(finished, summary.trendColumns(), o), out, human, err);
        }
        TargetOutcome watched = null;
        if (observation != null) {
            ObservedTarget observed = observation.finish(outputDir(outputs, jsonFile));
            observation.close();
            watched = TargetOutcome.of(result, observed);
            printFindings(watched, human);
        }
        allWritten &= watched == null ? outputs.write(result, List.of(), List.of(), out, human, err)
                : outputs.write(result, watched.reportFindings(), watched.sections(), out, human, err);
        out.flush();
        human.flush();
        if (!allWritten) {
            err.println("headroom: not every output was written (see above); exit " + ExitCode.OUTPUTS_NOT_WRITTEN.code());
            err.flush();
            return keep(result, ExitCode.OUTPUTS_NOT_WRITTEN.code(), human);
        }
        ExitCode code = exitCode(result);
        if (code == ExitCode.AGENT_LOST) {
            err.println("headroom: " + result.info().metadata().get(io.headroom.distributed.Coordinator.AGENT_LOST_KEY)
                    + "; the other agents were stopped and the summary covers what was measured");
            err.flush();
        }
        if (code == ExitCode.REPEATED_ERROR) {
            err.println("headroom: stopped early: " + result.info().metadata().get(Engine.STOPPED_EARLY_KEY));
            err.flush();
        }
        if (code == ExitCode.INVALID_RUN && request.acceptInvalidRun()) {
            code = result.thresholdsHeld() ? ExitCode.OK : ExitCode.THRESHOLDS_CROSSED;
        }
        return keep(result, code.code(), human);
    }

    /** Adds the (redacted) result to the results index when this run keeps history; returns {@code exitCode}. */
    private int keep(RunResult result, int exitCode, PrintWriter human) {
        if (keepIn != null) history.append(keepIn, result, exitCode, human, err);
        return exitCode;
    }

    /** The target's findings under the summary, and where its profile files went. */
    private static void printFindings(TargetOutcome watched, PrintWriter out) {
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

    /**
     * Profile files go next to the HTML report, else next to the JSON summary, else into the working directory
     * (also when those go to standard output or a device).
     */
    private static Path outputDir(ReportOutputs outputs, Path jsonFile) {
        Path anchor = outputs.htmlFile != null && !OutputFile.isStdout(outputs.htmlFile) ? outputs.htmlFile
                : jsonFile != null && !OutputFile.isStdout(jsonFile) ? jsonFile : null;
        if (anchor != null && anchor.toAbsolutePath().normalize().startsWith("/dev")) anchor = null;
        Path dir = anchor == null ? null : anchor.toAbsolutePath().getParent();
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    /**
     * Precedence: interrupted (130), then a lost agent (95), then stopped on a repeated error (96), then invalid run
     * (98), then a crossed threshold (99), else 0.
     */
    static ExitCode exitCode(RunResult result) {
        if (result.outcome() == RunOutcome.INTERRUPTED) return ExitCode.INTERRUPTED;
        if (result.outcome() == RunOutcome.AGENT_LOST) return ExitCode.AGENT_LOST;
        if (result.outcome() == RunOutcome.ABORTED_ON_REPEATED_ERROR) return ExitCode.REPEATED_ERROR;
        if (result.generatorHealth().invalid()) return ExitCode.INVALID_RUN;
        return result.thresholdsHeld() ? ExitCode.OK : ExitCode.THRESHOLDS_CROSSED;
    }

    private ProgressPrinter progressPrinter(boolean stdoutTerminal, IntSupplier columns) {
        // Progress goes to stderr so that stdout holds only the summary (`headroom run p.yaml > summary.txt`);
        // it is redrawn only when both are the terminal (no escape sequence in a `2> log` file, nor with `> out`).
        boolean terminal = stdoutTerminal && Terminal.stderrIsTerminal();
        return new ProgressPrinter(err, terminal ? ProgressPrinter.Mode.TERMINAL : ProgressPrinter.Mode.PLAIN,
                NanoClock.system(), Terminal.colourWanted(terminal, System.getenv()), columns);
    }

    /** What a signal stops: this process's engine, or every agent of a distributed run. */
    interface Stoppable {
        void stop();

        void stopNow();

        static Stoppable of(Engine engine) {
            return new Stoppable() {
                public void stop() {
                    engine.stop();
                }

                public void stopNow() {
                    engine.stopNow();
                }
            };
        }
    }

    /**
     * Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) for a whole session. While the run goes, the first
     * asks the engine to stop gracefully (running iterations get their gracefulStop), the second stops every VU at
     * once; either way the run returns and every output is written. From the second signal on (or any signal once
     * the outputs are being written) the JVM is given {@value #FORCED_EXIT_AFTER_SECONDS} s more to finish writing,
     * then exits 97 even if a write hangs (a FIFO no one reads), so a stuck process can always be ended without
     * {@code kill -9}. The JVM's own handlers (exit at once) come back only after the last output is written.
     */
    static final class StopSignals implements AutoCloseable {
        /** How long a second signal waits for the outputs before the process exits without them. */
        static final int FORCED_EXIT_AFTER_SECONDS = 15;
        private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

        private final Map<String, SignalHandler> previous = new LinkedHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Stoppable engine;
        private final PrintWriter err;
        private volatile boolean writing;

        private StopSignals(Stoppable engine, PrintWriter err) {
            this.engine = engine;
            this.err = err;
        }

        static StopSignals install(Stoppable engine, PrintWriter err) {
            StopSignals signals = new StopSignals(engine, err);
            for (String name : SIGNALS) {
                SignalHandler old = trySet(name, signals::handle);
                if (old != null) signals.previous.put(name, old);
            }
            return signals;
        }

        /** The run has returned; from now on a signal only bounds how long writing may take. */
        void writing() {
            writing = true;
        }

        private void handle(Signal signal) {
            int n = count.incrementAndGet();
            if (writing) {
                err.println();
                err.println("headroom: writing the results first (at most " + FORCED_EXIT_AFTER_SECONDS + " s more)...");
                err.flush();
                armForcedExit();
            } else if (n == 1) {
                err.println();
                err.println("headroom: stopping gracefully (SIG" + signal.getName() + "; Ctrl-C again to stop at once)...");
                err.flush();
                engine.stop();
            } else {
                err.println("headroom: stopping now; writing the results (at most " + FORCED_EXIT_AFTER_SECONDS + " s)");
                err.flush();
                engine.stopNow();
                armForcedExit();
            }
        }

        private void armForcedExit() {
            if (!armed.compareAndSet(false, true)) return;
            Thread watchdog = new Thread(() -> {
                try {
                    if (done.await(FORCED_EXIT_AFTER_SECONDS, TimeUnit.SECONDS)) return;
                } catch (InterruptedException e) {
                    return;
                }
                err.println("headroom: the results were not written within " + FORCED_EXIT_AFTER_SECONDS
                        + " s of the second signal; exiting without the rest");
                err.flush();
                // halt, not exit: a shutdown hook or a writer stuck in a lock must not keep the process alive.
                Runtime.getRuntime().halt(ExitCode.OUTPUTS_NOT_WRITTEN.code());
            }, "headroom-forced-exit");
            watchdog.setDaemon(true);
            watchdog.start();
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
            done.countDown();
            previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
        }
    }
}
