/**
 * Watching the system under test during a {@code headroom run}: {@link io.headroom.profiler.target.TargetObservation}
 * is the engine's once-a-second sampler that records the target's resources ({@link
 * io.headroom.profiler.ProcessMonitor}) and scraped Prometheus metrics ({@link
 * io.headroom.profiler.target.PrometheusScraper}) as gauges named in {@link io.headroom.profiler.target.TargetSeries},
 * and records the target (and Headroom's own JVM) with JFR during the run's {@link
 * io.headroom.profiler.target.SteadyWindow}; after the run it tells what it saw as an {@link
 * io.headroom.profiler.target.ObservedTarget}. Judging what was seen is the analysis module's (its target rules);
 * showing it is the report's.
 *
 * <p>Threading: the sampler runs on the engine's interval thread and never waits for the network or an attach
 * (the scraper and the recordings have threads of their own); {@code finish} runs on the caller's after the run.
 */
package io.headroom.profiler.target;
