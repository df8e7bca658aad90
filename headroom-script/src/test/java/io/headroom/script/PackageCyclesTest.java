package io.headroom.script;

import io.headroom.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of headroom-script form no cycle: the scenario API below, plans above it, the facade on top. */
class PackageCyclesTest {
    @Test
    void scriptsPackagesFormNoCycle() {
        PackageCycles.assertFreeOfCycles("io.headroom.script");
    }
}
