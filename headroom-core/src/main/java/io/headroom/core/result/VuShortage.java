package io.headroom.core.result;

import java.util.Locale;
import java.util.Objects;

/**
 * An arrival-rate scenario dropped iterations while its scheduler was on time: every VU up to maxVUs was busy,
 * because the target held each VU longer than the plan's maxVUs allows at that rate. That is the plan against a
 * slow target, not the generator: k6 warns and lets the thresholds judge (a {@code dropped_iterations} threshold
 * can fail the run), and so does Headroom. The VUs the schedule needed follow from Little's law, rate × time in
 * the system, with the p(99) iteration duration as the time (so that the tail, not the mean, is covered).
 * Immutable.
 *
 * @param scenario the scenario's name
 * @param droppedIterations the iterations dropped for want of a VU (scheduler on time), at least 1
 * @param maxVus the plan's maxVUs of the scenario
 * @param ratePerSecond the schedule's highest rate, iterations per second (ramping-arrival-rate: its peak)
 * @param iterationP99Millis p(99) of the scenario's {@code iteration_duration}, ms; NaN when no iteration completed
 */
public record VuShortage(String scenario, long droppedIterations, int maxVus, double ratePerSecond,
                         double iterationP99Millis) {
    public VuShortage {
        Objects.requireNonNull(scenario, "scenario");
    }

    /** rate × p(99) iteration duration, rounded up; 0 when no iteration completed (unknown). */
    public long neededVus() {
        if (!(iterationP99Millis > 0) || !(ratePerSecond > 0)) return 0;
        return (long) Math.ceil(ratePerSecond * iterationP99Millis / 1000.0 - 1e-9);
    }

    /**
     * The warning, one sentence for every output (console, JSON, diagnosis): {@code scenario "open": 1204
     * iterations were dropped because every VU up to maxVUs was busy: the schedule needed ~540 VUs (2000/s × 270 ms
     * p99 iteration duration); maxVUs is 500: raise maxVUs}.
     */
    public String message() {
        String head = "scenario \"" + scenario + "\": " + droppedIterations + " iteration" + (droppedIterations == 1 ? " was" : "s were")
                + " dropped because every VU up to maxVUs was busy (the target held them; the generator kept its schedule)";
        long needed = neededVus();
        if (needed == 0) return head + "; no iteration completed, so the VUs needed are unknown; maxVUs is " + maxVus + ": raise maxVUs";
        String law = String.format(Locale.ROOT, "the schedule needed ~%d VUs (%s/s × %s p99 iteration duration)", needed,
                number(ratePerSecond), millis(iterationP99Millis));
        return head + ": " + law + "; maxVUs is " + maxVus + (needed > maxVus ? ": raise maxVUs"
                : ": raise maxVUs, the latency varied more than its p99 shows");
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String millis(double ms) {
        if (ms >= 1000) return String.format(Locale.ROOT, "%.3g s", ms / 1000);
        return String.format(Locale.ROOT, ms >= 10 ? "%.0f ms" : "%.2g ms", ms);
    }
}
