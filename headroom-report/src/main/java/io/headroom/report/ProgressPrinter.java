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
import java.util.function.IntSupplier;

/**
 * Live progress of a run. On a terminal ({@link Mode#TERMINAL}) a k6-style header line (elapsed/total, VUs,
 * complete and interrupted iterations, ETA) and one line per scenario, redrawn in place every second with ANSI
 * cursor-up and clear-line, written as one frame so it does not flicker:
 * {@code browse  [=====>    ]  12s/30s  VUs 10/10  123 req/s  p95 45ms  errors 0}. Every line is fitted to the
 * terminal's width less one column (fields are shortened, then dropped), because a line that wraps would leave a
 * copy behind at each redraw. Without colour ({@code NO_COLOR}) no escape sequence is written at all: the header
 * alone is redrawn on one line with a carriage return. Elsewhere, e.g. in CI logs ({@link Mode#PLAIN}), a plain
 * line per running scenario every {@link #PLAIN_INTERVAL} on the injected clock, and one when a scenario ends.
 * {@link Mode#QUIET} prints nothing. Not thread-safe: the engine calls a listener from one thread.
 */
public final class ProgressPrinter implements RunListener {
    /** How often plain mode prints, measured on the injected clock. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private static final int BAR_WIDTH = 20;
    private static final int SHORT_BAR_WIDTH = 10;
    private static final String ESC = Ansi.ESC;
    // Scenario line fields, in display order, and the order they are shortened or dropped when the line is too wide.
    private static final int NAME = 0, BAR = 1, TIMES = 2, VUS = 3, RPS = 4, P95 = 5, ERRORS = 6, DROPPED = 7;
    private static final int[] SCENARIO_REDUCTIONS = {BAR, P95, RPS, NAME, BAR, ERRORS, DROPPED, NAME, VUS, TIMES};
    private static final int H_TIME = 0, H_VUS = 1, H_ITERATIONS = 2, H_ETA = 3;
    private static final int[] HEADER_REDUCTIONS = {H_ITERATIONS, H_TIME, H_ITERATIONS, H_ITERATIONS, H_ETA, H_ITERATIONS, H_VUS};

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
    private final boolean escapes;
    private final IntSupplier columns;
    private final Set<String> reportedDone = new HashSet<>();
    private int drawnLines;
    /** Columns of the one line drawn without escapes, to blank what a shorter next line leaves. */
    private int drawnColumns = -1;
    private long firstProgressNanos = -1;
    private long lastPlainPrintNanos;
    private boolean printedPlain;

    /**
     * A printer writing to {@code out} in {@code mode}; {@code clock} paces plain mode and times the header.
     * {@code colour}: SGR colours and cursor movement allowed (false for {@code NO_COLOR}: then not one escape
     * sequence is written). {@code columns}: the terminal's width, asked at every frame (0: unknown, no fitting;
     * negative: not known yet, the frame is skipped).
     */
    public ProgressPrinter(Appendable out, Mode mode, NanoClock clock, boolean colour, IntSupplier columns) {
        this.out = Objects.requireNonNull(out, "out");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.columns = Objects.requireNonNull(columns, "columns");
        this.escapes = colour && mode == Mode.TERMINAL;
        this.ansi = new Ansi(escapes);
    }

    /** A printer writing to {@code out} in {@code mode}, in colour on a terminal, width unknown. */
    public ProgressPrinter(Appendable out, Mode mode, NanoClock clock) {
        this(out, mode, clock, true, () -> 0);
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
        if (firstProgressNanos < 0) firstProgressNanos = clock.nanoTime();
        switch (mode) {
            case QUIET -> { }
            case TERMINAL -> {
                // Width not read yet: skip the frame rather than draw one that may wrap and stay behind.
                if (columns.getAsInt() < 0) return;
                if (escapes) redraw(scenarios);
                else redrawWithoutEscapes(scenarios);
            }
            case PLAIN -> plain(scenarios);
        }
    }

    @Override
    public void onAbort(String reason) {
        if (mode == Mode.QUIET) return;
        endLine();
        // Printed below the live lines; the next frame starts under it instead of overwriting it.
        drawnLines = 0;
        emit(ansi.boldRed("✗ aborting: " + reason) + "\n");
    }

    @Override
    public void onWarning(String message) {
        if (mode == Mode.QUIET) return;
        endLine();
        drawnLines = 0;
        emit(ansi.yellow("! warning: " + message) + "\n");
    }

    /** The run is over: ends the live line so that what follows starts on a line of its own. Idempotent. */
    public void finish() {
        if (mode == Mode.TERMINAL) endLine();
    }

    private void endLine() {
        if (drawnColumns >= 0) emit("\n");
        drawnColumns = -1;
    }

    private int maxColumns() {
        // One column short of the width: a line filling the last column wraps on some terminals.
        int width = columns.getAsInt();
        return width <= 0 ? 0 : Math.max(1, width - 1);
    }

    private void redraw(List<ScenarioProgress> scenarios) {
        int max = maxColumns();
        int nameWidth = nameWidth(scenarios);
        StringBuilder frame = new StringBuilder(128 * (scenarios.size() + 2));
        if (drawnLines > 0) frame.append(ESC).append(drawnLines).append('A');
        frame.append('\r').append(ESC).append("2K").append(headerLine(scenarios, max)).append('\n');
        for (ScenarioProgress p : scenarios) {
            frame.append('\r').append(ESC).append("2K").append(terminalLine(p, nameWidth, max)).append('\n');
        }
        int lines = scenarios.size() + 1;
        int stale = drawnLines - lines;
        if (stale > 0) {
            // Fewer scenarios than last time: blank the leftover lines, then come back up.
            for (int i = 0; i < stale; i++) frame.append('\r').append(ESC).append("2K").append('\n');
            frame.append(ESC).append(stale).append('A');
        }
        drawnLines = lines;
        emit(frame.toString());
    }

