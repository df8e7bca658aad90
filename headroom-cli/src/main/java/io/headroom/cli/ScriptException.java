package io.headroom.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The user's Java scenario threw while Headroom set it up (its constructor, a static initialiser, or
 * {@code options()}): exit 107, k6's {@code ScriptException} ({@code errext/exitcodes/codes.go}). The message
 * shows the user's own frames with file and line, and the message of every cause, without Headroom's or the
 * JDK's frames: the user can fix their code from it, and a Headroom bug still looks like one (exit 1).
 */
final class ScriptException extends RuntimeException {
    /** Frames from these packages are Headroom's, the JDK's or a library's, never the user's. */
    private static final List<String> NOT_USER = List.of("io.headroom.", "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "picocli.", "com.fasterxml.", "com.jayway.", "net.minidev.", "org.HdrHistogram.", "org.junit.",
            "org.apache.maven.", "org.yaml.");
    /** Enough to find the line; a deeper stack is usually recursion. */
    static final int MAX_FRAMES_PER_CAUSE = 12;
    private static final int MAX_CAUSES = 8;

    private final List<String> lines;

    private ScriptException(List<String> lines) {
        super(lines.get(0), null, false, false);
        this.lines = List.copyOf(lines);
    }

    /** {@code failure}, thrown while {@code doing} (e.g. "Checkout.options()") for the scenario in {@code file}. */
    static ScriptException of(String file, String doing, Throwable failure) {
        List<String> lines = new ArrayList<>();
        lines.add("headroom: script error in " + file + ": " + doing + " threw " + describe(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        for (int depth = 0; t != null && seen.add(t) && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (depth > 0) lines.add("  caused by " + describe(t));
            int shown = 0;
            for (StackTraceElement frame : t.getStackTrace()) {
                if (!isUserFrame(frame)) continue;
                if (shown++ == MAX_FRAMES_PER_CAUSE) {
                    lines.add("    ...");
                    break;
                }
                lines.add("    at " + frame.getClassName() + "." + frame.getMethodName() + "(" + location(frame) + ")");
            }
        }
        lines.add("headroom: the scenario failed before any load was sent; fix it and run again (exit "
                + ExitCode.SCRIPT_ERROR.code() + ": script error)");
        return new ScriptException(lines);
    }

    /** What the user sees, one line each. */
    List<String> lines() {
        return lines;
    }

    static boolean isUserFrame(StackTraceElement frame) {
        if (frame.getModuleName() != null) return false; // the JDK's modules
        String c = frame.getClassName();
        for (String prefix : NOT_USER) {
            if (c.startsWith(prefix)) return false;
        }
        return true;
    }

    private static String location(StackTraceElement frame) {
        if (frame.getFileName() == null) return "Unknown Source";
        return frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
