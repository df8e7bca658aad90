package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;
import io.headroom.analysis.Unit;

import java.util.List;
import java.util.Optional;

/** Errors jump from few to many at one concurrency: a hard limit. Stateless. */
final class ErrorCliffRule implements DiagnosisRule {
    @Override
    public List<Finding> findings(DiagnosisInput run) {
        return errorCliff(run.levels()).stream().toList();
    }

    static Optional<Finding> errorCliff(List<LoadLevel> levels) {
        if (levels.size() < 3) return Optional.empty();
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).errorRate() < 0.05) continue;
            boolean cleanBefore = levels.subList(0, i).stream().allMatch(l -> l.errorRate() < 0.01);
            if (!cleanBefore) return Optional.empty();
            LoadLevel before = levels.get(i - 1), at = levels.get(i);
            return Optional.of(Finding.of(Rule.ERROR_CLIFF, Severity.BAD,
                    "Errors jump from " + Numbers.percent(before.errorRate()) + " to " + Numbers.percent(at.errorRate())
                            + " at about " + Numbers.sig3(at.concurrency()) + " VUs: a hard limit",
                    List.of(new Evidence("error rate below", before.errorRate(), Unit.FRACTION),
                            new Evidence("error rate at", at.errorRate(), Unit.FRACTION),
                            new Evidence("last clean load", before.concurrency(), Unit.VUS),
                            new Evidence("cliff load", at.concurrency(), Unit.VUS)),
                    "A sudden jump is a configured limit, not gradual overload: connection or thread pool size, "
                            + "file descriptors, rate limiter, queue bound; find the limit near "
                            + Numbers.sig3(at.concurrency()) + " concurrent requests."));
        }
        return Optional.empty();
    }
}
