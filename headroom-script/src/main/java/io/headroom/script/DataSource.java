package io.headroom.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rows of test data (a CSV file with a header line) shared by every VU of a run, handed out by a
 * {@link DataStrategy}. The rows are loaded once into memory and never change; the shared cursor is one
 * lock-free counter. Thread-safe.
 */
public final class DataSource {
    private final String name;
    private final List<String> columns;
    private final Map<String, Integer> columnIndex;
    private final DataRow[] rows;
    private final DataStrategy strategy;
    private final AtomicLong cursor = new AtomicLong();

    private DataSource(String name, List<String> columns, List<String[]> rows, DataStrategy strategy) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
        this.columnIndex = Map.copyOf(index);
        this.rows = new DataRow[rows.size()];
        for (int i = 0; i < rows.size(); i++) this.rows[i] = new DataRow(this, rows.get(i), i);
    }

    private DataSource(DataSource original) {
        this.name = original.name;
        this.columns = original.columns;
        this.columnIndex = original.columnIndex;
        this.strategy = original.strategy;
        this.rows = new DataRow[original.rows.length];
        for (int i = 0; i < rows.length; i++) rows[i] = new DataRow(this, original.rows[i].values(), i);
    }

    /** A copy with its own cursor (the rows are shared): a new run starts at the first row with no row claimed. */
    public DataSource fresh() {
        return new DataSource(this);
    }

    /** A source from rows in memory; every row must have one value per column. */
    public static DataSource of(String name, List<String> columns, List<List<String>> rows, DataStrategy strategy) {
        List<String[]> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("data source '" + name + "': expected " + columns.size()
                        + " values per row, found " + row.size());
            }
            copy.add(row.toArray(String[]::new));
        }
        if (copy.isEmpty()) throw new IllegalArgumentException("data source '" + name + "' has no rows");
        return new DataSource(name, columns, copy, strategy);
    }

    /**
     * Reads a CSV file (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes and line
     * breaks) whose first line names the columns. Blank lines are skipped.
     *
     * @throws DataSourceException with the file and line of the first problem
     */
    public static DataSource readCsv(String name, Path file, DataStrategy strategy) throws DataSourceException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataSourceException(file + ": file not found");
        } catch (IOException e) {
            throw new DataSourceException(file + ": cannot read: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<CsvRecord> records = parseCsv(text, file);
        if (records.isEmpty()) throw new DataSourceException(file + ": empty; expected a header line with column names");
        List<String> header = records.get(0).values();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).trim();
            if (column.isEmpty()) throw new DataSourceException(file + ":1: column " + (i + 1) + " has no name");
            if (header.subList(0, i).contains(column)) {
                throw new DataSourceException(file + ":1: column '" + column + "' appears twice");
            }
            header.set(i, column);
        }
        List<String[]> rows = new ArrayList<>();
        for (CsvRecord r : records.subList(1, records.size())) {
            if (r.values().size() != header.size()) {
                throw new DataSourceException(file + ":" + r.line() + ": expected " + header.size()
                        + " fields (" + String.join(",", header) + "), found " + r.values().size());
            }
            rows.add(r.values().toArray(String[]::new));
        }
        if (rows.isEmpty()) throw new DataSourceException(file + ": has a header but no rows");
        return new DataSource(name, header, rows, strategy);
    }

    private record CsvRecord(int line, List<String> values) {}

    private static List<CsvRecord> parseCsv(String text, Path file) throws DataSourceException {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
                    fields.add(field.toString());
                    records.add(new CsvRecord(recordLine, new ArrayList<>(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new DataSourceException(file + ":" + quoteLine + ": a quoted field is never closed");
        if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new CsvRecord(recordLine, new ArrayList<>(fields)));
        }
        return records;
    }

    public String name() {
        return name;
    }

    public List<String> columns() {
        return columns;
    }

    public DataStrategy strategy() {
        return strategy;
    }

    public int size() {
        return rows.length;
    }

    public DataRow row(int index) {
        return rows[index];
    }

    /** Position of the column, or -1. */
    int columnIndex(String column) {
        Integer i = columnIndex.get(column);
        return i == null ? -1 : i;
    }

    /** The next row for an iteration under {@link DataStrategy#CIRCULAR} or {@link DataStrategy#RANDOM}. */
    DataRow nextShared() {
        return switch (strategy) {
            case CIRCULAR -> rows[(int) (cursor.getAndIncrement() % rows.length)];
            case RANDOM -> rows[ThreadLocalRandom.current().nextInt(rows.length)];
            case UNIQUE -> throw new IllegalStateException("unique rows are claimed per VU");
        };
    }

    /**
     * Claims a row that no other VU holds, for {@link DataStrategy#UNIQUE}.
     *
     * @throws IllegalStateException when every row is taken
     */
    DataRow claimUnique() {
        long i = cursor.getAndIncrement();
        if (i >= rows.length) {
            throw new IllegalStateException("data source '" + name + "' (strategy unique) has " + rows.length
                    + " rows and every one is taken by another VU; add rows or run fewer VUs");
        }
        return rows[(int) i];
    }

    @Override
    public String toString() {
        return "DataSource[" + name + ", " + rows.length + " rows, " + strategy.planName() + "]";
    }
}
