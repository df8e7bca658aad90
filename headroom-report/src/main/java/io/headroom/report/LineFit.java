package io.headroom.report;

import java.util.List;

/**
 * Fits one line of fields into a number of terminal columns by shortening or dropping fields in a given
 * order, so that a live line never wraps (a wrapped line breaks the in-place redraw). Stateless.
 */
final class LineFit {
    private LineFit() {}

    /**
     * One field: its variants, longest first; an empty variant means the field is left out. The field
     * starts at its first variant.
     */
    record Field(List<String> variants) {
        Field {
            if (variants.isEmpty()) throw new IllegalArgumentException("a field needs a variant");
            variants = List.copyOf(variants);
        }

        static Field of(String... variants) {
            return new Field(List.of(variants));
        }
    }

    /**
     * The fields joined by {@code separator} in at most {@code maxColumns} columns (0 or less: no limit). Each
     * entry of {@code reductions} names a field (by index) to move to its next variant; they are applied in order
     * until the line fits. If it still does not, colour is dropped and the line is cut with an ellipsis.
     */
    static String fit(List<Field> fields, String separator, int[] reductions, int maxColumns) {
        int[] variant = new int[fields.size()];
        String line = join(fields, variant, separator);
        if (maxColumns <= 0) return line;
        for (int step = 0; step < reductions.length && Ansi.width(line) > maxColumns; step++) {
            int f = reductions[step];
            if (variant[f] < fields.get(f).variants().size() - 1) variant[f]++;
            line = join(fields, variant, separator);
        }
        return Ansi.width(line) <= maxColumns ? line : cut(Ansi.strip(line), maxColumns);
    }

    /** {@code text} (no colour codes) cut to {@code maxColumns} code points, the last one an ellipsis when cut. */
    static String cut(String text, int maxColumns) {
        if (text.codePointCount(0, text.length()) <= maxColumns) return text;
        if (maxColumns <= 0) return "";
        return text.substring(0, text.offsetByCodePoints(0, maxColumns - 1)) + "…";
    }

    private static String join(List<Field> fields, int[] variant, String separator) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String v = fields.get(i).variants().get(variant[i]);
            if (v.isEmpty()) continue;
            if (!line.isEmpty()) line.append(separator);
            line.append(v);
        }
        return line.toString();
    }
}
