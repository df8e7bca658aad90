package io.headroom.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A writer that breaks every line wider than a terminal at a space, so the terminal's own wrapping never splits
 * a number or a word; a continuation line is indented two columns past its line's own indentation. A word wider
 * than the room left (a long path) is broken where it must. Colour codes take no columns. Holds a partial line
 * until its newline or {@link #flush()}. Not thread-safe.
 */
public final class WrappingWriter extends Writer {
    private final Writer out;
    private final int maxColumns;
    private final StringBuilder line = new StringBuilder();

    /** Lines of at most {@code maxColumns} columns (0: passed through unchanged) to {@code out}. */
    public WrappingWriter(Writer out, int maxColumns) {
        this.out = Objects.requireNonNull(out, "out");
        if (maxColumns < 0) throw new IllegalArgumentException("maxColumns must not be negative");
        this.maxColumns = maxColumns;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                out.write(wrap(line.toString(), maxColumns));
                out.write('\n');
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (!line.isEmpty()) {
            out.write(wrap(line.toString(), maxColumns));
            line.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    /** Every line of {@code text} wrapped to {@code maxColumns} (0: unchanged). */
    public static String wrapLines(String text, int maxColumns) {
        if (maxColumns <= 0) return text;
        StringBuilder result = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                result.append(wrap(text.substring(start), maxColumns));
                break;
            }
            result.append(wrap(text.substring(start, end), maxColumns)).append('\n');
            start = end + 1;
        }
        return result.toString();
    }

    /** One line (no newline in it) broken at spaces into lines of at most {@code maxColumns} columns. */
    static String wrap(String line, int maxColumns) {
        if (maxColumns <= 0 || Ansi.width(line) <= maxColumns) return line;
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        String hang = " ".repeat(Math.min(lead + 2, maxColumns / 2));
        StringBuilder result = new StringBuilder(line.length() + 16);
        String rest = line;
        boolean first = true;
        while (true) {
            String current = first ? rest : hang + rest;
            if (Ansi.width(current) <= maxColumns) {
                result.append(current);
                return result.toString();
            }
            int cut = breakAt(current, maxColumns, first ? lead : hang.length());
            result.append(current, 0, cut).append('\n');
            int next = cut;
            while (next < current.length() && current.charAt(next) == ' ') next++;
            rest = current.substring(next);
            result.setLength(result.length() - 1);
            // trailing spaces before the break go too
            while (!result.isEmpty() && result.charAt(result.length() - 1) == ' ') result.setLength(result.length() - 1);
            result.append('\n');
            first = false;
        }
    }

    /** Index in {@code s} where a break keeps the first part within {@code maxColumns}: the last space, else hard. */
    private static int breakAt(String s, int maxColumns, int indent) {
        int columns = 0;
        int lastSpace = -1;
        int hard = s.length();
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '\u001b') {
                int end = i + 1;
                while (end < s.length() && !Character.isLetter(s.charAt(end))) end++;
                i = end + 1;
                continue;
            }
            int cp = s.codePointAt(i);
            if (columns == maxColumns) {
                hard = i;
                if (cp == ' ') return i;
                break;
            }
            if (cp == ' ' && i > indent) lastSpace = i;
            columns++;
            i += Character.charCount(cp);
        }
        return lastSpace > indent ? lastSpace : hard;
    }
}
