package io.headroom.report;

import io.headroom.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of headroom-report form no cycle: the report model and its formats below, the section builders above. */
class PackageCyclesTest {
    @Test
    void reportPackagesFormNoCycle() {
        PackageCycles.assertFreeOfCycles("io.headroom.report");
    }
}
