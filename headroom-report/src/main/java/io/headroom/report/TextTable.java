package io.headroom.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns aligned by display width, two spaces apart. Not thread-safe. */
final class TextTable {
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** {@code alignment} has one letter per column: {@code L} left, {@code R} right. */
    TextTable(String alignment) {
        rightAligned = new boolean[alignment.length()];
        for (int i = 0; i < rightAligned.length; i++) rightAligned[i] = alignment.charAt(i) == 'R';
    }

    TextTable row(String... cells) {
        if (cells.length != rightAligned.length) throw new IllegalArgumentException("expected " + rightAligned.length + " cells");
        rows.add(cells);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void render(StringBuilder out, String indent) {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], Ansi.width(row[c]));
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) line.append("  ");
                line.append(rightAligned[c] ? Ansi.padLeft(row[c], widths[c]) : Ansi.padRight(row[c], widths[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
