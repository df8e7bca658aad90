package io.headroom.profiler.target;

import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.analysis.ProfileReport;

import java.util.List;

/**
 * What one run's {@link TargetObservation} saw, besides the gauges it recorded into the run: the JVMs it
 * profiled, what went wrong while watching, and the files it wrote. Immutable.
 *
 * @param monitoredPid the process sampled by {@code --monitor-pid}; null when none was
 * @param cores the cores of the monitored machine; 0 when no process was monitored
 * @param profiledPid the JVM recorded by {@code --profile-pid}; null when none was
 * @param window the steady part of the run during which the recordings ran
 * @param target the target's profile; null when it was not asked for or could not be taken
 * @param generator Headroom's own profile ({@code --profile-self}); null likewise
 * @param problems what went wrong while watching, in the order it was found; never null
 * @param files the profile files written, in order; never null
 * @param monitoredHeap heap used after GC of the monitored process, read over JMX during the whole run
 *                      ({@code --monitor-pid} on a JVM); null when it was not sampled
 * @param heapProblem why the monitored process's heap was not sampled (not a JVM, attach refused: "could not
 *                    attach: ..."), or stopped early; null when it was sampled throughout or nothing was monitored
 */
public record ObservedTarget(Long monitoredPid, int cores, Long profiledPid, SteadyWindow window, RecordedProfile target,
                             RecordedProfile generator, List<Problem> problems, List<String> files,
                             ProfileReport.HeapAfterGc monitoredHeap, String heapProblem) {
    public ObservedTarget {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** Without a heap sampled over JMX (as before {@code --monitor-pid} read the heap). */
    public ObservedTarget(Long monitoredPid, int cores, Long profiledPid, SteadyWindow window, RecordedProfile target,
                          RecordedProfile generator, List<Problem> problems, List<String> files) {
        this(monitoredPid, cores, profiledPid, window, target, generator, problems, files, null, null);
    }

    /** One analysed recording and the name of its flame graph page, next to the other outputs. */
    public record RecordedProfile(Profile profile, String flameFile) {}

    /** Something that went wrong while watching (a refused attach, a failed scrape): a title and its cause. */
    public record Problem(String title, String detail) {}
}