    /** One line, the header, overwritten after a carriage return; spaces blank what the last one left. */
    private void redrawWithoutEscapes(List<ScenarioProgress> scenarios) {
        String line = headerLine(scenarios, maxColumns());
        int width = Ansi.width(line);
        StringBuilder frame = new StringBuilder(width + 16).append('\r').append(line);
        if (drawnColumns > width) frame.append(" ".repeat(drawnColumns - width));
        drawnColumns = width;
        emit(frame.toString());
    }

    /**
     * {@code running (12s/30s), 10/10 VUs, 1234 complete and 0 interrupted iterations, ETA 18s}. Elapsed is the
     * printer's own time since the first progress (about the run's), or the longest a scenario has run if more; the ETA is the longest time any running
     * scenario has left on its plan (an upper bound for iteration-count executors, whose plan is their
     * maxDuration); total is their sum.
     */
    String headerLine(List<ScenarioProgress> scenarios, int maxColumns) {
        long elapsed = Math.max(0, (clock.nanoTime() - firstProgressNanos) / 1_000_000_000L);
        // The first progress may come late (start-up); no scenario has run longer than the run.
        for (ScenarioProgress p : scenarios) elapsed = Math.max(elapsed, seconds(p.elapsed()));
        long left = 0;
        int active = 0, max = 0;
        long complete = 0, interrupted = 0;
        boolean stopping = false, allDone = !scenarios.isEmpty();
        for (ScenarioProgress p : scenarios) {
            active += p.activeVus();
            max += p.maxVus();
            complete += p.iterations();
            interrupted += p.interruptedIterations();
            if (p.state() == ScenarioProgress.State.STOPPING) stopping = true;
            if (p.state() != ScenarioProgress.State.DONE) allDone = false;
            if (p.state() == ScenarioProgress.State.RUNNING && p.planned() != null) {
                left = Math.max(left, seconds(p.planned()) - seconds(p.elapsed()));
            }
        }
        if (allDone || stopping) left = 0;
        String word = allDone ? "done" : stopping ? "stopping" : "running";
        String time = Units.clock(elapsed) + "/" + Units.clock(elapsed + left);
        List<LineFit.Field> fields = List.of(
                LineFit.Field.of(ansi.cyan(word) + " (" + time + ")", time),
                LineFit.Field.of(active + "/" + max + " VUs", ""),
                LineFit.Field.of(complete + " complete and " + interrupted + " interrupted iterations",
                        complete + " complete, " + interrupted + " interrupted",
                        complete + " done, " + interrupted + " interrupted", complete + " done", ""),
                LineFit.Field.of(allDone ? "" : "ETA " + Units.clock(left), ""));
        return LineFit.fit(fields, ", ", HEADER_REDUCTIONS, maxColumns);
    }

    /** {@code browse  [=====>              ]  12s/30s  VUs 10/10  123 req/s  p95 45ms  errors 0}, fitted. */
    String terminalLine(ScenarioProgress p, int nameWidth, int maxColumns) {
        String name = p.scenario();
        double rps = p.requestsPerSecond();
        String errors = p.failedRequests() > 0 ? ansi.red("errors " + p.failedRequests()) : "errors " + p.failedRequests();
        String shortErrors = p.failedRequests() > 0 ? ansi.red("err " + p.failedRequests()) : "err " + p.failedRequests();
        String state = stateWord(p.state());
        String stateText = state.isEmpty() ? "" : "  " + ansi.faint(state);
        List<LineFit.Field> fields = List.of(
                LineFit.Field.of(Ansi.padRight(name, nameWidth), elide(name, Math.min(nameWidth, 10)),
                        elide(name, Math.min(nameWidth, 6))),
                LineFit.Field.of("[" + bar(p, BAR_WIDTH) + "]", "[" + bar(p, SHORT_BAR_WIDTH) + "]", ""),
                LineFit.Field.of(times(p)),
                LineFit.Field.of("VUs " + p.activeVus() + "/" + p.maxVus(), ""),
                LineFit.Field.of((Double.isNaN(rps) ? "-" : Units.number(rps, rps >= 100 ? 0 : 1)) + " req/s", ""),
                LineFit.Field.of("p95 " + (Double.isNaN(p.p95Millis()) ? "-" : Units.duration(p.p95Millis())), ""),
                LineFit.Field.of(errors + (p.droppedIterations() > 0 ? "" : stateText),
                        shortErrors + (p.droppedIterations() > 0 ? "" : stateText)),
                LineFit.Field.of(p.droppedIterations() > 0 ? ansi.yellow("dropped " + p.droppedIterations()) + stateText : "",
                        p.droppedIterations() > 0 ? ansi.yellow("drop " + p.droppedIterations()) + stateText : ""));
        return LineFit.fit(fields, "  ", SCENARIO_REDUCTIONS, maxColumns);
    }

    /** As {@link #terminalLine(ScenarioProgress, int, int)} with no width limit. */
    String terminalLine(ScenarioProgress p, int nameWidth) {
        return terminalLine(p, nameWidth, 0);
    }

    private static String elide(String name, int width) {
        return Ansi.padRight(LineFit.cut(name, width), width);
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

    private String bar(ScenarioProgress p, int width) {
        if (p.state() == ScenarioProgress.State.WAITING) return " ".repeat(width);
        int filled = (int) Math.floor(fraction(p) * width);
        if (filled >= width) return ansi.green("=".repeat(width));
        return ansi.green("=".repeat(filled) + ">") + " ".repeat(width - filled - 1);
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
