package io.headroom.script.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.script.DataStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example plan loads without errors and validates against the published JSON Schema. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path SCHEMA = Path.of("..", "schema", "plan.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(10);
            return list.stream();
        }
    }

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
    }

    private static String yamlAsJson(String yaml) throws IOException {
        return JSON.writeValueAsString(new YAMLMapper().readTree(yaml));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsWithoutErrors(Path example) throws IOException {
        // The gRPC examples ask the demo's gRPC service (reflection) when they load, and have no baseUrl.
        if (example.getFileName().toString().startsWith("09-grpc")) {
            try (io.headroom.demo.DemoGrpcServer grpc = io.headroom.demo.DemoGrpcServer.start(0, true)) {
                Plan plan = new PlanLoader(name -> name.equals("GRPC_TARGET") ? grpc.target() : null).read(example);
                assertThat(plan.scenarios()).isNotEmpty();
            }
            return;
        }
        Plan plan = new PlanLoader(name -> null).read(example);
        assertThat(plan.scenarios()).isNotEmpty();
        assertThat(plan.baseUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validatesAgainstTheSchema(Path example) throws IOException {
        var errors = schema().validate(yamlAsJson(Files.readString(example)), InputFormat.JSON);
        assertThat(errors).as(example.toString()).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws IOException {
        String broken = """
                scenarios:
                  s:
                    executor: constant-vus
                    vus: ten
                    durration: 30s
                    flow: [{get: /health}]
                thresholds:
                  http_req_duration: ["p95<500"]
                """;
        assertThat(schema().validate(yamlAsJson(broken), InputFormat.JSON)).isNotEmpty();
        String ok = broken.replace("ten", "10").replace("durration", "duration").replace("p95", "p(95)");
        assertThat(schema().validate(yamlAsJson(ok), InputFormat.JSON)).isEmpty();
    }

    @Test
    void theSchemaKnowsEveryKeyTheLoaderKnows() throws IOException {
        JsonNode root = JSON.readTree(Files.readString(SCHEMA));
        assertThat(names(root.get("properties"))).isEqualTo(new HashSet<>(RootSection.KEYS.keys()));
        assertThat(names(root.at("/properties/http/properties"))).isEqualTo(new HashSet<>(HttpSection.KEYS.keys()));
        for (JsonNode variant : root.at("/$defs/scenario/oneOf")) {
            String executor = variant.at("/properties/executor/const").asText();
            Set<String> expected = new HashSet<>(ScenarioSection.COMMON_KEYS.keys());
            expected.addAll(ExecutorSection.OPTIONS.get(executor).keys());
            assertThat(names(variant.get("properties"))).as(executor).isEqualTo(expected);
        }
        List<String> stepKinds = new ArrayList<>();
        for (JsonNode step : root.at("/$defs/step/oneOf")) stepKinds.add(step.get("title").asText());
        assertThat(stepKinds).containsExactlyInAnyOrderElementsOf(StepKinds.NAMES);
        Set<String> requestKeys = names(root.at("/$defs/step/oneOf/0/properties"));
        requestKeys.remove("get");
        assertThat(requestKeys).isEqualTo(new HashSet<>(RequestStepReader.OPTIONS.keys()));
        for (JsonNode step : root.at("/$defs/step/oneOf")) {
            if (!step.get("title").asText().equals("websocket")) continue;
            Set<String> wsKeys = new HashSet<>(WebsocketStepReader.OPTIONS.keys());
            wsKeys.add("websocket");
            assertThat(names(step.get("properties"))).as("websocket").isEqualTo(wsKeys);
            Set<String> actionKeys = new HashSet<>(WebsocketStepReader.ACTIONS.keys());
            actionKeys.addAll(WebsocketStepReader.EVERY_KEYS.keys());
            assertThat(names(step.at("/properties/session/items/properties"))).as("websocket session actions").isEqualTo(actionKeys);
            assertThat(names(step.at("/properties/session/items/properties/expect/properties")))
                    .isEqualTo(new HashSet<>(WebsocketStepReader.EXPECT_KEYS.keys()));
        }
        List<String> checkKinds = new ArrayList<>();
        for (JsonNode check : root.at("/$defs/check/oneOf")) checkKinds.add(check.get("title").asText());
        assertThat(checkKinds).containsExactlyInAnyOrderElementsOf(CheckReader.KINDS.keys());
        JsonNode grpc = null;
        for (JsonNode step : root.at("/$defs/step/oneOf")) if (step.get("title").asText().equals("grpc")) grpc = step;
        assertThat(names(grpc.at("/properties/grpc/properties"))).isEqualTo(new HashSet<>(GrpcStepReader.KEYS.keys()));
        Set<String> grpcChecks = names(grpc.at("/properties/grpc/properties/checks/items/properties"));
        grpcChecks.remove("name");
        assertThat(grpcChecks).isEqualTo(new HashSet<>(GrpcStepReader.CHECK_KINDS.keys()));
    }

    @Test
    void theSchemasThresholdPatternListsEveryAggregation() throws IOException {
        // "^\\s*(p\\(...\\)|avg|min|...)\\s*(<=|...": p(N) first, then the keywords, as ThresholdExpr.KEYWORDS.
        String pattern = JSON.readTree(Files.readString(SCHEMA)).at("/$defs/thresholdExpression/pattern").asText();
        assertThat(pattern).startsWith("^\\s*(p\\(");
        int from = pattern.indexOf("\\)|") + 3;
        Set<String> keywords = new HashSet<>(List.of(pattern.substring(from, pattern.indexOf(')', from)).split("\\|")));
        keywords.add("p");
        assertThat(keywords).isEqualTo(new HashSet<>(ThresholdExpr.KEYWORDS));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theCheckoutExampleUsesUniqueUsersFromTheCsv() {
        Plan plan = PlanLoader.load(EXAMPLES.resolve("05-checkout-flow.yaml"));
        assertThat(plan.data().get("users").strategy()).isEqualTo(DataStrategy.UNIQUE);
        assertThat(plan.data().get("users").size()).isEqualTo(100);
        assertThat(plan.data().get("users").row(0).asMap()).containsEntry("name", "user1").containsEntry("password", "secret");
    }

    @Test
    void theHttp2ExampleRunsOverH2cAndOverH2WithTlsAgainstTheDemoShop() throws Exception {
        try (io.headroom.demo.DemoServer shop = io.headroom.demo.DemoServer.start(io.headroom.demo.DemoConfig.defaults().withPort(0));
             io.headroom.demo.DemoH2cFront h2c = io.headroom.demo.DemoH2cFront.start(0, shop.baseUrl());
             io.headroom.demo.DemoTlsFront tls = io.headroom.demo.DemoTlsFront.start(0, shop.baseUrl(),
                     io.headroom.demo.DemoCertificate.generate());
             io.headroom.http.socket.SocketHttpTransport transport = new io.headroom.http.socket.SocketHttpTransport()) {
            String h2Url = h2c.baseUrl().toString();
            io.headroom.script.TestMetrics metrics = new io.headroom.script.TestMetrics();
            io.headroom.script.TestVuContext ctx = new io.headroom.script.TestVuContext(1, "h2c", metrics);
            String tlsUrl = tls.baseUrl().toString();
            for (String base : List.of(h2Url, tlsUrl, shop.baseUrl().toString())) {
                Plan plan = new PlanLoader(name -> name.equals("BASE_URL") ? base
                        : name.equals("INSECURE_TLS") && base.startsWith("https") ? "true" : null)
                        .read(EXAMPLES.resolve("07-http2.yaml"));
                io.headroom.core.engine.VuBehaviour vu = plan.toRunSpec(transport, java.util.Map.of()).scenarios().get(0)
                        .behaviour().create(ctx);
                try {
                    vu.iteration(ctx);
                } finally {
                    vu.close();
                }
            }
            // Over the h2c front: 200 tagged proto HTTP/2.0. Negative control: the shop's HTTP/1.1 port, asked for
            // HTTP/2, fails the request (status 0) instead of answering or hanging.
            assertThat(metrics.matching("http_reqs", "url", h2Url + "/health", "status", "200", "proto", "HTTP/2.0"))
                    .hasSize(1);
            // Over TLS: h2 by ALPN, the self-signed certificate trusted by INSECURE_TLS=true.
            assertThat(metrics.matching("http_reqs", "url", tlsUrl + "/health", "status", "200", "proto", "HTTP/2.0"))
                    .hasSize(1);
            assertThat(metrics.matching("http_reqs", "url", shop.baseUrl() + "/health", "status", "0")).hasSize(1);
        }
    }

    @Test
    void theJavaExampleCompilesAndBecomesAPlan() {
        CompiledScenario compiled = JavaScenarioCompiler.compile(EXAMPLES.resolve("06-java-scenario").resolve("Checkout.java"));
        Plan plan = compiled.toPlan(null);
        assertThat(plan.name()).isEqualTo("Checkout");
        assertThat(plan.scenarios().get(0).spec().executor()).isInstanceOf(ExecutorSpec.ConstantVus.class);
        assertThat(plan.data().get("users").size()).isEqualTo(100);
        assertThat(plan.thresholds()).isNotEmpty();
    }
}
