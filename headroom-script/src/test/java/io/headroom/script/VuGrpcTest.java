package io.headroom.script;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.headroom.grpc.GrpcCallRecorder;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.socket.SocketHttpTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code vu.grpc(channel)} with a team's own generated stubs (here grpc-java's generated Health service client
 * against a real health server on loopback): unary calls timed with their status, streams counted message by
 * message, the name option, the VU's group in the tags; a channel not wrapped records nothing.
 */
class VuGrpcTest {
    private final TestMetrics metrics = new TestMetrics();
    private final TestVuContext ctx = new TestVuContext(1, "stubs", metrics);
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final HealthStatusManager health = new HealthStatusManager();
    private Server server;
    private ManagedChannel channel;
    private Vu vu;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(health.getHealthService()).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        health.setStatus("shop", HealthCheckResponse.ServingStatus.SERVING);
        vu = new Vu(ctx, VuSettings.DEFAULTS, transport.newSession(HttpSessionOptions.DEFAULTS));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        transport.close();
    }

    @Test
    void timesUnaryCallsOfGeneratedStubsWithTheirStatus() throws Exception {
        HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(vu.grpc(channel));
        assertThat(stub.check(HealthCheckRequest.newBuilder().setService("shop").build()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        vu.group("probe", () -> assertThatThrownBy(() -> stub.withOption(GrpcCallRecorder.NAME, "unknown")
                .check(HealthCheckRequest.newBuilder().setService("nope").build())).isInstanceOf(StatusRuntimeException.class));
        assertThat(metrics.values("grpc_req_duration", "method", "grpc.health.v1.Health/Check", "status", "OK",
                "name", "grpc.health.v1.Health/Check", "scenario", "stubs")).hasSize(1).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(metrics.values("grpc_req_duration", "status", "NOT_FOUND", "name", "unknown", "group", "::probe")).hasSize(1);
        assertThat(metrics.values("grpc_req_failed", "status", "OK")).containsExactly(0.0);
        assertThat(metrics.values("grpc_req_failed", "status", "NOT_FOUND")).containsExactly(1.0);
        assertThat(metrics.all("grpc_streams")).isEmpty();
        // Negative control: the same call on the bare channel is not recorded.
        HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder().setService("shop").build());
        assertThat(metrics.values("grpc_req_duration")).hasSize(2);
    }

    @Test
    void countsAStreamAndItsMessagesFromAnAsyncStub() throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        HealthGrpc.newStub(vu.grpc(channel)).watch(HealthCheckRequest.newBuilder().setService("shop").build(), new StreamObserver<>() {
            public void onNext(HealthCheckResponse r) { two.countDown(); }
            public void onError(Throwable t) {}
            public void onCompleted() {}
        });
        // The server sends the current status, then one message per change.
        long until = System.nanoTime() + 10_000_000_000L;
        while (metrics.sum("grpc_streams_msgs_received") < 1 && System.nanoTime() < until) Thread.sleep(10);
        health.setStatus("shop", HealthCheckResponse.ServingStatus.NOT_SERVING);
        assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics.sum("grpc_streams", "method", "grpc.health.v1.Health/Watch")).isEqualTo(1);
        assertThat(metrics.sum("grpc_streams_msgs_sent", "method", "grpc.health.v1.Health/Watch")).isEqualTo(1);
        assertThat(metrics.sum("grpc_streams_msgs_received", "method", "grpc.health.v1.Health/Watch")).isEqualTo(2);
        assertThat(metrics.all("grpc_req_duration")).isEmpty();
    }

    @Test
    void anOpenModelIterationsFirstCallIsTimedFromTheIntendedStart() throws Exception {
        HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(vu.grpc(channel));
        HealthCheckRequest shop = HealthCheckRequest.newBuilder().setService("shop").build();
        ctx.openModel = true;
        ctx.intendedStartNanos = System.nanoTime() - 5_000_000_000L;
        vu.beginIteration(ctx);
        stub.withOption(GrpcCallRecorder.NAME, "first").check(shop);
        stub.withOption(GrpcCallRecorder.NAME, "second").check(shop);
        assertThat(metrics.values("grpc_req_duration", "name", "first")).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(5000.0));
        assertThat(metrics.values("grpc_req_duration", "name", "second")).allSatisfy(v -> assertThat(v).isLessThan(5000.0));
        // Negative control: a closed-model iteration starting as late is timed from the call's own start.
        ctx.openModel = false;
        vu.beginIteration(ctx);
        stub.withOption(GrpcCallRecorder.NAME, "closed").check(shop);
        assertThat(metrics.values("grpc_req_duration", "name", "closed")).allSatisfy(v -> assertThat(v).isLessThan(5000.0));
    }
}
