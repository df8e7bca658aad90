/**
 * Pure, clock-free schedules: when the iterations of an arrival-rate executor are due
 * ({@link io.headroom.core.schedule.ArrivalSchedule}) and how many VUs a ramping-vus executor wants
 * ({@link io.headroom.core.schedule.VuRamp}), as functions of the offset since the scenario started.
 *
 * <h2>Allocation</h2>
 * Construction precomputes the stages (with exact rational areas); {@code nextFireTimeNanos} and
 * {@code targetAt} allocate nothing unless a product overflows 64 bits (then one BigInteger computation).
 *
 * <h2>Threading</h2>
 * {@code VuRamp} is immutable and thread-safe. An {@code ArrivalSchedule} carries a cursor and is consumed by
 * one scheduler thread.
 */
package io.headroom.core.schedule;
