package io.headroom.cli;

import io.headroom.demo.DemoGrpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code headroom run examples/09-grpc.yaml} against the demo's gRPC service as a user runs it: exit 0, the gRPC
 * metrics in the console summary, the JSON summary and the HTML report; a threshold on them decides the exit code;
 * a bad plan exits 2 naming its line, with no call reaching the server; {@code serve-demo --grpc-port} serves it.
 */
class GrpcCliTest {
    @TempDir
    Path dir;

    @Test
    void theGrpcExamplesPassAndEveryReportShowsTheGrpcMetrics() throws Exception {
        try (DemoGrpcServer server = DemoGrpcServer.start(0, true)) {
            Path json = dir.resolve("g.json");
            Path html = dir.resolve("g.html");
            CliRun run = CliRun.of("run", Examples.dir().resolve("09-grpc.yaml").toString(), "-e", "GRPC_TARGET=" + server.target(),
                    "--duration", "3s", "--json", json.toString(), "--html", html.toString(), "--accept-invalid-run", "--quiet");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("GRPC\n").contains("grpc_req_duration").contains("grpc_req_failed").contains("grpc_streams_msgs_received");
            String summary = Files.readString(json, StandardCharsets.UTF_8);
            assertThat(summary).contains("\"grpc_req_duration\"").contains("\"grpc_streams\"").contains("inventory.Inventory/GetStock");
            assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("grpc_req_duration").contains("grpc_streams_msgs_sent");
            assertThat(server.calls()).isPositive();

            CliRun reflect = CliRun.of("run", Examples.dir().resolve("09-grpc-reflect.yaml").toString(), "-e",
                    "GRPC_TARGET=" + server.target(), "--duration", "2s", "--accept-invalid-run", "--quiet");
            assertThat(reflect.exitCode()).as(reflect.toString()).isZero();

            // A threshold on a gRPC metric decides the run: no call is this fast.
            Path strict = dir.resolve("strict.yaml");
            Files.copy(Examples.dir().resolve("inventory.proto"), dir.resolve("inventory.proto"));
            Files.writeString(strict, Files.readString(Examples.dir().resolve("09-grpc.yaml"))
                    .replace("grpc_req_duration: [\"p(95)<500\"]", "grpc_req_duration: [\"max<0.001\"]"));
            CliRun crossed = CliRun.of("run", strict.toString(), "-e", "GRPC_TARGET=" + server.target(), "--duration", "2s",
                    "--accept-invalid-run", "--quiet");
            assertThat(crossed.exitCode()).as(crossed.toString()).isEqualTo(99);
        }
    }

    @Test
    void aBadGrpcStepExitsTwoNamingItsLineBeforeAnyCall() throws Exception {
        try (DemoGrpcServer server = DemoGrpcServer.start(0, true); DemoGrpcServer bare = DemoGrpcServer.start(0, false)) {
            Files.copy(Examples.dir().resolve("inventory.proto"), dir.resolve("inventory.proto"));
            Path plan = dir.resolve("bad.yaml");
            Files.writeString(plan, """
                    scenarios:
                      s:
                        executor: constant-vus
                        duration: 2s
                        flow:
                          - grpc: {target: %s, plaintext: true, proto: inventory.proto, method: inventory.Inventory/GetStock,
                                   request: {productId: 1, colour: red}}
                          - grpc: {target: %s, plaintext: true, reflect: true, method: inventory.Inventory/GetStock}
                    """.formatted(server.target(), bare.target()));
            CliRun run = CliRun.of("run", plan.toString(), "--quiet");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("bad.yaml:7").contains("no field 'colour'")
                    .contains("bad.yaml:8").contains("does not offer server reflection").doesNotContain("\tat ");
            assertThat(server.calls()).isZero();
            assertThat(bare.calls()).isZero();
        }
    }

    @Test
    void serveDemoServesTheInventoryServiceOnTheGrpcPort() throws Exception {
        Pattern grpc = Pattern.compile("gRPC \\(plaintext, reflection on\\) on (127\\.0\\.0\\.1:\\d+)");
        try (DemoChild demo = DemoChild.start("--grpc-port", "0")) {
            Matcher m = grpc.matcher("");
            long until = System.nanoTime() + 10_000_000_000L;
            while (!(m = grpc.matcher(demo.output())).find() && System.nanoTime() < until) Thread.sleep(50);
            assertThat(m.find(0)).as(demo.output()).isTrue();
            CliRun run = CliRun.of("run", Examples.dir().resolve("09-grpc-reflect.yaml").toString(), "-e", "GRPC_TARGET=" + m.group(1),
                    "--duration", "1s", "--accept-invalid-run", "--quiet");
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        CliRun bad = CliRun.of("serve-demo", "--port", "0", "--grpc-port", "70000");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--grpc-port must be a TCP port 0..65535").doesNotContain("\tat ");
    }
}
