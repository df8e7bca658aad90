/**
 * Public API: the JUnit 5 extension. {@link io.headroom.junit.LoadTest} marks a test method that runs a plan
 * and is decided by its thresholds; {@link io.headroom.junit.BaseUrl} marks the member that gives the target's
 * base URL; {@link io.headroom.junit.LoadTestExtension} does the work and is registered by {@code @LoadTest}.
 * Everything else in this package is package-private. The result type a test receives,
 * {@link io.headroom.core.result.RunResult}, is headroom-core's public API. See {@code docs/junit.md}.
 *
 * <p>Threading: each load test runs its plan on the thread that runs the test method, blocking it until the
 * run ends; the virtual users run on virtual threads of their own. Load tests may run in parallel, but they
 * then share the machine's CPU and measure each other.
 */
package io.headroom.junit;
