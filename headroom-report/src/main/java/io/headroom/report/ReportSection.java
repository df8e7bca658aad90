package io.headroom.report;

import io.headroom.core.text.Html;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An extra section of the HTML report, added after the findings by a caller that knows more than the run
 * result (the target's profile, its resources). {@code id} is the HTML id ({@code [a-z][a-z0-9-]*}),
 * {@code title} plain text (escaped when rendered), {@code html} trusted markup placed as it is: its author
 * escapes every text it inserts with {@link #escape(String)}. Immutable.
 */
public record ReportSection(String id, String title, String html) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

    public ReportSection {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(html, "html");
        if (id == null || !ID.matcher(id).matches()) throw new IllegalArgumentException("bad section id: " + id);
    }

    /** {@code text} safe inside HTML text and quoted attribute values. */
    public static String escape(String text) {
        return Html.escape(text);
    }
}
