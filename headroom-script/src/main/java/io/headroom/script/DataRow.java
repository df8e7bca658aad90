package io.headroom.script;

import java.util.LinkedHashMap;
import java.util.Map;

/** One row of a data source; values are read by column name. Immutable and thread-safe. */
public final class DataRow {
    private final DataSource source;
    private final String[] values;
    private final int index;

    DataRow(DataSource source, String[] values, int index) {
        this.source = source;
        this.values = values;
        this.index = index;
    }

    /**
     * The value in this column (never null; empty when the CSV cell was empty).
     *
     * @throws IllegalArgumentException naming the source's columns when there is no such column
     */
    public String get(String column) {
        int i = source.columnIndex(column);
        if (i < 0) {
            throw new IllegalArgumentException("data source '" + source.name() + "' has no column '" + column
                    + "'; its columns are " + String.join(", ", source.columns()));
        }
        return values[i];
    }

    /** The value in the column at this 0-based position. */
    public String get(int column) {
        return values[column];
    }

    String[] values() {
        return values;
    }

    /** 0-based position of this row in its source (header excluded). */
    public int index() {
        return index;
    }

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) map.put(source.columns().get(i), values[i]);
        return map;
    }

    @Override
    public String toString() {
        return source.name() + asMap();
    }
}
