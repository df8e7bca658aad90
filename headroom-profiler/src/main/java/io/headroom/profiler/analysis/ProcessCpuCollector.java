package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.ProcessCpu;
import jdk.jfr.consumer.RecordedEvent;

/** The JVM's and the machine's CPU load from jdk.CPULoad; not thread-safe. */
final class ProcessCpuCollector {
    private int samples;
    private double jvmSum;
    private double jvmMax;
    private double machineSum;
    private double machineMax;

    void accept(RecordedEvent event) {
        double jvm = event.getFloat("jvmUser") + event.getFloat("jvmSystem");
        double machine = event.getFloat("machineTotal");
        samples++;
        jvmSum += jvm;
        machineSum += machine;
        jvmMax = Math.max(jvmMax, jvm);
        machineMax = Math.max(machineMax, machine);
    }

    ProcessCpu result() {
        if (samples == 0) return new ProcessCpu(0, 0, 0, 0, 0);
        return new ProcessCpu(samples, Numbers.round2(100 * jvmSum / samples), Numbers.round2(100 * jvmMax),
                Numbers.round2(100 * machineSum / samples), Numbers.round2(100 * machineMax));
    }
}
