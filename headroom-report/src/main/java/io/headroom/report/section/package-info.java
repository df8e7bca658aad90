/**
 * The report's extra sections, for what a command knows beyond the run result: the target's resources and
 * profiles ({@link io.headroom.report.section.TargetSections}, from what was observed of it) and the capacity
 * fit ({@link io.headroom.report.section.CapacitySection}). Each returns a
 * {@link io.headroom.report.ReportSection} of typed {@link io.headroom.report.ReportBlock}s that every format
 * draws, so the CLI only passes them on and writes no markup. Stateless; depends on {@code io.headroom.report},
 * never the reverse.
 */
package io.headroom.report.section;
