package io.headroom.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every exit code of the {@code headroom} command, defined once, in the order the help footer lists them
 * (the run's outcomes first); the footer is generated from this list, so it cannot miss one.
 */
public enum ExitCode {
    /** The run finished and every threshold held. */
    OK(0, "the run finished and every threshold held"),
    /** A threshold was crossed. */
    THRESHOLDS_CROSSED(99, "a threshold was crossed"),
    /**
     * The generator could not keep to the plan (scheduling lag p99 above 10 ms, iterations dropped while its
     * scheduler was behind, or its own CPU saturated); the summary says what was measured: its own CPU, GC, or
     * other processes taking the machine's CPU. Outranks 99: a verdict measured on a starved generator is not a
     * verdict on the target. Iterations dropped on time because maxVUs was too small for a slow target are not
     * this: they are a warning, and a {@code dropped_iterations} threshold can fail the run (99), as in k6.
     */
    INVALID_RUN(98, "invalid run: the generator could not keep up (own CPU, GC, lag, other processes)"),
    /**
     * The run (or the command) finished but at least one output could not be written (disk full, a device that
     * failed, standard output closed); every other output was written, and no file was left half-written. Outranks
     * every verdict: a gate whose evidence was lost must not pass.
     */
    OUTPUTS_NOT_WRITTEN(97, "results could not all be written (disk full, ...); the others were"),
    /**
     * Stopped early: every request so far (at least 1,000 over at least 5 s) failed with one and the same
     * transport error and no server answered (connection refused, invalid URL, no such host), so the run could
     * only spin. Not 0: nothing was measured about the target, and a plan without thresholds would otherwise
     * pass. Not 2: the plan and the options were valid (they are checked before any load); what is wrong is
     * found only by sending (the target is down, the port or host is wrong), and scripts can tell "fix the
     * plan" from "the target was not there". Not 99 or 98: when nothing answered, neither a threshold verdict
     * nor the generator's health says anything about the target, so this code outranks both. (97 is taken by
     * the outputs that could not be written.)
     */
    REPEATED_ERROR(96, "stopped early: every request failed with the same error (target down, wrong URL)"),
    /**
     * A distributed run lost an agent (its process ended, its connection went, its heartbeats stopped for a few
     * seconds), or not every agent registered in time and the run did not start. The coordinator stopped the other
     * agents and wrote the merged summary of what was measured, its outcome {@code agent_lost} and
     * {@code headroom.agentLost} naming the agent and when. An agent whose coordinator went away stops its load and
     * exits with it too. On Kubernetes also a pod of the run that cannot be scheduled or start its container, or a
     * coordinator's pod that ended without sending its results. Outranks 96, 98 and 99 (the numbers miss a part of the
     * load); 130 outranks it (Ctrl-C).
     */
    AGENT_LOST(95, "an agent of a distributed run was lost (or never registered, or its pod never started)"),
    /** Bad usage or an invalid plan; the message names the file, line and field. */
    USAGE(2, "bad usage or an invalid plan"),
    /**
     * A Java scenario threw while it was set up (constructor, static initialiser, {@code options()}); the
     * message shows the user's frames. k6's {@code ScriptException} code ({@code errext/exitcodes/codes.go}).
     */
    SCRIPT_ERROR(107, "script error: the Java scenario threw while it was set up"),
    /** The user interrupted the run (Ctrl-C, SIGTERM, SIGHUP); partial results were written. */
    INTERRUPTED(130, "interrupted (Ctrl-C, SIGTERM, SIGHUP); partial results were written"),
    /** An unexpected failure: a bug in Headroom. */
    UNEXPECTED(1, "unexpected failure (a bug)");

    private final int code;
    private final String help;

    ExitCode(int code, String help) {
        this.code = code;
        this.help = help;
    }

    public int code() {
        return code;
    }

    /** What the code means, as the help footer says it. */
    public String help() {
        return help;
    }

    /** The help footer's lines: a blank line, "Exit codes:", then one line per code ("  99   a threshold ..."). */
    static String[] helpFooter() {
        List<String> lines = new ArrayList<>(List.of("", "Exit codes:"));
        for (ExitCode c : values()) lines.add(String.format(Locale.ROOT, "  %-4d %s", c.code, c.help));
        return lines.toArray(String[]::new);
    }
}
