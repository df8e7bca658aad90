package io.headroom.report;

import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;

import java.io.Console;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The terminal the CLI writes to: whether a standard stream is an interactive terminal (so that callers choose
 * live redrawing and colour only there) and how wide it is, both asked of JLine's exec provider ({@code test -t},
 * {@code stty}); where JLine cannot answer, {@link System#console()} and {@code COLUMNS}. Thread-safe.
 */
public final class Terminal {
    /** Columns assumed when the width cannot be read. */
    public static final int DEFAULT_COLUMNS = 80;

    private static final String PIPE_MODE = "org.jline.terminal.exec.redirectPipeCreationMode";

    static {
        // JLine's native fallback for its stream checks loads a library, which JDK 24+ answers with a "restricted
        // method" warning on stderr; the reflective way needs nothing, and if it fails the fallbacks answer instead.
        if (System.getProperty(PIPE_MODE) == null) System.setProperty(PIPE_MODE, "reflection");
    }

    private Terminal() {}

    /** True when standard output is attached to a terminal. */
    public static boolean stdoutIsTerminal() {
        return isTerminal(SystemStream.Output);
    }

    /** True when standard error is attached to a terminal (where the live progress goes). */
    public static boolean stderrIsTerminal() {
        return isTerminal(SystemStream.Error);
    }

    private static boolean isTerminal(SystemStream stream) {
        try {
            return TerminalProvider.load("exec").isSystemStream(stream);
        } catch (Exception | LinkageError e) {
            return consoleIsTerminal();
        }
    }

    /**
     * On JDK 22+ {@link System#console()} may return a console even when output is redirected, so
     * {@code Console.isTerminal()} is asked too (looked up reflectively: the code is compiled for Java 21).
     */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when colour (and any other escape sequence) should be used given the environment: on a terminal,
     * {@code NO_COLOR} unset or empty (no-color.org), and {@code TERM} not {@code dumb}.
     */
    public static boolean colourWanted(boolean terminal, Map<String, String> environment) {
        if (!terminal) return false;
        String noColour = environment.get("NO_COLOR");
        if (noColour != null && !noColour.isEmpty()) return false;
        return !"dumb".equals(environment.get("TERM"));
    }

    /**
     * The width of the terminal on standard error, in columns, read by JLine ({@code stty}) in the background at
     * once and again after each SIGWINCH (the window was resized). Falls back to {@code COLUMNS}, then
     * {@value #DEFAULT_COLUMNS}. The supplier answers -1 until the first read is done (so that a first frame is not
     * drawn at a guessed width and wraps); it is thread-safe and cheap to call.
     */
    public static IntSupplier stderrColumns(Map<String, String> environment) {
        return new Width(fallbackColumns(environment));
    }

    /** {@code COLUMNS} when it is a positive number, else {@value #DEFAULT_COLUMNS}. */
    public static int fallbackColumns(Map<String, String> environment) {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            return columns > 0 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }

    /**
     * The width, read in the background (JLine takes a good second to start {@code stty} on a loaded machine, and
     * the caller is the engine's progress thread) at first and after every SIGWINCH; -1 until the first read ends.
     */
    private static final class Width implements IntSupplier {
        private final int fallback;
        private volatile int columns = -1;

        Width(int fallback) {
            this.fallback = fallback;
            try {
                // JLine's own signal handling is off (it would replace the CLI's SIGINT handler), so WINCH is ours.
                sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> refresh());
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // no SIGWINCH here (Windows): the width read first stays
            }
            refresh();
        }

        private void refresh() {
            Thread.ofPlatform().daemon().name("headroom-terminal-width").start(() -> columns = read());
        }

        @Override
        public int getAsInt() {
            return columns;
        }

        private int read() {
            try (org.jline.terminal.Terminal t = TerminalBuilder.builder().system(true).provider("exec")
                    .systemOutput(TerminalBuilder.SystemOutput.SysErr).jni(false).ffm(false).jna(false).jansi(false)
                    .nativeSignals(false).dumb(true).build()) {
                int w = t.getWidth();
                return w > 0 ? w : fallback;
            } catch (Exception | LinkageError e) {
                return fallback;
            }
        }
    }
}
