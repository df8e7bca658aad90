package io.headroom.analysis.diagnose;

import io.headroom.analysis.Unit;

import java.util.Objects;

/** One number behind a finding, in its unit ({@link Unit#FRACTION} values are fractions). Immutable. */
public record Evidence(String name, double value, Unit unit) {
    public Evidence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
    }

    /** "p95 250 ms", "http_req_failed 1.2 %", "p95/p50 7.2×", "requests 5000". */
    @Override
    public String toString() {
        return name + " " + unit.format(value);
    }
}
