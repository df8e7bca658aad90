package io.headroom.report;

import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.RunResult;

import java.util.Comparator;
import java.util.Optional;

/** The console's one line about trace exemplars: the run's slowest traced request and where the rest are. Stateless. */
final class SlowestTraces {
    private SlowestTraces() {}

    /** "slowest traced request: GET /slow 412.25ms, trace 4bf9…" with its link when the run has a template; empty without exemplars. */
    static Optional<String> line(RunResult result) {
        Optional<Exemplar> slowest = result.exemplars().stream().max(Comparator.comparingDouble(Exemplar::durationMillis));
        if (slowest.isEmpty()) return Optional.empty();
        Exemplar e = slowest.get();
        String template = HtmlExemplars.linkTemplate(result.info());
        return Optional.of("slowest traced request: " + e.endpoint().get("method") + " "
                + Redaction.text(String.valueOf(e.endpoint().get("name"))) + " " + Units.duration(e.durationMillis())
                + ", trace " + (template == null ? e.traceId() : e.link(template))
                + " (the " + Exemplar.PER_ENDPOINT + " slowest per endpoint: the summary's exemplars, the HTML report)");
    }
}
