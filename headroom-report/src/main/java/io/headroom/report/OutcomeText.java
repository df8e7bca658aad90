package io.headroom.report;

import io.headroom.core.result.RunOutcome;

/**
 * How a run's outcome is worded, in one place for every format: the short word of the console header, the
 * phrase of the HTML header, and the headline and explanation of a partial run. {@code ranFor} is the run's
 * duration as shown. Immutable.
 */
public record OutcomeText(RunOutcome outcome, String ranFor) {

    /** True when the run did not finish its plan, so the numbers cover only part of it. */
    public boolean partial() {
        return outcome != RunOutcome.COMPLETED;
    }

    /** The console's word: {@code aborted by threshold}. */
    public String word() {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case INTERRUPTED -> "interrupted";
            case ABORTED_BY_THRESHOLD -> "aborted by threshold";
            case MAX_DURATION_REACHED -> "max duration reached";
            case ABORTED_ON_REPEATED_ERROR -> "stopped: every request failed";
            case AGENT_LOST -> "stopped: an agent was lost";
        };
    }

    /** The HTML header's phrase: {@code aborted by a threshold (partial results)}. */
    public String phrase() {
        return switch (outcome) {
            case COMPLETED -> "completed";
            case INTERRUPTED -> "interrupted (partial results)";
            case ABORTED_BY_THRESHOLD -> "aborted by a threshold (partial results)";
            case MAX_DURATION_REACHED -> "max duration reached (partial results)";
            case ABORTED_ON_REPEATED_ERROR -> "stopped early: every request failed the same way (partial results)";
            case AGENT_LOST -> "stopped: an agent was lost (partial results)";
        };
    }

    /** The headline of a partial run: {@code run interrupted — partial results}. */
    public String headline() {
        return switch (outcome) {
            case COMPLETED -> "run completed";
            case INTERRUPTED -> "run interrupted — partial results";
            case ABORTED_BY_THRESHOLD -> "run aborted by a threshold — partial results";
            case MAX_DURATION_REACHED -> "run stopped at its max duration — partial results";
            case ABORTED_ON_REPEATED_ERROR -> "run stopped early: every request failed the same way — partial results";
            case AGENT_LOST -> "run stopped: an agent was lost — partial results";
        };
    }

    /** Why the numbers are partial, in a sentence; empty for a completed run. */
    public String explanation() {
        return switch (outcome) {
            case COMPLETED -> "";
            case INTERRUPTED -> "Stopped by the user after " + ranFor + "; the numbers cover only that time.";
            case ABORTED_BY_THRESHOLD -> "A threshold with abortOnFail was crossed after " + ranFor
                    + "; the numbers cover only that time.";
            case MAX_DURATION_REACHED -> "The safety bound stopped the run after " + ranFor
                    + "; the numbers cover only that time.";
            case ABORTED_ON_REPEATED_ERROR -> "Every request failed with the same error and no server answered, so the"
                    + " run was stopped after " + ranFor + "; see headroom.stoppedEarly in the metadata for the fix.";
            case AGENT_LOST -> "An agent of the distributed run was lost after " + ranFor + " and the others were stopped;"
                    + " the numbers cover what every agent measured until then (headroom.agentLost in the metadata says"
                    + " which and when).";
        };
    }
}
