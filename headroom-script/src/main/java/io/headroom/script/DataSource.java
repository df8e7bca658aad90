package io.headroom.script;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
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

    /** The largest data file read by default, in bytes (100 MiB). */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;

    /** As {@link #readCsv(String, Path, DataStrategy, long)} with at most {@link #DEFAULT_MAX_BYTES}. */
    public static DataSource readCsv(String name, Path file, DataStrategy strategy) throws DataSourceException {
        return readCsv(name, file, strategy, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads a CSV file (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes and line
     * breaks) whose first line names the columns. Blank lines are skipped. Only a regular file is read (a FIFO
     * or a device such as {@code /dev/zero} would hang or never end), and never more than {@code maxBytes}: the
     * file is parsed as it is read. Messages name the file, line and column, never the file's values (they may be
     * secrets).
     *
     * @param maxBytes the largest file accepted, in bytes; positive
     * @throws DataSourceException with the file and line of the first problem
     */
    public static DataSource readCsv(String name, Path file, DataStrategy strategy, long maxBytes) throws DataSourceException {
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        List<CsvRecord> records;
        try {
            if (!Files.exists(file)) throw new DataSourceException(file + ": file not found");
            if (!Files.isRegularFile(file)) {
                throw new DataSourceException(file + ": cannot read: not a regular file ("
                        + (Files.isDirectory(file) ? "a directory" : "a pipe, device or socket") + ")");
            }
            if (Files.size(file) > maxBytes) throw tooLarge(file, maxBytes);
            try (Reader in = new InputStreamReader(new BoundedInput(Files.newInputStream(file), maxBytes),
                    StandardCharsets.UTF_8.newDecoder())) {
                records = parseCsv(in, file);
            }
        } catch (BoundedInput.LimitReached e) {
            throw tooLarge(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw new DataSourceException(file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new DataSourceException(file + ": cannot read: not UTF-8 text");
        } catch (IOException e) {
            throw new DataSourceException(file + ": cannot read: " + e.getMessage());
        }
        if (records.isEmpty()) throw new DataSourceException(file + ": empty; expected a header line with column names");
        List<String> header = records.get(0).values();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).trim();
            if (column.isEmpty()) throw new DataSourceException(file + ":1: column " + (i + 1) + " has no name");
            if (header.subList(0, i).contains(column)) {
                throw new DataSourceException(file + ":1: column " + (i + 1) + " has the name of column "
                        + (header.subList(0, i).indexOf(column) + 1));
            }
            header.set(i, column);
        }
        List<String[]> rows = new ArrayList<>();
        for (CsvRecord r : records.subList(1, records.size())) {
            if (r.values().size() != header.size()) {
                throw new DataSourceException(file + ":" + r.line() + ": expected " + header.size()
                        + " fields, as the header line has, found " + r.values().size());
            }
            rows.add(r.values().toArray(String[]::new));
        }
        if (rows.isEmpty()) throw new DataSourceException(file + ": has a header but no rows");
        return new DataSource(name, header, rows, strategy);
    }

    private static DataSourceException tooLarge(Path file, long maxBytes) {
        return new DataSourceException(file + ": larger than " + sizeText(maxBytes)
                + " (the data file limit; raise it with maxSize on the data source)");
    }

    /** 104857600 as "100 MiB", 1000 as "1000 bytes". */
    public static String sizeText(long bytes) {
        if (bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
        if (bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }

    /** Fails with {@link LimitReached} on the first byte past the limit, so a growing file is never read whole. */
    private static final class BoundedInput extends FilterInputStream {
        static final class LimitReached extends IOException {
            LimitReached() {
                super("limit reached");
            }
        }

        private long left;

        BoundedInput(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) throw new LimitReached();
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, (int) Math.min(len, left + 1));
            if (n > 0 && (left -= n) < 0) throw new LimitReached();
            return n;
        }
    }

    private record CsvRecord(int line, List<String> values) {}

    private static List<CsvRecord> parseCsv(Reader reader, Path file) throws IOException, DataSourceException {
        Reader in = new BufferedReader(reader, 1 << 16);
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int column = 0;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldStarted = false;
        int quoteLine = 0;
        int quoteColumn = 0;
        boolean first = true;
        int pending = -1; // one character read ahead
        while (true) {
            int c = pending >= 0 ? pending : in.read();
            pending = -1;
            if (c < 0) break;
            if (first) {
                first = false;
                if (c == '\uFEFF') continue;
            }
            column++;
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                        column++;
                    } else {
                        quoted = false;
                        pending = next;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                        column = 0;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
                quoteColumn = column;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = in.read();
                    if (next != '\n') pending = next;
                }
                if (fieldStarted || !field.isEmpty() || !fields.isEmpty()) {
                    fields.add(field.toString());
                    records.add(new CsvRecord(recordLine, new ArrayList<>(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                column = 0;
                recordLine = line;
            } else {
                field.append((char) c);
            }
        }
        if (quoted) {
            throw new DataSourceException(file + ":" + quoteLine + ":" + quoteColumn + ": a quoted field is never closed");
        }
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
