/**
 * The engine: executors with k6's semantics, virtual users, the per-scenario scheduler, and the run loop
 * that turns samples into a {@link io.headroom.core.result.RunResult}. Entry point: {@link io.headroom.core.engine.Engine}.
 *
 * <h2>Allocation</h2>
 * Everything a run needs is created before its clock starts: executors, metric handles for the built-in
 * iteration metrics, and every VU the executors need from the start (arrival-rate executors add VUs up to
 * maxVUs only when no VU is idle). Per iteration nothing is allocated by the engine: the scheduler reads the
 * next intended time from a pure {@link io.headroom.core.schedule.ArrivalSchedule}, pops an idle VU from an
 * intrusive lock-free stack and writes two fields into it; the VU records into pre-resolved handles.
 * Exceptions from iterations resolve their error counter through a small map, a rare path.
 *
 * <h2>Threading</h2>
 * Each VU runs on its own virtual thread and may block. Each scenario has one platform controller thread
 * (for arrival-rate executors it is the scheduler, parking until each intended start against the injected
 * {@link io.headroom.core.time.NanoClock}). The thread that calls {@code run} ticks once a second: gauges,
 * interval, listener, abortOnFail thresholds, and the generator's self-check (process CPU time and GC time
 * read from MXBeans, nothing per request). They coordinate only through volatile flags, atomics,
 * {@link java.util.concurrent.locks.LockSupport} park/unpark and interrupts; there is no lock shared between
 * VUs. Graceful stops set flags and wake sleepers; hard stops interrupt VU threads; a VU that ignores
 * interrupts is abandoned after a few seconds so a run always returns.
 */
package io.headroom.core.engine;
