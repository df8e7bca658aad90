package io.headroom.report;

import io.headroom.core.result.RunResult;
import io.headroom.core.result.ThresholdResult;
import io.headroom.core.result.ThresholdVerdict;

/**
 * One threshold as the reports show it: its verdict, the selector and expression as written, and the actual
 * value named and in its unit ({@code p(95)=45.12ms}), followed by {@link ThresholdText#NO_DATA} when no sample
 * matched (never null), so every output words a verdict the same way. Immutable.
 */
public record ThresholdRow(Verdict verdict, String selector, String expression, String actual, boolean abortOnFail) {

    /** What the threshold came to; NO_DATA: not evaluated, as there was no value to compare (held). */
    public enum Verdict { HELD, CROSSED, NO_DATA }

    static ThresholdRow of(RunResult result, ThresholdResult t) {
        var spec = t.spec();
        return switch (t.verdict()) {
            case ThresholdVerdict.Held h -> new ThresholdRow(Verdict.HELD, spec.selectorText(), spec.exprText(),
                    ThresholdText.actual(result, spec, h.actual(), h.noData()), spec.abortOnFail());
            case ThresholdVerdict.Crossed c -> new ThresholdRow(Verdict.CROSSED, spec.selectorText(), spec.exprText(),
                    ThresholdText.actual(result, spec, c.actual(), c.noData()), spec.abortOnFail());
            case ThresholdVerdict.NoData n -> new ThresholdRow(Verdict.NO_DATA, spec.selectorText(), spec.exprText(),
                    ThresholdText.NOT_EVALUATED, spec.abortOnFail());
        };
    }
}
