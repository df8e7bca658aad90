package io.headroom.script.plan;

import io.headroom.script.Vu;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code think: 1s} or {@code think: 1s..3s}: a pause, fixed or uniformly random. Stateless. */
final class ThinkStepReader implements StepReader {
    static final KeyTable<Void> KEYS = KeyTable.of("think");

    @Override
    public List<String> kinds() {
        return List.of("think");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        KEYS.reportUnknown(flow.r, map, path);
        return think(flow.r, kind.value(), path + ".think");
    }

    /** {@code think: 1s} or {@code think: MIN..MAX}. */
    private static Optional<FlowStep> think(NodeReader r, YNode node, String path) {
        Optional<String> read = r.text(node, path, "a think time such as 1s or 1s..3s");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get();
        int dots = text.indexOf("..");
        try {
            if (dots < 0) {
                Duration d = Durations.parse(text);
                return Optional.of(new Think(d, d));
            }
            Duration min = Durations.parse(text.substring(0, dots));
            Duration max = Durations.parse(text.substring(dots + 2));
            if (max.compareTo(min) < 0) {
                r.error(node, path, "expected MIN..MAX with MIN at most MAX, found \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(new Think(min, max));
        } catch (IllegalArgumentException e) {
            r.error(node, path, "expected a think time such as 500ms, 1s or 1s..3s, found " + NodeReader.found(node));
            return Optional.empty();
        }
    }

    /** {@code think: 1s} or {@code think: 1s..3s} (uniformly random, both ends inclusive). */
    record Think(Duration min, Duration max) implements FlowStep {
        @Override
        public boolean sendsOnlyOverHttp() {
            return true;
        }

        public void run(Vu vu) {
            if (min.equals(max)) {
                vu.think(min);
            } else {
                vu.think(min, max);
            }
        }
    }
}
