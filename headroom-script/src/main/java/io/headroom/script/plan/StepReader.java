package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;

import java.util.List;
import java.util.Optional;

/**
 * Reads the steps of one kind (or a family of kinds, like the HTTP methods) of a plan's flow. A new step kind
 * is one implementation of this holding its {@link FlowStep} record (as {@link ThinkStepReader.Think}),
 * registered in {@link StepKinds#READERS}.
 * Implementations are stateless: per-flow state lives in the {@link FlowCompiler}.
 */
interface StepReader {
    /** The keys that name this reader's steps, e.g. {@code think}, in the order messages list them. */
    List<String> kinds();

    /**
     * Reads one step.
     *
     * @param map the whole step mapping (its kind key and any options)
     * @param kind the entry naming the step's kind
     * @param path the step's field path, e.g. {@code scenarios.s.flow[2]}
     * @return the step, or empty when it is invalid (every problem reported into the flow's problems)
     */
    Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path);
}
