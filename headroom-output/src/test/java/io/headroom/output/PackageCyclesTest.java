package io.headroom.output;

import io.headroom.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of headroom-output form no cycle: the LiveOutput interface below, each output above it, the kinds' table on top. */
class PackageCyclesTest {
    @Test
    void outputsPackagesFormNoCycle() {
        PackageCycles.assertFreeOfCycles("io.headroom.output");
    }
}
