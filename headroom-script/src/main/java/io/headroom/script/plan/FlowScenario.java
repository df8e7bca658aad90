package io.headroom.script.plan;

import io.headroom.script.Scenario;
import io.headroom.script.Vu;

import java.util.List;

/**
 * A plan's {@code flow}, compiled: the steps run in order, once per iteration. Stateless (all state lives
 * in the {@link Vu}), so one instance serves every VU. Thread-safe.
 */
public final class FlowScenario implements Scenario {
    private final String name;
    private final List<FlowStep> steps;

    FlowScenario(String name, List<FlowStep> steps) {
        this.name = name;
        this.steps = List.copyOf(steps);
    }

    @Override
    public void iteration(Vu vu) throws Exception {
        for (FlowStep step : steps) step.run(vu);
    }

    /** The number of top-level steps. */
    public int size() {
        return steps.size();
    }

    /** Whether every step sends only through the VU's HTTP session ({@link FlowStep#sendsOnlyOverHttp()}). */
    public boolean sendsOnlyOverHttp() {
        return steps.stream().allMatch(FlowStep::sendsOnlyOverHttp);
    }

    List<FlowStep> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "FlowScenario[" + name + ", " + steps.size() + " steps]";
    }
}
