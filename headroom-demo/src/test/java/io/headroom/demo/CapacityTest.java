package io.headroom.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CapacityTest {
    private static final DemoConfig DEFAULTS = DemoConfig.defaults();

    @Test
    void defaultCapacityIsWorkersOverMeanServiceTime() {
        double meanFactor = Math.exp(0.125);
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.PRODUCTS, FaultSettings.NONE))
                .isCloseTo(16_000 / (5 * meanFactor), within(1e-9)).isCloseTo(2824, within(1.0));
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.SEARCH, FaultSettings.NONE)).isCloseTo(941, within(1.0));
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.LOGIN, FaultSettings.NONE)).isCloseTo(1412, within(1.0));
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.CART, FaultSettings.NONE)).isCloseTo(1765, within(1.0));
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.ORDERS, FaultSettings.NONE)).isCloseTo(706, within(1.0));
        assertThat(DEFAULTS.capacityRequestsPerSecond(EndpointFamily.LIGHT, FaultSettings.NONE)).isCloseTo(14120, within(1.0));
    }

    @Test
    void faultsThatHoldWorkersLowerCapacity() {
        DemoConfig config = DEFAULTS.withWorkerThreads(10).withAllServiceTimes(ServiceTime.fixedMillis(10));
        FaultSettings slower = FaultSettings.NONE.withAddedLatencyMillis(5).withLatencySpikes(0.1, 50);
        FaultSettings stalled = FaultSettings.NONE.withStall(1_000, 250);

        assertThat(config.capacityRequestsPerSecond(EndpointFamily.SEARCH, FaultSettings.NONE)).isEqualTo(1_000.0);
        assertThat(config.capacityRequestsPerSecond(EndpointFamily.SEARCH, slower)).isCloseTo(500.0, within(1e-9));
        assertThat(config.capacityRequestsPerSecond(EndpointFamily.SEARCH, stalled)).isCloseTo(750.0, within(1e-9));
        assertThat(config.capacityRequestsPerSecond(EndpointFamily.SEARCH, FaultSettings.NONE.withErrorRate(0.5)))
                .isEqualTo(1_000.0);
    }

    @Test
    void mixCapacityUsesTheWeightedMeanServiceTime() {
        DemoConfig config = DEFAULTS.withWorkerThreads(4)
                .withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(10))
                .withServiceTime(EndpointFamily.ORDERS, ServiceTime.fixedMillis(40));

        // 3 products per order: mean hold (3 x 10 + 40) / 4 = 17.5 ms
        double capacity = config.capacityRequestsPerSecond(
                Map.of(EndpointFamily.PRODUCTS, 3.0, EndpointFamily.ORDERS, 1.0), FaultSettings.NONE);

        assertThat(capacity).isCloseTo(4_000 / 17.5, within(1e-9));
    }

    @Test
    void zeroServiceTimeHasNoPoolLimit() {
        DemoConfig config = DEFAULTS.withAllServiceTimes(ServiceTime.ZERO);
        assertThat(config.capacityRequestsPerSecond(EndpointFamily.PRODUCTS, FaultSettings.NONE)).isInfinite();
    }

    @Test
    void serverResolvesEndpointsByFamilyKeyOrPathAndAppliesCurrentFaults() throws Exception {
        DemoConfig config = DEFAULTS.withWorkerThreads(2).withServiceTime(EndpointFamily.PRODUCTS, ServiceTime.fixedMillis(10));
        try (DemoServer server = DemoServer.start(config)) {
            assertThat(server.capacityRequestsPerSecond("products")).isEqualTo(200.0);
            assertThat(server.capacityRequestsPerSecond("PRODUCTS")).isEqualTo(200.0);
            assertThat(server.capacityRequestsPerSecond("/products/17")).isEqualTo(200.0);
            assertThat(server.capacityRequestsPerSecond("/products?limit=5")).isEqualTo(200.0);
            assertThat(server.capacityRequestsPerSecond("/search?q=oak"))
                    .isEqualTo(DEFAULTS.withWorkerThreads(2).capacityRequestsPerSecond(EndpointFamily.SEARCH, FaultSettings.NONE));

            server.faults().setAddedLatencyMillis(10);

            assertThat(server.capacityRequestsPerSecond("products")).isEqualTo(100.0);
            assertThatThrownBy(() -> server.capacityRequestsPerSecond("/health")).hasMessageContaining("outside the worker pool");
            assertThatThrownBy(() -> server.capacityRequestsPerSecond("/nope")).hasMessageContaining("no demo endpoint");
            assertThatThrownBy(() -> server.capacityRequestsPerSecond("checkout")).hasMessageContaining("products, search");
        }
    }
}
