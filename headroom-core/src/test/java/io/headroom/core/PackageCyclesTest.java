package io.headroom.core;

import io.headroom.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** Core's packages (engine, metric, plan, result, schedule, threshold, time) depend one way only. */
class PackageCyclesTest {
    @Test
    void corePackagesFormNoCycle() {
        PackageCycles.assertFreeOfCycles("io.headroom.core");
    }
}
