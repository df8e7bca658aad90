package io.headroom.report;

import java.util.List;
import java.util.Objects;

/**
 * One piece of an extra report section, as data: each format draws it its own way (the HTML report as
 * markup and inline SVG). All text is plain text; renderers escape it. Immutable.
 */
public sealed interface ReportBlock {

    /** A paragraph of text and links; {@code cssClass} may be null (the HTML renderer's class, e.g. {@code empty}). */
    record Paragraph(List<Inline> parts, String cssClass) implements ReportBlock {
        public Paragraph {
            parts = List.copyOf(parts);
        }

        /** A paragraph of one text. */
        public static Paragraph of(String text) {
            return new Paragraph(List.of(new Inline.Text(text)), null);
        }

        /** A paragraph of one text with a class. */
        public static Paragraph of(String text, String cssClass) {
            return new Paragraph(List.of(new Inline.Text(text)), cssClass);
        }
    }

    /** A run inside a paragraph. */
    sealed interface Inline {
        /** Plain text. */
        record Text(String text) implements Inline {}

        /** A link to {@code href} (a relative file name or URL) shown as {@code text}. */
        record Link(String href, String text) implements Inline {}
    }

    /** A sub-heading inside a section. */
    record Heading(String text) implements ReportBlock {}

    /** A table; {@code cssClass} may be null; every row has one cell per column. */
    record Table(String cssClass, List<Column> columns, List<List<Cell>> rows) implements ReportBlock {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<Cell> row : rows) {
                if (row.size() != columns.size()) throw new IllegalArgumentException("expected " + columns.size() + " cells");
            }
        }
    }

    /** A table column: its header, and whether it holds numbers (right-aligned). */
    record Column(String header, boolean numeric) {}

    /** A table cell: its text, shown as code (a method name) or not. */
    record Cell(String text, boolean code) {
        public static Cell text(String text) {
            return new Cell(text, false);
        }

        public static Cell code(String text) {
            return new Cell(text, true);
        }
    }

    /** Labelled values, one row each (a fit's parameters); {@code cssClass} may be null. */
    record KeyValues(String cssClass, List<Entry> entries) implements ReportBlock {
        public KeyValues {
            entries = List.copyOf(entries);
        }
    }

    /** One labelled value. */
    record Entry(String label, String value) {}

    /**
     * A line of values over time without script: {@code id} its HTML id, {@code title} the caption, {@code top}
     * the value at the top of the chart, as shown; {@code points} at least two, seconds and values positive at the end.
     */
    record LineChart(String id, String title, String top, List<Point> points) implements ReportBlock {
        public LineChart {
            Objects.requireNonNull(id, "id");
            points = List.copyOf(points);
        }
    }

    /** A point in data units. */
    record Point(double x, double y) {}

    /**
     * Measured dots and a fitted line over x from 0 to {@code xMax} and y from 0 to {@code yMax}, with an optional
     * vertical mark and a note beside one dot (both nullable). {@code name} prefixes the HTML classes and ids
     * ({@code name-chart}, {@code name-fitted}, {@code name-measured}, {@code name-knee}); flagged dots get
     * {@code flaggedClass} too; line points above {@code yMax} are drawn at the top.
     */
    record XyChart(String name, String title, String xLabel, String yLabel, double xMax, double yMax,
                   List<Point> line, String lineLegend, List<Dot> dots, String dotLegend, String flaggedClass,
                   Mark mark, Note note) implements ReportBlock {
        public XyChart {
            line = List.copyOf(line);
            dots = List.copyOf(dots);
        }
    }

    /** A measured dot; {@code flagged} draws it apart (an SLO break); {@code tooltip} plain text. */
    record Dot(double x, double y, boolean flagged, String tooltip) {}

    /** A dashed vertical line at {@code x}, labelled. */
    record Mark(double x, String label) {}

    /** A label beside the point {@code (x, y)}. */
    record Note(double x, double y, String text) {}

    /**
     * Another self-contained page shown inside this one (a flame graph), sandboxed with its scripts allowed;
     * {@code html} is that page, {@code cssClass} may be null.
     */
    record EmbeddedPage(String cssClass, String title, String html) implements ReportBlock {}
}
