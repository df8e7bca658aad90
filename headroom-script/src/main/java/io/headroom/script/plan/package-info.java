/**
 * YAML plans: {@link io.headroom.script.plan.PlanLoader} reads a plan into a
 * {@link io.headroom.script.plan.Plan}, collecting every problem with its line and column into one
 * {@link io.headroom.script.plan.PlanException}; a scenario's {@code flow} compiles to a
 * {@link io.headroom.script.plan.FlowScenario}, the same {@link io.headroom.script.Scenario} interface
 * Java scenarios implement. {@link io.headroom.script.plan.JavaScenarioCompiler} compiles
 * {@code Checkout.java} files in-process.
 *
 * <p><b>Allocation.</b> Loading may allocate freely; running a flow may not waste. Everything that can be
 * decided at load time is: templates are split into literal and reference parts once, JSON bodies without
 * references are encoded once, JSON paths and regular expressions are compiled once, request options
 * without references are built once. Per request a flow renders only the parts that hold references.
 *
 * <p><b>Threading.</b> A loaded {@code Plan} and its compiled flows are immutable and shared by every VU;
 * all per-VU state (variables, data rows, metric handles) lives in the {@link io.headroom.script.Vu}.
 * {@code PlanLoader} instances are immutable; each {@code read} works on its own state.
 */
package io.headroom.script.plan;
