package io.headroom.analysis;

import io.headroom.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of headroom-analysis (diagnose, compare, capacity, stats, history) form no cycle. */
class PackageCyclesTest {
    @Test
    void analysisPackagesFormNoCycle() {
        PackageCycles.assertFreeOfCycles("io.headroom.analysis");
    }
}
