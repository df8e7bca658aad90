package io.headroom.script.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file while it is read, so that all of them are reported together. Not thread-safe. */
final class Problems {
    private final String file;
    private final List<PlanError> errors = new ArrayList<>();
    /** Nodes whose value is already known to be wrong (a failed ${ENV:...}): no second error for them. */
    private final java.util.Set<YamlTree.Mark> spoiled = new java.util.HashSet<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(YamlTree.Mark mark, String path, String message) {
        errors.add(new PlanError(file, mark == null ? 0 : mark.line(), mark == null ? 0 : mark.column(), path, message));
    }

    void spoil(YamlTree.Mark mark) {
        spoiled.add(mark);
    }

    boolean isSpoiled(YamlTree.Mark mark) {
        return mark != null && spoiled.contains(mark);
    }

    void add(PlanError error) {
        errors.add(error);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    List<PlanError> errors() {
        return errors;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) throw new PlanException(errors);
    }
}
