package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;

import java.util.List;

/** {@code group: NAME} with its own {@code flow}: the samples of the steps inside carry the group tag. Stateless. */
final class GroupStepReader implements StepReader {
    static final KeyTable<Void> KEYS = KeyTable.of("group", "flow");

    @Override
    public List<String> kinds() {
        return List.of("group");
    }

    @Override
    public FlowStep read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        KEYS.reportUnknown(r, map, path);
        String name = PlanContext.unescaped(r.nonEmptyText(kind.value(), path + ".group", "a group name"));
        if (name != null && name.contains("::")) {
            r.error(kind.value(), path + ".group", "a group name must not contain '::', found \"" + name + "\"");
            name = null;
        }
        YEntry flowEntry = map.entry("flow");
        if (flowEntry == null) {
            r.error(kind.keyMark(), path, "missing 'flow': the steps of group " + (name == null ? "" : "'" + name + "'"));
            return null;
        }
        List<FlowStep> steps = flow.steps(flowEntry.value(), path + ".flow", flowEntry.keyMark());
        return name == null || steps == null ? null : new FlowStep.Group(name, steps);
    }
}
