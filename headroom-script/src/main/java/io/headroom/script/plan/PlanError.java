package io.headroom.script.plan;

import java.util.Comparator;

/**
 * One problem in a plan or scenario file, where it is and what was expected. Prints as
 * {@code plan.yaml:12:5: scenarios.shoppers.vus: expected a positive integer, found "ten"}; a zero line
 * or column is left out, and so is an empty field path. Lines and columns are 1-based.
 */
public record PlanError(String file, int line, int column, String path, String message) {
    /** File order: line, then column, then field path. */
    public static final Comparator<PlanError> BY_POSITION = Comparator.comparingInt(PlanError::line)
            .thenComparingInt(PlanError::column).thenComparing(PlanError::path);

    public PlanError {
        file = file == null ? "" : file;
        path = path == null ? "" : path;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        if (!sb.isEmpty()) sb.append(": ");
        if (!path.isEmpty()) sb.append(path).append(": ");
        return sb.append(message).toString();
    }
}
