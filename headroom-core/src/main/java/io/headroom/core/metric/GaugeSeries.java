package io.headroom.core.metric;

/** One tagged series of a gauge: the last value set, with min and max. Safe from any thread. */
public interface GaugeSeries {
    void set(double value);
}
