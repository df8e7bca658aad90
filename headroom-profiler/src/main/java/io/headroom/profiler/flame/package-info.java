/**
 * Flame graphs, in separately testable stages as in async-profiler's converter: stack samples as
 * {@link io.headroom.profiler.flame.CollapsedStacks} ({@code root;caller;callee 42}, readable from and
 * writable to files), merged into a {@link io.headroom.profiler.flame.FrameTrie}, drawn by
 * {@link io.headroom.profiler.flame.FlameGraphHtml} as one self-contained interactive page.
 *
 * <p>Independent of JFR: any collapsed-stack file (async-profiler, perf + stackcollapse) can be drawn.
 * Everything here is immutable once built and thread-safe; nothing recurses over stack depth.
 */
package io.headroom.profiler.flame;
