package io.headroom.report;

import io.headroom.analysis.diagnose.Severity;

import java.util.Objects;

/**
 * One observation shown in the findings section of the HTML report (filled by analysis; empty until then).
 * {@code title} and {@code detail} are plain text, escaped when rendered; {@code detail} may be empty, never null.
 * {@code severity} (analysis's one scale) decides its colour. Immutable.
 */
public record ReportFinding(Severity severity, String title, String detail) {
    public ReportFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
    }
}
