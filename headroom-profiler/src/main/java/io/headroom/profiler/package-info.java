/**
 * {@code headroom profile}: where a JVM's time goes, from JDK Flight Recorder. {@link
 * io.headroom.profiler.Profiler#run} records a running JVM by pid ({@link io.headroom.profiler.AttachedRecording}:
 * Attach API, then the JMX {@code FlightRecorderMXBean} with JFR's "profile" settings), launches a {@code java}
 * command with recording on ({@link io.headroom.profiler.LaunchedJvm}), or takes a recording file; then
 * analyses it ({@link io.headroom.profiler.analysis}) and draws the flame graph ({@link io.headroom.profiler.flame}).
 * {@link io.headroom.profiler.ProcessMonitor} samples any local process's CPU, memory, threads and open files
 * from Linux {@code /proc} (for {@code run --monitor-pid}).
 *
 * <p>Not a hot package, and nothing here runs inside the profiled JVM: the target only runs JFR itself
 * (about 1–2 % overhead with "profile") and its own JMX agent while the recording is fetched.
 *
 * <p>Threading: every {@code Profiler.run} is independent. While it records, a shutdown hook may finish the
 * profile from another thread (Ctrl-C), so the recording handles are thread-safe and the work is done once.
 */
package io.headroom.profiler;
