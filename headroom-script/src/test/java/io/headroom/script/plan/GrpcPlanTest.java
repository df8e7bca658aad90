package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.demo.DemoGrpcServer;
import io.headroom.http.socket.SocketHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The grpc step against the demo's real inventory service on loopback: the shipped examples (.proto and
 * reflection) record k6's metrics and pass their checks; streams are counted message by message; bad input
 * (unknown service or method, a request that does not fit, a missing .proto, a server without reflection) is a
 * PlanException naming the plan line, raised at load, before any call.
 */
class GrpcPlanTest {
    static DemoGrpcServer server;
    static DemoGrpcServer noReflection;
    @TempDir
    Path dir;
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final TestMetrics metrics = new TestMetrics();

    @BeforeAll
    static void start() throws IOException {
        server = DemoGrpcServer.start(0, true);
        noReflection = DemoGrpcServer.start(0, false);
    }

    @AfterAll
    static void stop() {
        server.close();
        noReflection.close();
    }

    private Plan load(Path file, String target) {
        return new PlanLoader(k -> k.equals("GRPC_TARGET") ? target : null).read(file);
    }

    private Path example(String name) throws IOException {
        Files.copy(Path.of("../examples/inventory.proto"), dir.resolve("inventory.proto"));
        return Files.copy(Path.of("../examples/" + name), dir.resolve(name));
    }

