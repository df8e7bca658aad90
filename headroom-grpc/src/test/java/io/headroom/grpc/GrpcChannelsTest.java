package io.headroom.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A VU's channel is connected before its first call: READY against a server, and no hang where nothing listens. */
class GrpcChannelsTest {
    @Test
    void awaitReadyConnectsToAServerAndGivesUpOnAClosedPort() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new HealthStatusManager().getHealthService()).build().start();
        ManagedChannel up = GrpcChannels.open(new GrpcChannels.ChannelSpec("127.0.0.1:" + server.getPort(), true, 1024));
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ManagedChannel down = GrpcChannels.open(new GrpcChannels.ChannelSpec("127.0.0.1:" + closed, true, 1024));
        try {
            assertThat(GrpcChannels.awaitReady(up, Duration.ofSeconds(30))).isEqualTo(ConnectivityState.READY);
            // Negative control: nothing listens; the wait ends in TRANSIENT_FAILURE, well before its bound.
            long start = System.nanoTime();
            assertThat(GrpcChannels.awaitReady(down, Duration.ofSeconds(60))).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(60));
        } finally {
            GrpcChannels.close(up);
            GrpcChannels.close(down);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
