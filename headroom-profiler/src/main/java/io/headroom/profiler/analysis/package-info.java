/**
 * A JFR recording turned into findings: {@link io.headroom.profiler.analysis.JfrAnalyzer} reads it once, event
 * by event, into a {@link io.headroom.profiler.analysis.ProfileReport} (CPU hot methods, allocation sites and
 * types, GC pauses, contended monitors and park sites, CPU per thread, warnings) plus the CPU samples as
 * collapsed stacks; {@link io.headroom.profiler.analysis.ProfileJson} writes the report as JSON
 * ({@code headroom.profile/1}) and {@link io.headroom.profiler.analysis.ProfileSummary} as terminal text.
 *
 * <p>Allocation: memory grows with the distinct stacks and methods, not with the number of events, so
 * recordings of hours are fine. Threading: stateless entry points; the collectors are per call.
 */
package io.headroom.profiler.analysis;
