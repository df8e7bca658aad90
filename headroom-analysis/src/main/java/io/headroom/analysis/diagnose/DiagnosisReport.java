package io.headroom.analysis.diagnose;

import static io.headroom.core.text.Json.number;
import static io.headroom.core.text.Json.quote;

import java.util.List;
import java.util.Locale;

/** Renders findings as text for the terminal or as JSON for tools and the HTML report. Stateless. */
public final class DiagnosisReport {
    private DiagnosisReport() {}

    /** One block per finding: "[bad] title", its evidence, and the next step. */
    public static String text(String source, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        long bad = findings.stream().filter(f -> f.severity() == Severity.BAD).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        sb.append("Diagnosis of ").append(source).append(": ").append(findings.size())
                .append(findings.size() == 1 ? " finding" : " findings")
                .append(" (").append(bad).append(" bad, ").append(warnings).append(warnings == 1 ? " warning)" : " warnings)").append('\n');
        for (Finding f : findings) {
            sb.append('\n').append(String.format(Locale.ROOT, "[%s] ", f.severity().label())).append(f.title()).append('\n');
            sb.append("    evidence: ").append(f.evidenceText()).append('\n');
            sb.append("    next: ").append(f.nextStep()).append('\n');
        }
        return sb.toString();
    }

    /** {@code {"source": ..., "worst": ..., "findings": [{"rule", "severity", "title", "evidence": [...], "nextStep"}]}}. */
    public static String json(String source, List<Finding> findings) {
        StringBuilder sb = new StringBuilder("{\n  \"source\": ").append(quote(source))
                .append(",\n  \"worst\": ").append(quote(Diagnosis.worst(findings).label())).append(",\n  \"findings\": [");
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"rule\": ").append(quote(f.rule().id()))
                    .append(", \"severity\": ").append(quote(f.severity().label()))
                    .append(", \"title\": ").append(quote(f.title()))
                    .append(", \"evidence\": [");
            for (int j = 0; j < f.evidence().size(); j++) {
                Evidence e = f.evidence().get(j);
                if (j > 0) sb.append(", ");
                sb.append("{\"name\": ").append(quote(e.name())).append(", \"value\": ").append(number(e.value()))
                        .append(", \"unit\": ").append(quote(e.unit().jsonName())).append('}');
            }
            sb.append("], \"nextStep\": ").append(quote(f.nextStep())).append('}');
        }
        return sb.append(findings.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
    }

    /** As {@link #json(String, List)}, plus {@code "breakingPoint"}: {@link BreakingRate#json()} or null. */
    public static String json(String source, List<Finding> findings, java.util.Optional<BreakingRate> breakingRate) {
        String json = json(source, findings);
        // json(...) ends with "]\n}\n": the new field goes after the findings' closing bracket.
        return json.substring(0, json.length() - 3) + ",\n  \"breakingPoint\": "
                + breakingRate.map(BreakingRate::json).orElse("null") + "\n}\n";
    }
}
