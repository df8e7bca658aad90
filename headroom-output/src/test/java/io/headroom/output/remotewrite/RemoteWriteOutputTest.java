package io.headroom.output.remotewrite;

import com.sun.net.httpserver.HttpServer;
import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.kinds.OutputKinds;
import io.headroom.output.Snapshots;
import io.headroom.report.Redaction;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a receiver on loopback (a JDK HttpServer) gets from {@code --out prometheus-rw}. */
class RemoteWriteOutputTest {
    private record Received(Map<String, List<String>> headers, byte[] body) {}

    @Test
    void postsSnappyProtobufWithRemoteWriteHeadersOnceASecond() throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/write", exchange -> {
            got.add(new Received(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        List<String> warnings = new CopyOnWriteArrayList<>();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
            LiveOutput out = OutputKinds.parse("prometheus-rw=" + url).open(new OutputContext("run-7", List.of(),
                    Redaction::text, Map.of(), warnings::add));
            out.accept(Snapshots.second(), 1_000_000);
            out.accept(Snapshots.second(), 1_000_000); // same wall-clock millisecond: still a later timestamp
            out.close();
            assertThat(out.health().delivered()).as(out.health().toString()).isEqualTo(2);
            assertThat(out.health().dropped()).isZero();
        } finally {
            server.stop(0);
        }
        assertThat(warnings).isEmpty();
        assertThat(got).hasSize(2);
        Received first = got.getFirst();
        assertThat(first.headers().get("Content-encoding")).containsExactly("snappy");
        assertThat(first.headers().get("Content-type")).containsExactly("application/x-protobuf");
        assertThat(first.headers().get("X-prometheus-remote-write-version")).containsExactly("0.1.0");
        WriteRequestDecoder.Request one = WriteRequestDecoder.decode(Snappy.uncompress(first.body()));
        WriteRequestDecoder.Request two = WriteRequestDecoder.decode(Snappy.uncompress(got.get(1).body()));
        assertThat(one.series()).allSatisfy(s -> assertThat(s.labelMap()).containsEntry("testid", "run-7"));
        assertThat(one.series().getFirst().timestampMillis()).isEqualTo(1_000_000);
        assertThat(two.series().getFirst().timestampMillis()).isEqualTo(1_000_001);
        double firstTotal = one.series().stream().filter(s -> s.name().equals("headroom_http_reqs_total")).findFirst().orElseThrow().value();
        double secondTotal = two.series().stream().filter(s -> s.name().equals("headroom_http_reqs_total")).findFirst().orElseThrow().value();
        assertThat(firstTotal).isEqualTo(3);
        assertThat(secondTotal).as("cumulative").isEqualTo(6);
    }

    @Test
    void messagesNameTheReceiverWithoutItsCredentialsOrQuery() throws Exception {
        LiveOutput out = OutputKinds.parse("prometheus-rw=http://user:hunter22@127.0.0.1:9/api/v1/push?token=s3cr3t")
                .open(new OutputContext("run-7", List.of(), Redaction::text, Map.of(), w -> { }));
        out.close();
        assertThat(out.description()).startsWith("prometheus-rw=http://").contains("127.0.0.1:9/api/v1/push?…")
                .doesNotContain("hunter22", "s3cr3t");
        assertThat(out.health().output()).isEqualTo(out.description());
    }

    @Test
    void onlyHttpUrlsWithAHostAreTaken() {
        assertThat(RemoteWriteOutput.url("https://mimir.example/api/v1/push").getHost()).isEqualTo("mimir.example");
        assertThatThrownBy(() -> RemoteWriteOutput.url("127.0.0.1:9090")).hasMessageContaining("expected an http:// or https:// URL");
        assertThatThrownBy(() -> RemoteWriteOutput.url("http:///api/v1/write")).hasMessageContaining("expected an http://");
        assertThatThrownBy(() -> RemoteWriteOutput.url("http://user:secret@bad host/")).hasMessageContaining("is not a URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }
}
