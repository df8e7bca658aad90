package io.headroom.core.metric;

/** One tagged series of a rate metric. Adding is lock-free and allocation-free; safe from any thread. */
public interface RateSeries {
    void add(boolean nonZero);
}
