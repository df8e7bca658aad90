/**
 * What a run shows people and other programs. One model, {@link io.headroom.report.RunReport}, built once from the
 * run result and the findings (extra sections as typed {@link io.headroom.report.ReportBlock}s, built in
 * {@code io.headroom.report.section}); each file format is
 * one {@link io.headroom.report.ReportFormat} that knows no other, made by {@link io.headroom.report.ReportFormats}.
 * The formats: the end-of-test console summary ({@link
 * io.headroom.report.ConsoleSummary}), the machine-readable JSON summary ({@link io.headroom.report.JsonSummary},
 * schema {@code headroom.summary/1}), and live progress while a run goes ({@link io.headroom.report.ProgressPrinter}).
 * Files for people and CI: the self-contained HTML report ({@link io.headroom.report.HtmlReport}), JUnit XML
 * ({@link io.headroom.report.JunitReport}), the per-second CSV ({@link io.headroom.report.CsvIntervals}) and the
 * markdown summary ({@link io.headroom.report.MarkdownSummary}); live Prometheus metrics
 * ({@link io.headroom.report.PrometheusExporter}); and secret redaction for all of them
 * ({@link io.headroom.report.Redaction}). Every file is written by {@link io.headroom.report.OutputFile}, which
 * never replaces a device and never leaves a file half-written.
 *
 * <p>Not a hot package: everything here works on an immutable {@link io.headroom.core.result.RunResult}
 * after the run, or on the engine's once-a-second progress callbacks.
 */
package io.headroom.report;
