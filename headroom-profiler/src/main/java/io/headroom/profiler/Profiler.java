package io.headroom.profiler;

import io.headroom.profiler.analysis.JfrAnalyzer;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileJson;
import io.headroom.profiler.analysis.ProfileReport;
import io.headroom.profiler.analysis.ProfileSummary;
import io.headroom.profiler.flame.FlameGraphHtml;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code headroom profile} as one call: record (attach to a pid, or launch a {@code java} command) or take a
 * recording file, analyse it, write the requested files, print the summary. The CLI command is a thin
 * wrapper over {@link #run}.
 *
 * <p>Ctrl-C (or SIGTERM) while recording ends the recording early instead of losing it: a shutdown hook
 * stops the recording, analyses what was recorded and writes the files before the JVM exits (a launched
 * JVM gets the signal too, or is sent SIGTERM, and writes its recording as it exits). Thread-safe: every
 * call is independent.
 */
public final class Profiler {
    /** The target stops an attached recording on its own this long after it was due to end. */
    static final Duration SAFETY_MARGIN = Duration.ofMinutes(2);
    private static final long ALIVE_CHECK_MILLIS = 250;

    private Profiler() {}

    /**
     * Runs {@code request}, printing progress and the summary to {@code out}.
     *
     * @return the analysed profile
     * @throws ProfilerException for anything the user can act on: no such pid, attach refused, unreadable
     *                           recording, an output file that cannot be written
     */
    public static Profile run(ProfileRequest request, PrintWriter out) throws ProfilerException {
        checkOutputs(request);
        Job job = new Job(request, out);
        return switch (request.source()) {
            case ProfileSource.JfrFile f -> job.finish(f.file(), f.file().getFileName().toString());
            case ProfileSource.Attach a -> recordAttached(job, a, out);
            case ProfileSource.Launch l -> recordLaunched(job, l, out);
        };
    }

    private static Profile recordAttached(Job job, ProfileSource.Attach source, PrintWriter out) throws ProfilerException {
        AttachedRecording recording;
        try {
            recording = AttachedRecording.start(source.pid(), source.duration().plus(SAFETY_MARGIN));
        } catch (LinkageError e) {
            // A runtime without the jdk.attach or jdk.management.jfr modules (a trimmed JRE).
            throw new ProfilerException("this Java runtime cannot attach to other JVMs (" + e.getMessage() + " is "
                    + "missing); run Headroom on a full JDK", e);
        }
        Path jfr;
        try {
            jfr = job.temporaryRecording();
        } catch (ProfilerException e) {
            recording.close();
            throw e;
        }
        String jvm = recording.jvmDescription().isEmpty() ? "" : " (" + recording.jvmDescription() + ")";
        String label = "pid " + source.pid() + jvm;
        job.onFinish = () -> {
            try {
                recording.stopAndWrite(jfr);
            } finally {
                recording.close();
            }
        };
        job.label = label;
        job.recording = jfr;
        ShutdownHook hook = new ShutdownHook(job);
        try {
            out.println("Recording " + label + " for " + DurationText.format(source.duration())
                    + " with JFR's \"profile\" settings; Ctrl-C stops early.");
            out.flush();
            long deadline = System.nanoTime() + source.duration().toNanos();
            boolean interrupted = false;
            try {
                for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                    Thread.sleep(Math.min(ALIVE_CHECK_MILLIS, Math.max(1, left / 1_000_000)));
                    if (!ProcessHandle.of(source.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                        throw new ProfilerException("pid " + source.pid() + " exited during the recording; its data "
                                + "went with it (JFR keeps it in the target until fetched). Record for less time, or "
                                + "launch it with: headroom profile -- java ...");
                    }
                }
            } catch (InterruptedException e) {
                interrupted = true; // stop early, keep what was recorded
            }
            try {
                return job.finish();
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        } finally {
            hook.remove();
            recording.close();
            job.deleteTemporary();
        }
    }

    private static Profile recordLaunched(Job job, ProfileSource.Launch source, PrintWriter out) throws ProfilerException {
        Path jfr = job.temporaryRecording();
        LaunchedJvm jvm;
        try {
            jvm = LaunchedJvm.start(source.command(), jfr, source.output());
        } catch (ProfilerException e) {
            job.deleteTemporary();
            throw e;
        }
        job.label = "pid " + jvm.pid(); // the title adds the main class and arguments from the recording
        job.recording = jfr;
        job.onFinish = () -> {
            try {
                jvm.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!Files.isRegularFile(jfr) || sizeOf(jfr) == 0) {
                throw new ProfilerException("the launched JVM (pid " + jvm.pid() + ") ended without writing its "
                        + "recording; it needs JDK 17 or newer, and its own output above says why it stopped");
            }
        };
        ShutdownHook hook = new ShutdownHook(job);
        try {
            out.println("Started pid " + jvm.pid() + " with JFR recording on; profiling "
                    + (source.maxDuration() == null ? "until it exits (Ctrl-C stops it)."
                    : "for " + DurationText.format(source.maxDuration()) + ", then it is stopped."));
            out.flush();
            boolean interrupted = false;
            try {
                LaunchedJvm.Outcome outcome = jvm.awaitExit(source.maxDuration());
                if (!outcome.stoppedByHeadroom() && outcome.exitCode() != 0) {
                    out.println("The JVM exited with status " + outcome.exitCode() + ".");
                }
            } catch (InterruptedException e) {
                interrupted = true; // finish() stops the JVM and analyses what it recorded
            }
            try {
                return job.finish();
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        } finally {
            hook.remove();
            if (jvm.isAlive()) {
                try {
                    jvm.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            job.deleteTemporary();
        }
    }

    /** Fails before a long recording rather than after it when an output file cannot be written. */
    private static void checkOutputs(ProfileRequest request) throws ProfilerException {
        List<Path> outputs = new ArrayList<>();
        outputs.add(request.htmlFile());
        if (request.htmlFile() != null) outputs.add(wallClockFile(request.htmlFile()));
        outputs.add(request.jsonFile());
        outputs.add(request.collapsedFile());
        if (!(request.source() instanceof ProfileSource.JfrFile)) outputs.add(request.keepJfrFile());
        for (Path file : outputs) {
            if (file == null) continue;
            if (Files.isDirectory(file)) throw new ProfilerException("cannot write " + file + ": it is a directory");
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new ProfilerException("cannot write " + file + ": the directory " + dir + " does not exist");
            }
        }
    }

    /** The wall-clock flame graph beside the CPU one: {@code flame.html} gives {@code flame-wall.html}. */
    public static Path wallClockFile(Path cpuHtml) {
        String name = cpuHtml.getFileName().toString();
        String base = name.endsWith(".html") ? name.substring(0, name.length() - 5) : name;
        return cpuHtml.resolveSibling(base + "-wall.html");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Stops the recording (or lets it be written), then analyses it and writes the outputs; once only. */
    private static final class Job {
        private final ProfileRequest request;
        private final PrintWriter out;
        private Path temporary;
        Path recording;
        String label;
        RecordingStep onFinish;
        private boolean finished;
        private Profile result;
        private ProfilerException failure;

        Job(ProfileRequest request, PrintWriter out) {
            this.request = request;
            this.out = out;
        }

        Path temporaryRecording() throws ProfilerException {
            try {
                temporary = Files.createTempFile("headroom-profile-", ".jfr");
                return temporary;
            } catch (IOException e) {
                throw new ProfilerException("cannot create a temporary file for the recording: " + e.getMessage(), e);
            }
        }

        synchronized boolean isFinished() {
            return finished;
        }

        synchronized Profile finish() throws ProfilerException {
            return finish(recording, label);
        }

        /** The first call does the work; later calls (main thread after the shutdown hook) get its outcome. */
        synchronized Profile finish(Path jfrFile, String sourceLabel) throws ProfilerException {
            if (finished) {
                if (failure != null) throw failure;
                return result;
            }
            finished = true;
            try {
                if (onFinish != null) onFinish.run();
                result = analyseAndWrite(jfrFile, sourceLabel);
                return result;
            } catch (ProfilerException e) {
                failure = e;
                throw e;
            }
        }

        private Profile analyseAndWrite(Path jfrFile, String sourceLabel) throws ProfilerException {
            Profile profile;
            try {
                profile = JfrAnalyzer.analyse(jfrFile);
            } catch (NoSuchFileException e) {
                throw new ProfilerException("no such recording: " + jfrFile, e);
            } catch (IOException e) {
                throw new ProfilerException("cannot read " + jfrFile + " as a JFR recording: " + e.getMessage(), e);
            }
            ProfileReport report = profile.report();
            String title = "CPU flame graph: " + sourceLabel;
            if (request.source() instanceof ProfileSource.Launch && !report.recording().javaArguments().isEmpty()) {
                String args = report.recording().javaArguments();
                title += " " + (args.length() <= 120 ? args : args.substring(0, 117) + "...");
            }
            String pageTitle = title;
            out.println();
            out.print(ProfileSummary.render(report));
            out.println();
            if (request.htmlFile() != null) {
                write(request.htmlFile(), "Flame graph", file -> FlameGraphHtml.write(profile.cpuTrie(), pageTitle, file));
                String wallTitle = "Wall-clock" + pageTitle.substring("CPU".length());
                write(wallClockFile(request.htmlFile()), "Wall-clock flame graph",
                        file -> FlameGraphHtml.write(profile.wallTrie(), wallTitle, "ms", file));
            }
            if (request.jsonFile() != null) write(request.jsonFile(), "JSON", file -> ProfileJson.write(report, file));
            if (request.collapsedFile() != null) {
                write(request.collapsedFile(), "Collapsed stacks", file -> {
                    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        profile.cpuStacks().writeTo(w);
                    }
                });
            }
            if (request.keepJfrFile() != null && temporary != null) {
                write(request.keepJfrFile(), "Recording", file -> Files.copy(temporary, file,
                        StandardCopyOption.REPLACE_EXISTING));
            }
            out.flush();
            return profile;
        }

        private void write(Path file, String what, OutputWriter writer) throws ProfilerException {
            try {
                writer.write(file);
            } catch (IOException e) {
                throw new ProfilerException("cannot write " + file + ": " + e.getMessage(), e);
            }
            out.println(what + ": " + file.toAbsolutePath().normalize());
        }

        /** Runs from the shutdown hook: Ctrl-C or SIGTERM while recording. */
        void finishOnShutdown() {
            if (isFinished()) return;
            out.println();
            out.println("Interrupted: stopping the recording and analysing what was recorded so far.");
            out.flush();
            try {
                finish();
            } catch (ProfilerException e) {
                out.println("headroom: " + e.getMessage());
            } catch (RuntimeException e) {
                out.println("headroom: could not finish the profile: " + e);
            }
            deleteTemporary();
            out.flush();
        }

        void deleteTemporary() {
            if (temporary == null) return;
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // A leftover file in the temp directory; not worth failing the profile for.
            }
        }
    }

    @FunctionalInterface
    private interface RecordingStep {
        void run() throws ProfilerException;
    }

    @FunctionalInterface
    private interface OutputWriter {
        void write(Path file) throws IOException;
    }

    /** {@link Job#finishOnShutdown} registered as a shutdown hook for the recording's lifetime. */
    private static final class ShutdownHook {
        private final Thread thread;

        ShutdownHook(Job job) {
            thread = new Thread(job::finishOnShutdown, "headroom-profile-shutdown");
            Runtime.getRuntime().addShutdownHook(thread);
        }

        void remove() {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and the hook is running or has run.
            }
        }
    }
}
