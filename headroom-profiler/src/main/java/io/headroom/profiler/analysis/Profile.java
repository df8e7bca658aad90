package io.headroom.profiler.analysis;

import io.headroom.profiler.flame.CollapsedStacks;
import io.headroom.profiler.flame.FrameTrie;

/**
 * The result of analysing one recording: the report, and the CPU samples as collapsed stacks (kept apart
 * because they can be large; they feed the flame graph and the {@code --collapsed} file). Immutable.
 *
 * @param wallStacks the wall-clock stacks in milliseconds: CPU samples times the sampling period, and every
 *                   recorded wait by its duration with a last frame naming the wait ({@code [parked]})
 */
public record Profile(ProfileReport report, CollapsedStacks cpuStacks, CollapsedStacks wallStacks) {
    /** The wall-clock stacks merged into the frame tree the wall-clock flame graph draws. */
    public FrameTrie wallTrie() {
        return FrameTrie.of(wallStacks);
    }

    /** The CPU samples merged into the frame tree the flame graph draws. */
    public FrameTrie cpuTrie() {
        return FrameTrie.of(cpuStacks);
    }
}
