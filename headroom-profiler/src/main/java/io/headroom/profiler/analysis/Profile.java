package io.headroom.profiler.analysis;

import io.headroom.profiler.flame.CollapsedStacks;
import io.headroom.profiler.flame.FrameTrie;

/**
 * The result of analysing one recording: the report, and the CPU samples as collapsed stacks (kept apart
 * because they can be large; they feed the flame graph and the {@code --collapsed} file). Immutable.
 */
public record Profile(ProfileReport report, CollapsedStacks cpuStacks) {
    /** The CPU samples merged into the frame tree the flame graph draws. */
    public FrameTrie cpuTrie() {
        return FrameTrie.of(cpuStacks);
    }
}
