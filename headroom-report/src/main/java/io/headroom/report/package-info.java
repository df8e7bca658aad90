/**
 * What a run shows people and other programs: the end-of-test console summary ({@link
 * io.headroom.report.ConsoleSummary}), the machine-readable JSON summary ({@link io.headroom.report.JsonSummary},
 * schema {@code headroom.summary/1}), and live progress while a run goes ({@link io.headroom.report.ProgressPrinter}).
 *
 * <p>Not a hot package: everything here works on an immutable {@link io.headroom.core.result.RunResult}
 * after the run, or on the engine's once-a-second progress callbacks.
 */
package io.headroom.report;
