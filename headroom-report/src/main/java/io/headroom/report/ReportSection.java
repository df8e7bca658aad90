package io.headroom.report;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An extra section of the report, added after the findings by a caller that knows more than the run result
 * (the target's profile, its resources, the capacity fit). {@code id} is its HTML id ({@code [a-z][a-z0-9-]*}),
 * {@code title} plain text, {@code blocks} its content as data, drawn by each format. Immutable.
 */
public record ReportSection(String id, String title, List<ReportBlock> blocks) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    public ReportSection {
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("bad section id: " + id);
    }
}
