package io.headroom.script.plan;

import io.headroom.script.Vu;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;

import java.util.List;
import java.util.Optional;

/** {@code group: NAME} with its own {@code flow}: the samples of the steps inside carry the group tag. Stateless. */
final class GroupStepReader implements StepReader {
    static final KeyTable<Void> KEYS = KeyTable.of("group", "flow");

    @Override
    public List<String> kinds() {
        return List.of("group");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        KEYS.reportUnknown(r, map, path);
        Optional<String> name = r.nonEmptyText(kind.value(), path + ".group", "a group name").map(Template::unescape).filter(n -> {
            if (!n.contains("::")) return true;
            r.error(kind.value(), path + ".group", "a group name must not contain '::', found \"" + n + "\"");
            return false;
        });
        YEntry flowEntry = map.entry("flow");
        if (flowEntry == null) {
            r.error(kind.keyMark(), path, "missing 'flow': the steps of group " + name.map(n -> "'" + n + "'").orElse(""));
            return Optional.empty();
        }
        Optional<List<FlowStep>> steps = flow.steps(flowEntry.value(), path + ".flow", flowEntry.keyMark());
        return name.isEmpty() || steps.isEmpty() ? Optional.empty() : Optional.of(new Group(name.get(), steps.get()));
    }

    /** {@code group: NAME} with its own {@code flow}: samples inside carry the {@code group} tag. */
    record Group(String name, List<FlowStep> steps) implements FlowStep {
        @Override
        public boolean sendsOnlyOverHttp() {
            return steps.stream().allMatch(FlowStep::sendsOnlyOverHttp);
        }

        public void run(Vu vu) throws Exception {
            vu.group(name, () -> {
                for (FlowStep s : steps) s.run(vu);
            });
        }
    }
}
