package io.headroom.analysis.diagnose;

import io.headroom.analysis.Numbers;

/** One number behind a finding, with its unit ("ms", "%" for fractions, "×", "VUs", "req/s", or "" for counts). */
public record Evidence(String name, double value, String unit) {
    @Override
    public String toString() {
        if (unit.isEmpty()) return name + " " + Numbers.count(value);
        if (unit.equals("×")) return name + " " + Numbers.sig3(value) + "×";
        return name + " " + Numbers.withUnit(value, unit);
    }
}
