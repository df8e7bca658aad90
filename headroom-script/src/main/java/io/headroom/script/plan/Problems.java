package io.headroom.script.plan;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file while it is read, so that all of them are reported together. Not thread-safe. */
final class Problems {
    private final String file;
    private final List<PlanError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(YamlTree.Mark mark, String path, String message) {
        errors.add(new PlanError(file, mark == null ? 0 : mark.line(), mark == null ? 0 : mark.column(), path, message));
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
