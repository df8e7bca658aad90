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
}
