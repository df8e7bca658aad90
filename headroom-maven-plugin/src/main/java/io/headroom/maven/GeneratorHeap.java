package io.headroom.maven;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The heap of the forked generator JVM, chosen as the {@code ./headroom} launcher chooses it: the JVM's own default
 * is a quarter of the machine's memory, which lets a long run's resident size creep up for a long time without a
 * leak, so the default is a quarter of the machine's memory, at most 1 GiB; a {@code heap} setting overrides it.
 */
final class GeneratorHeap {
    private static final long MIB = 1024L * 1024;
    private static final long DEFAULT_CAP_MIB = 1024;
    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private GeneratorHeap() {
    }

    /**
     * The {@code -Xmx} option for the fork.
     *
     * @param configured the plugin's {@code heap} setting (a JVM size such as {@code 512m} or {@code 2g}); null or
     *                   blank for the default
     * @param totalMemoryBytes the machine's physical memory, bytes; 0 or less when unknown (then 1 GiB)
     * @throws IllegalArgumentException when {@code configured} is not a JVM size
     */
    static String option(String configured, long totalMemoryBytes) {
        if (configured != null && !configured.isBlank()) {
            String size = configured.strip();
            if (!SIZE.matcher(size).matches()) {
                throw new IllegalArgumentException("heap '" + configured + "' is not a JVM heap size (say 512m or 2g)");
            }
            return "-Xmx" + size.toLowerCase(Locale.ROOT);
        }
        long quarterMib = totalMemoryBytes > 0 ? totalMemoryBytes / 4 / MIB : DEFAULT_CAP_MIB;
        return quarterMib >= DEFAULT_CAP_MIB || quarterMib < 64 ? "-Xmx1g" : "-Xmx" + quarterMib + "m";
    }

    /** This machine's physical memory, bytes, or 0 when the JVM does not say. */
    static long machineMemoryBytes() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }
}
