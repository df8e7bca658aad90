package io.headroom.script.plan;

import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.headroom.core.engine.VuBehaviour;
import io.headroom.http.socket.SocketHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import io.headroom.testing.DebianPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A grpc step over TLS against a real TLS gRPC server (grpc-java's health service with reflection, a certificate
 * made by openssl for this test): trusted through the step's {@code caCert} it calls; without it the JVM's trust
 * store refuses the certificate, and the reflecting plan stops at load naming its line; a bad caCert is named too.
 */
class GrpcTlsPlanTest {
    @TempDir
    Path dir;

    @Test
    void aStepTrustsItsCaCertAndWithoutItTheCertificateIsRefused() throws Exception {
        Path openssl = DebianPackage.require("openssl", List.of(Path.of("/usr/bin/openssl")));
        Process p = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("ca.pem").toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        TlsServerCredentials.create(dir.resolve("ca.pem").toFile(), dir.resolve("key.pem").toFile()))
                .addService(health.getHealthService()).addService(ProtoReflectionServiceV1.newInstance()).build().start();
        try {
            String target = "127.0.0.1:" + server.getPort();
            String head = "scenarios:\n  s:\n    executor: constant-vus\n    duration: 1s\n    flow:\n      - grpc:\n          target: " + target
                    + "\n          reflect: true\n          method: grpc.health.v1.Health/Check\n          checks: [{status: OK}]\n";
            TestMetrics metrics = new TestMetrics();
            TestVuContext ctx = new TestVuContext(1, "s", metrics);
            Plan plan = new PlanLoader(k -> null).read(Files.writeString(dir.resolve("tls.yaml"), head + "          caCert: ca.pem\n"));
            try (SocketHttpTransport transport = new SocketHttpTransport()) {
                VuBehaviour vu = plan.toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
                try {
                    vu.iteration(ctx);
                } finally {
                    vu.close();
                }
            }
            assertThat(metrics.values("grpc_req_failed", "status", "OK")).containsExactly(0.0);
            assertThat(metrics.values("checks")).containsExactly(1.0);
            // Negative control: the JVM's trust store does not know the certificate.
            PlanException untrusted = catchThrowableOfType(PlanException.class,
                    () -> new PlanLoader(k -> null).read(Files.writeString(dir.resolve("untrusted.yaml"), head)));
            assertThat(untrusted.getMessage()).contains("untrusted.yaml:8").contains("UNAVAILABLE");
            PlanException missing = catchThrowableOfType(PlanException.class, () -> new PlanLoader(k -> null)
                    .read(Files.writeString(dir.resolve("missing.yaml"), head + "          caCert: nowhere.pem\n")));
            assertThat(missing.getMessage()).contains("missing.yaml:11").contains("no such file");
            Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
            PlanException junk = catchThrowableOfType(PlanException.class, () -> new PlanLoader(k -> null)
                    .read(Files.writeString(dir.resolve("junk.yaml"), head + "          caCert: junk.pem\n")));
            assertThat(junk.getMessage()).contains("junk.yaml:11").contains("junk.pem");
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
