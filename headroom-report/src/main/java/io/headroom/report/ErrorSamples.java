package io.headroom.report;

import io.headroom.core.metric.ErrorSample;
import io.headroom.core.result.RunResult;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How the reports show error samples: most frequent first, messages on one line. Stateless and thread-safe. */
final class ErrorSamples {
    private ErrorSamples() {}

    /** The samples of {@code result}, most frequent first, then by code. */
    static List<ErrorSample> byCount(RunResult result) {
        return result.errorSamples().stream()
                .sorted(Comparator.comparingLong(ErrorSample::count).reversed().thenComparing(ErrorSample::code))
                .toList();
    }

    /** The sample of {@code code}, if one was recorded. */
    static Optional<ErrorSample> of(RunResult result, String code) {
        if (code == null) return Optional.empty();
        return result.errorSamples().stream().filter(e -> e.code().equals(code)).findFirst();
    }

    /**
     * {@code message} on one line of at most {@code maxChars}: control characters (newlines, a target's ANSI
     * escapes) become spaces, since the text comes from the target and must not steer a terminal.
     */
    static String oneLine(String message, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), maxChars + 1));
        boolean space = false;
        for (int i = 0; i < message.length() && out.length() < maxChars; i++) {
            char c = message.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (blank) {
                if (!space && !out.isEmpty()) out.append(' ');
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        String line = out.toString().strip();
        return line.length() < message.strip().length() && out.length() >= maxChars ? line + "…" : line;
    }
}
