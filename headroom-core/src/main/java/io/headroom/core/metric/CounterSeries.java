package io.headroom.core.metric;

/** One tagged series of a counter. Adding is lock-free and allocation-free; safe from any thread. */
public interface CounterSeries {
    void add(double delta);
}
