package io.headroom.analysis.diagnose;

/** How much a finding matters, mildest first. */
public enum Severity {
    /** Healthy or merely informative. */
    INFO,
    /** Worth a look before the next release. */
    WARNING,
    /** A problem users feel, or numbers that cannot be trusted. */
    BAD;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** INFO below {@code warning}, WARNING up to {@code bad}, BAD above. */
    static Severity band(double value, double warning, double bad) {
        return value > bad ? BAD : value >= warning ? WARNING : INFO;
    }

    /** The worse of the two. */
    static Severity worse(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
