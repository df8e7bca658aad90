package io.headroom.report;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.time.NanoClock;

import java.io.Flushable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Live progress of a run. On a terminal ({@link Mode#TERMINAL}) one line per scenario, redrawn in place
 * every second with ANSI cursor-up and clear-line, written as one frame so it does not flicker:
 * {@code browse  [=====>    ] 12s/30s  VUs 10/10  123 req/s  p95 45ms  errors 0}. Elsewhere, e.g. in CI
 * logs ({@link Mode#PLAIN}), a plain line per running scenario every {@link #PLAIN_INTERVAL} on the
 * injected clock, and one when a scenario ends. {@link Mode#QUIET} prints nothing. Not thread-safe:
 * the engine calls a listener from one thread.
 */
public final class ProgressPrinter implements RunListener {
    /** How often plain mode prints, measured on the injected clock. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private static final int BAR_WIDTH = 20;
    private static final String ESC = Ansi.ESC;

    /** Where the progress goes and how it is drawn. */
    public enum Mode {
        /** Redraw one line per scenario in place (the output is an interactive terminal). */
        TERMINAL,
        /** Append a plain line per scenario every {@link #PLAIN_INTERVAL} (logs, CI). */
        PLAIN,
        /** Print nothing. */
        QUIET
    }

    private final Appendable out;
    private final Mode mode;
    private final NanoClock clock;
    private final Ansi ansi;
    private final Set<String> reportedDone = new HashSet<>();
    private int drawnLines;
    private long lastPlainPrintNanos;
    private boolean printedPlain;

    /** A printer writing to {@code out} in {@code mode}; {@code clock} paces plain mode. */
    public ProgressPrinter(Appendable out, Mode mode, NanoClock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ansi = new Ansi(mode == Mode.TERMINAL);
    }

    /** A printer on the system clock: redrawing when {@code terminal}, plain lines otherwise. */
    public ProgressPrinter(PrintStream out, boolean terminal) {
        this(out, terminal ? Mode.TERMINAL : Mode.PLAIN, NanoClock.system());
    }

    /** A printer that prints nothing. */
    public static ProgressPrinter quiet() {
        return new ProgressPrinter(new StringBuilder(), Mode.QUIET, NanoClock.system());
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void onProgress(List<ScenarioProgress> scenarios) {
        switch (mode) {
            case QUIET -> { }
            case TERMINAL -> redraw(scenarios);
            case PLAIN -> plain(scenarios);
        }
    }

    @Override
    public void onAbort(String reason) {
        if (mode == Mode.QUIET) return;
        // Printed below the live lines; the next frame starts under it instead of overwriting it.
        drawnLines = 0;
        emit(ansi.boldRed("✗ aborting: " + reason) + "\n");
    }

    @Override
    public void onWarning(String message) {
        if (mode == Mode.QUIET) return;
        drawnLines = 0;
        emit(ansi.yellow("! warning: " + message) + "\n");
    }

    private void redraw(List<ScenarioProgress> scenarios) {
        int nameWidth = nameWidth(scenarios);
        StringBuilder frame = new StringBuilder(128 * (scenarios.size() + 1));
        if (drawnLines > 0) frame.append(ESC).append(drawnLines).append('A');
        for (ScenarioProgress p : scenarios) {
            frame.append('\r').append(ESC).append("2K").append(terminalLine(p, nameWidth)).append('\n');
        }
        int stale = drawnLines - scenarios.size();
        if (stale > 0) {
            // Fewer scenarios than last time: blank the leftover lines, then come back up.
            for (int i = 0; i < stale; i++) frame.append('\r').append(ESC).append("2K").append('\n');
            frame.append(ESC).append(stale).append('A');
        }
        drawnLines = scenarios.size();
        emit(frame.toString());
    }

    private void plain(List<ScenarioProgress> scenarios) {
        long now = clock.nanoTime();
        boolean due = !printedPlain || now - lastPlainPrintNanos >= PLAIN_INTERVAL.toNanos();
        int nameWidth = nameWidth(scenarios);
        StringBuilder lines = new StringBuilder();
        for (ScenarioProgress p : scenarios) {
            boolean justDone = p.state() == ScenarioProgress.State.DONE && reportedDone.add(p.scenario());
            boolean active = p.state() == ScenarioProgress.State.RUNNING || p.state() == ScenarioProgress.State.STOPPING;
            if (justDone || (due && active)) lines.append(plainLine(p, nameWidth)).append('\n');
        }
        if (due) {
            printedPlain = true;
            lastPlainPrintNanos = now;
        }
        if (!lines.isEmpty()) emit(lines.toString());
    }

    /** {@code browse  [=====>              ] 12s/30s  VUs 10/10  123 req/s  p95 45ms  errors 0}. */
    String terminalLine(ScenarioProgress p, int nameWidth) {
        StringBuilder line = new StringBuilder();
        line.append(Ansi.padRight(p.scenario(), nameWidth)).append("  [").append(bar(p)).append("] ")
                .append(times(p)).append(measures(p));
        String state = stateWord(p.state());
        if (!state.isEmpty()) line.append("  ").append(ansi.faint(state));
        return line.toString();
    }

    /** {@code browse  running  12s/30s (40%)  VUs 10/10  123 req/s  p95 45ms  errors 0}. */
    String plainLine(ScenarioProgress p, int nameWidth) {
        StringBuilder line = new StringBuilder();
        line.append(Ansi.padRight(p.scenario(), nameWidth)).append("  ")
                .append(p.state().name().toLowerCase(java.util.Locale.ROOT)).append("  ").append(times(p));
        double fraction = fraction(p);
        line.append(" (").append(Math.round(fraction * 100)).append("%)");
        return line.append(measures(p)).toString();
    }

    private String measures(ScenarioProgress p) {
        StringBuilder s = new StringBuilder();
        s.append("  VUs ").append(p.activeVus()).append('/').append(p.maxVus());
        double rps = p.requestsPerSecond();
        s.append("  ").append(Double.isNaN(rps) ? "-" : Units.number(rps, rps >= 100 ? 0 : 1)).append(" req/s");
        s.append("  p95 ").append(Double.isNaN(p.p95Millis()) ? "-" : Units.duration(p.p95Millis()));
        String errors = "errors " + p.failedRequests();
        s.append("  ").append(p.failedRequests() > 0 ? ansi.red(errors) : errors);
        if (p.droppedIterations() > 0) s.append("  ").append(ansi.yellow("dropped " + p.droppedIterations()));
        return s.toString();
    }

    private static String times(ScenarioProgress p) {
        return Units.clock(seconds(p.elapsed())) + "/" + Units.clock(seconds(p.planned()));
    }

    private static String bar(ScenarioProgress p) {
        if (p.state() == ScenarioProgress.State.WAITING) return " ".repeat(BAR_WIDTH);
        int filled = (int) Math.floor(fraction(p) * BAR_WIDTH);
        if (filled >= BAR_WIDTH) return "=".repeat(BAR_WIDTH);
        return "=".repeat(filled) + ">" + " ".repeat(BAR_WIDTH - filled - 1);
    }

    private static double fraction(ScenarioProgress p) {
        if (p.state() == ScenarioProgress.State.DONE) return 1;
        if (p.planned() == null || p.elapsed() == null || p.planned().isZero() || p.planned().isNegative()) return 0;
        return Math.max(0, Math.min(1, (double) p.elapsed().toNanos() / p.planned().toNanos()));
    }

    private static long seconds(Duration d) {
        return d == null ? 0 : Math.max(0, d.toSeconds());
    }

    private static String stateWord(ScenarioProgress.State state) {
        return switch (state) {
            case WAITING -> "waiting";
            case RUNNING -> "";
            case STOPPING -> "stopping";
            case DONE -> "done";
        };
    }

    private static int nameWidth(List<ScenarioProgress> scenarios) {
        int width = 0;
        for (ScenarioProgress p : scenarios) width = Math.max(width, Ansi.width(p.scenario()));
        return width;
    }

    private void emit(String text) {
        try {
            out.append(text);
            if (out instanceof Flushable f) f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write progress", e);
        }
    }
}
