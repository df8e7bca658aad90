package io.headroom.report;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether standard output is an interactive terminal, so that callers choose live redrawing and colour
 * only there. Thread-safe.
 */
public final class Terminal {
    private Terminal() {}

    /**
     * True when standard input and output are attached to a terminal. On JDK 22+ {@link System#console()}
     * may return a console even when output is redirected, so {@code Console.isTerminal()} is asked too
     * (looked up reflectively: the code is compiled for Java 21, where the method does not exist).
     */
    public static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when colour should be used given the environment: on a terminal, {@code NO_COLOR} unset or
     * empty (no-color.org), and {@code TERM} not {@code dumb}.
     */
    public static boolean colourWanted(boolean terminal, Map<String, String> environment) {
        if (!terminal) return false;
        String noColour = environment.get("NO_COLOR");
        if (noColour != null && !noColour.isEmpty()) return false;
        return !"dumb".equals(environment.get("TERM"));
    }
}
