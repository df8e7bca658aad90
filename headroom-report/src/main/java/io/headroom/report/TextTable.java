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
        render(out, indent, 0);
    }

    /**
     * The table in at most {@code maxColumns} columns (0: no limit): columns named in {@code dropOrder} are left out,
     * in that order, until it fits; then left-aligned (text) columns are cut with an ellipsis, last first, to no less
     * than {@value #MIN_TEXT_WIDTH}. Right-aligned (number) columns are never cut.
     */
    void render(StringBuilder out, String indent, int maxColumns, int... dropOrder) {
        int n = rightAligned.length;
        int[] widths = new int[n];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], Ansi.width(row[c]));
        }
        boolean[] shown = new boolean[n];
        java.util.Arrays.fill(shown, true);
        if (maxColumns > 0) {
            for (int i = 0; i < dropOrder.length && total(widths, shown, indent) > maxColumns; i++) shown[dropOrder[i]] = false;
            for (int c = n - 1; c >= 0 && total(widths, shown, indent) > maxColumns; c--) {
                if (!shown[c] || rightAligned[c] || widths[c] <= MIN_TEXT_WIDTH) continue;
                widths[c] = Math.max(MIN_TEXT_WIDTH, widths[c] - (total(widths, shown, indent) - maxColumns));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            boolean first = true;
            for (int c = 0; c < row.length; c++) {
                if (!shown[c]) continue;
                if (!first) line.append("  ");
                first = false;
                String cell = Ansi.width(row[c]) > widths[c] ? LineFit.cut(Ansi.strip(row[c]), widths[c]) : row[c];
                line.append(rightAligned[c] ? Ansi.padLeft(cell, widths[c]) : Ansi.padRight(cell, widths[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static final int MIN_TEXT_WIDTH = 8;

    private static int total(int[] widths, boolean[] shown, String indent) {
        int total = indent.length();
        int count = 0;
        for (int c = 0; c < widths.length; c++) {
            if (!shown[c]) continue;
            total += widths[c];
            count++;
        }
        return total + 2 * Math.max(0, count - 1);
    }
}
