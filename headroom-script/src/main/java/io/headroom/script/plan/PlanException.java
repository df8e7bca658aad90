package io.headroom.script.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in a plan or scenario file, collected and thrown together so the user fixes them in
 * one go. {@link #getMessage()} is one {@link PlanError} per line, in file order: print it as it is (exit
 * code 2), never with a stack trace.
 */
public final class PlanException extends RuntimeException {
    private final List<PlanError> errors;

    public PlanException(List<PlanError> errors) {
        super(format(errors), null, false, false);
        if (errors.isEmpty()) throw new IllegalArgumentException("a PlanException needs at least one error");
        this.errors = List.copyOf(errors);
    }

    public PlanException(PlanError error) {
        this(List.of(error));
    }

    private static String format(List<PlanError> errors) {
        return errors.stream().sorted(PlanError.BY_POSITION).map(PlanError::toString).collect(Collectors.joining("\n"));
    }

    /** The errors in file order. */
    public List<PlanError> errors() {
        return errors.stream().sorted(PlanError.BY_POSITION).toList();
    }
}
