package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.Nghttpd;
import io.headroom.http.socket.SocketHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code httpVersion} as a plan sets it (http section, request step) and what a run records: against nghttpd
 * (h2c only) a plan asking for "2" gets its responses tagged {@code proto: HTTP/2.0}; left at auto, http:// stays
 * HTTP/1.1 and fails against it.
 */
class HttpVersionPlanTest {
    @TempDir
    Path dir;
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final TestMetrics metrics = new TestMetrics();
    private final TestVuContext ctx = new TestVuContext(1, "s", metrics);

    @AfterEach
    void close() {
        transport.close();
    }

    private Plan plan(String yaml) {
        return new PlanLoader(k -> null).read(yaml, "h2.yaml", dir);
    }

    @Test
    void readsHttpVersionAtPlanAndStepLevelAndRejectsAnythingElse() {
        String flow = "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: 'http://127.0.0.1/', httpVersion: '1.1'}]}}\n";
        assertThat(plan(flow).http().httpVersion()).isEqualTo(HttpVersion.AUTO);
        assertThat(plan("http: {httpVersion: '2'}\n" + flow).http().toSessionOptions().httpVersion())
                .isEqualTo(HttpVersion.HTTP_2);
        assertThat(plan("http: {httpVersion: 2}\n" + flow).http().httpVersion()).isEqualTo(HttpVersion.HTTP_2);
        FlowScenario scenario = (FlowScenario) plan(flow).scenarios().get(0).newScenario();
        assertThat(((FlowStep.Request) scenario.steps().get(0)).params().httpVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        PlanException e = catchThrowableOfType(PlanException.class, () -> plan("http: {httpVersion: '3'}\n" + flow));
        assertThat(e.getMessage()).contains("http.httpVersion").contains("\"1.1\"").contains("'3'");
        PlanException step = catchThrowableOfType(PlanException.class, () -> plan(
                "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: 'http://127.0.0.1/', httpVersion: quic}]}}\n"));
        assertThat(step.getMessage()).contains("httpVersion").contains("'quic'");
    }

    @Test
    void aPlanAskingForHttp2RecordsProtoHttp2AgainstNghttpd() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "shop");
        try (Nghttpd server = Nghttpd.start(www, Files.createDirectories(dir.resolve("n")), false)) {
            String base = "baseUrl: http://127.0.0.1:" + server.port + "\n";
            String flow = "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: /index.html, name: home}]}}\n";
            runOnce(plan(base + "http: {httpVersion: '2'}\n" + flow));
            assertThat(metrics.matching("http_reqs", "name", "home", "status", "200", "proto", "HTTP/2.0")).hasSize(1);
            // A step's own pin survives the traceparent a traced request gets added.
            runOnce(plan(base + "http: {traceContext: true}\n"
                    + "scenarios: {s: {executor: constant-vus, duration: 1s, flow: [{get: /index.html, name: traced, httpVersion: '2'}]}}\n"));
            assertThat(metrics.matching("http_reqs", "name", "traced", "status", "200", "proto", "HTTP/2.0")).hasSize(1);
            // Negative control: left at auto, http:// is HTTP/1.1 (as k6), which nghttpd does not speak.
            TestMetrics before = metrics;
            runOnce(plan(base + flow));
            assertThat(before.matching("http_reqs", "name", "home", "status", "0")).hasSize(1);
            assertThat(before.matching("http_reqs", "name", "home", "status", "0", "proto", "HTTP/2.0")).isEmpty();
        }
    }

    private void runOnce(Plan plan) throws Exception {
        VuBehaviour vu = plan.toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
        try {
            vu.iteration(ctx);
        } finally {
            vu.close();
        }
    }
}