    private Path plan(String flow) throws IOException {
        Files.copy(Path.of("../examples/inventory.proto"), dir.resolve("inventory.proto"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.writeString(dir.resolve("g.yaml"), "scenarios:\n  s:\n    executor: constant-vus\n    duration: 1s\n    flow:\n" + flow);
    }

    private String step(String target, String body) {
        return "      - grpc:\n          target: " + target + "\n          plaintext: true\n" + body;
    }

    private void iterations(Plan plan, int n) throws Exception {
        TestVuContext ctx = new TestVuContext(3, "inventory", metrics);
        VuBehaviour vu = plan.toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
        try {
            for (int i = 0; i < n; i++) {
                ctx.iteration = i;
                vu.iteration(ctx);
            }
        } finally {
            vu.close();
        }
    }

    @Test
    void theProtoExampleRecordsK6MetricsAndPassesItsChecks() throws Exception {
        iterations(load(example("09-grpc.yaml"), server.target()), 2);
        assertThat(metrics.matching("grpc_req_duration", "method", "inventory.Inventory/GetStock", "status", "OK",
                "name", "inventory.Inventory/GetStock").get(0).count()).isEqualTo(2);
        // Streams: one opened per call, 1 message sent and 3 received per WatchStock, no unary duration for them.
        assertThat(metrics.sum("grpc_streams", "name", "watch-7")).isEqualTo(2);
        assertThat(metrics.sum("grpc_streams_msgs_sent", "name", "watch-7")).isEqualTo(2);
        assertThat(metrics.sum("grpc_streams_msgs_received", "name", "watch-7")).isEqualTo(6);
        assertThat(metrics.matching("grpc_req_duration", "name", "watch-7")).isEmpty();
        assertThat(metrics.values("grpc_req_failed")).containsOnly(0.0).hasSize(4);
        assertThat(metrics.values("checks")).hasSize(10).containsOnly(1.0);
    }

    @Test
    void theReflectionExampleWorksWithNoProtoFile() throws Exception {
        Path plan = Files.copy(Path.of("../examples/09-grpc-reflect.yaml"), dir.resolve("r.yaml"));
        assertThat(dir.resolve("inventory.proto")).doesNotExist();
        iterations(load(plan, server.target()), 2);
        assertThat(metrics.values("checks")).hasSize(6).containsOnly(1.0);
        assertThat(metrics.sum("grpc_streams_msgs_sent", "method", "inventory.Inventory/CheckStock")).isEqualTo(6);
        assertThat(metrics.sum("grpc_streams_msgs_received", "method", "inventory.Inventory/CheckStock")).isEqualTo(6);
    }

    @Test
    void failedCallsAreCountedWithTheirStatusAndFailTheirChecks() throws Exception {
        String t = server.target();
        iterations(load(plan(step(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productId: 999}\n          checks: [{status: OK}, {status: NOT_FOUND, name: missing}]\n")
                + step(t, "          proto: inventory.proto\n          method: inventory.Inventory/ReserveStock\n"
                + "          requests: [{productId: 1}, {productId: 2}]\n          checks: [{json: {path: $.reserved, equals: 2}}]\n")), t), 1);
        assertThat(metrics.values("grpc_req_failed", "status", "NOT_FOUND")).containsExactly(1.0);
        assertThat(metrics.values("grpc_req_duration", "status", "NOT_FOUND")).hasSize(1);
        assertThat(metrics.values("checks", "check", "status is OK")).containsExactly(0.0);
        assertThat(metrics.values("checks", "check", "missing")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "json $.reserved equals 2")).containsExactly(1.0);
        assertThat(metrics.sum("grpc_streams_msgs_sent", "method", "inventory.Inventory/ReserveStock")).isEqualTo(2);
        assertThat(metrics.sum("grpc_streams_msgs_received", "method", "inventory.Inventory/ReserveStock")).isEqualTo(1);
    }

    private PlanException badPlan(String target, String body) throws IOException {
        Path p = plan(step(target, body));
        return catchThrowableOfType(PlanException.class, () -> load(p, target));
    }

    @Test
    void badInputIsAPlanErrorWithItsLineBeforeAnyCall() throws Exception {
        String t = server.target();
        PlanException service = badPlan(t, "          proto: inventory.proto\n          method: inventory.Stock/GetStock\n");
        assertThat(service.getMessage()).contains("g.yaml:10").contains("unknown service 'inventory.Stock'").contains("inventory.Inventory");
        PlanException method = badPlan(t, "          reflect: true\n          method: inventory.Inventory/GetStonk\n");
        assertThat(method.getMessage()).contains("g.yaml:10").contains("no method 'GetStonk'").contains("GetStock");
        PlanException field = badPlan(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productID: 1}\n");
        assertThat(field.getMessage()).contains("g.yaml:11").contains("no field 'productID'").contains("productId");
        PlanException type = badPlan(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productId: seven}\n");
        assertThat(type.getMessage()).contains("g.yaml:11").contains("expects an integer").contains("\"seven\"");
        PlanException missing = badPlan(t, "          proto: nowhere.proto\n          method: inventory.Inventory/GetStock\n");
        assertThat(missing.getMessage()).contains("g.yaml:9").contains("nowhere.proto");
        PlanException noReflect = badPlan(noReflection.target(), "          reflect: true\n          method: inventory.Inventory/GetStock\n");
        assertThat(noReflect.getMessage()).contains("g.yaml:9").contains("does not offer server reflection");
        PlanException status = badPlan(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          checks: [{status: NOT_FOUNDD}]\n");
        assertThat(status.getMessage()).contains("g.yaml:11").contains("did you mean 'NOT_FOUND'");
        // The controls: the same steps, well written, load.
        load(plan(step(noReflection.target(), "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productId: 1}\n")), t);
        load(plan(step(t, "          reflect: true\n          method: inventory.Inventory/GetStock\n          request: {product_id: \"${__VU}\"}\n")), t);
        // Nothing reached the server but reflection: no load was sent.
        assertThat(metrics.all("grpc_req_duration")).isEmpty();
    }

    @Test
    void aTemplatedValueThatDoesNotFitFailsItsIterationWithoutACall() throws Exception {
        String t = server.target();
        Plan p = load(plan(step(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productId: \"${__VU}x\"}\n")), t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> iterations(p, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit inventory.StockRequest");
        assertThat(metrics.all("grpc_req_duration")).isEmpty();
        // Control: a value that fits.
        iterations(load(plan(step(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          request: {productId: \"${__VU}\"}\n")), t), 1);
        assertThat(metrics.values("grpc_req_failed", "status", "OK")).containsExactly(0.0);
    }

    @Test
    void withoutPlaintextTheCallSpeaksTlsWhichAPlaintextServerFails() throws Exception {
        String t = server.target();
        String get = "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n          request: {productId: 5}\n";
        Path p = plan(step(t, get + "          name: h2c\n") + ("      - grpc:\n          target: " + t + "\n" + get
                + "          name: tls\n          deadline: 5s\n"));
        iterations(load(p, t), 1);
        assertThat(metrics.values("grpc_req_failed", "name", "h2c", "status", "OK")).containsExactly(0.0);
        assertThat(metrics.values("grpc_req_failed", "name", "tls", "status", "UNAVAILABLE")).containsExactly(1.0);
    }

    @Test
    void maxMessageSizeBoundsWhatACallReceives() throws Exception {
        String t = server.target();
        String get = "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n          request: {productId: 5}\n";
        iterations(load(plan(step(t, get + "          maxMessageSize: 1KB\n          name: roomy\n")
                + step(t, get + "          maxMessageSize: 8\n          name: tight\n")), t), 1);
        assertThat(metrics.values("grpc_req_failed", "name", "roomy", "status", "OK")).containsExactly(0.0);
        assertThat(metrics.values("grpc_req_failed", "name", "tight", "status", "RESOURCE_EXHAUSTED")).containsExactly(1.0);
        PlanException over = badPlan(t, get + "          maxMessageSize: 65MB\n");
        assertThat(over.getMessage()).contains("maxMessageSize").contains(String.valueOf(io.headroom.grpc.GrpcLimits.MAX_MESSAGE_BYTES));
    }

    @Test
    void aStepSendsAtMostTheLimitOfRequestMessages() throws Exception {
        String t = server.target();
        int limit = io.headroom.grpc.GrpcLimits.MAX_REQUEST_MESSAGES;
        String at = "[" + String.join(", ", java.util.Collections.nCopies(limit, "{productId: 1}")) + "]";
        String head = "          proto: inventory.proto\n          method: inventory.Inventory/CheckStock\n          requests: ";
        iterations(load(plan(step(t, head + at + "\n          checks: [{messages: " + limit + "}]\n")), t), 1);
        assertThat(metrics.values("checks")).containsExactly(1.0);
        PlanException over = badPlan(t, head + at.replace("]", ", {productId: 2}]") + "\n");
        assertThat(over.getMessage()).contains("at most " + limit + " request messages").contains("found " + (limit + 1));
        PlanException unary = badPlan(t, "          proto: inventory.proto\n          method: inventory.Inventory/GetStock\n"
                + "          requests: [{productId: 1}]\n");
        assertThat(unary.getMessage()).contains("takes one request message");
    }

    @Test
    void aStreamKeepsAtMostItsLimitOfResponsesAndCountsThemAll() throws Exception {
        io.headroom.grpc.GrpcSchema schema = io.headroom.grpc.ProtoFiles.load(Path.of("../examples"), java.util.List.of("inventory.proto"));
        io.headroom.grpc.DynamicCall watch = new io.headroom.grpc.DynamicCall(schema.method("inventory.Inventory/WatchStock"));
        com.google.protobuf.DynamicMessage req = GrpcStep.parse("{\"productId\": 3, \"updates\": 5, \"intervalMs\": 0}", watch, schema.types());
        io.grpc.ManagedChannel ch = io.headroom.grpc.GrpcChannels.open(new io.headroom.grpc.GrpcChannels.ChannelSpec(server.target(), true,
                io.headroom.grpc.GrpcLimits.DEFAULT_MAX_MESSAGE_BYTES));
        try {
            io.headroom.grpc.DynamicCall.Result kept = watch.call(ch, io.grpc.CallOptions.DEFAULT, null, java.util.List.of(req), 2);
            assertThat(kept.received()).isEqualTo(5);
            assertThat(kept.responses()).hasSize(2);
            io.headroom.grpc.DynamicCall.Result all = watch.call(ch, io.grpc.CallOptions.DEFAULT, null, java.util.List.of(req));
            assertThat(all.responses()).hasSize(5);
        } finally {
            io.headroom.grpc.GrpcChannels.close(ch);
        }
    }

    @Test
    void theShippedProtoIsTheSchemaTheDemoServes() throws Exception {
        io.headroom.grpc.GrpcSchema fromFile = io.headroom.grpc.ProtoFiles.load(Path.of("../examples"), java.util.List.of("inventory.proto"));
        io.grpc.ManagedChannel ch = io.headroom.grpc.GrpcChannels.open(new io.headroom.grpc.GrpcChannels.ChannelSpec(server.target(), true,
                io.headroom.grpc.GrpcLimits.DEFAULT_MAX_MESSAGE_BYTES));
        try {
            io.headroom.grpc.GrpcSchema served = io.headroom.grpc.ServerReflection.fetch(ch, server.target(), "inventory.Inventory",
                    java.time.Duration.ofSeconds(10));
            assertThat(describe(fromFile)).isEqualTo(describe(served)).contains("GetStock(inventory.StockRequest)");
        } finally {
            io.headroom.grpc.GrpcChannels.close(ch);
        }
    }

    /** Services, methods with their types and streaming, and every message's fields (name, number, type, label). */
    private static String describe(io.headroom.grpc.GrpcSchema schema) {
        StringBuilder sb = new StringBuilder();
        com.google.protobuf.Descriptors.ServiceDescriptor s = schema.service("inventory.Inventory").orElseThrow();
        for (com.google.protobuf.Descriptors.MethodDescriptor m : s.getMethods()) {
            sb.append(m.getName()).append('(').append(m.getInputType().getFullName()).append(m.isClientStreaming() ? " stream" : "")
                    .append(")->").append(m.getOutputType().getFullName()).append(m.isServerStreaming() ? " stream" : "").append('\n');
        }
        for (com.google.protobuf.Descriptors.Descriptor d : s.getFile().getMessageTypes()) {
            sb.append(d.getFullName()).append(':');
            for (com.google.protobuf.Descriptors.FieldDescriptor f : d.getFields()) {
                sb.append(' ').append(f.getName()).append('=').append(f.getNumber()).append(' ').append(f.getType())
                        .append(f.isRepeated() ? " repeated" : "").append(' ').append(f.getJsonName());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
