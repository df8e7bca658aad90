/**
 * The scenario API users write against: {@link io.headroom.script.Scenario}, {@link io.headroom.script.Vu},
 * {@link io.headroom.script.Http} and {@link io.headroom.script.Response}, request bodies and options,
 * data sources, {@link io.headroom.script.Options} for a Java scenario's executor and thresholds, the
 * {@link io.headroom.script.ScenarioBehaviours} adapter to the engine. It knows nothing of plans:
 * {@code io.headroom.script.plan} builds on it, and {@code io.headroom.script.run} (the {@code Headroom}
 * facade) on both, so the packages form no cycle (checked by {@code PackageCyclesTest}).
 *
 * <p><b>Allocation.</b> This is a hot package: every request goes through {@code Http}. Metric series are
 * resolved once per (name, method, status, url, group, tags) combination and kept in a small per-VU map,
 * so a repeated request records into cached handles without building {@code Tags}; per request the
 * remaining garbage is the request and response objects themselves, one small lookup key, and what the
 * scenario's own code builds (URLs, bodies). JSON bodies are parsed only when the scenario reads them,
 * and at most once per response. With {@code http.traceContext} a request also gets its {@code traceparent}:
 * ids from the VU's own {@code SplittableRandom}, hex digits into a reused array, so the header's String, its
 * {@code HttpHeader}, a one-element list and a new {@code HttpRequest} (about 180 bytes) are all it adds.
 *
 * <p><b>Threading.</b> A {@code Vu} and everything it hands out ({@code Http}, {@code Response}) belong
 * to one virtual user and are used from that VU's thread only; nothing in them is shared between VUs,
 * and nothing takes a lock. What VUs share is immutable ({@code Options}, {@code Params}, {@code Headers},
 * bodies, {@code VuSettings}) or lock-free ({@code DataSource}'s one atomic cursor).
 */
package io.headroom.script;
