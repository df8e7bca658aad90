package io.headroom.cli;

import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoWebSocketServer;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A websocket plan through the command line against the demo's endpoints: thresholds on the ws_* metrics hold and
 * cross (exit 0 / 99), and the metrics reach the console (a WEBSOCKET group), the JSON summary and the HTML report.
 */
class WebsocketRunTest {
    static DemoWebSocketServer demo;
    @TempDir
    Path dir;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoWebSocketServer.start(0);
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    private Path plan(String rttThreshold) throws Exception {
        Path plan = dir.resolve("ws.yaml");
        Files.writeString(plan, """
                scenarios:
                  s:
                    executor: per-vu-iterations
                    vus: 3
                    iterations: 2
                    flow:
                      - websocket: %s/ws/echo
                        name: echo
                        reply: $.id
                        session:
                          - every: 20ms
                            for: 200ms
                            send: {json: {id: "${uuid()}", text: hi}}
                          - ping:
                          - send: {json: {id: last, text: last}}
                          - expect: {json: $.text, equals: last, within: 10s, name: echoed}
                          - close:
                thresholds:
                  ws_msg_rtt: ["%s"]
                  ws_errors: ["count==0"]
                  ws_sessions: ["count==6"]
                """.formatted(demo.baseUrl(), rttThreshold));
        return plan;
    }

    @Test
    void thresholdsOnWebSocketMetricsHoldAndTheMetricsReachEveryReport() throws Exception {
        Path json = dir.resolve("summary.json");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("run", plan("p(95)<10000").toString(), "--json", json.toString(), "--html", html.toString(),
                "--no-history", "--accept-invalid-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("WEBSOCKET").contains("ws_msg_rtt").contains("ws_connecting").contains("ws_session_duration")
                .contains("ws_msgs_sent").contains("ws_msgs_received").contains("ws_ping").contains("ws_sessions");
        RunResult result = JsonSummary.read(json);
        assertThat(Results.counter(result, "ws_sessions")).isEqualTo(6);
        assertThat(Results.counter(result, "ws_msgs_received")).isEqualTo(Results.counter(result, "ws_msgs_sent")).isPositive();
        String page = Files.readString(html);
        for (String metric : new String[] {"ws_msg_rtt", "ws_connecting", "ws_session_duration", "ws_msgs_sent", "ws_msgs_received",
                "ws_ping", "ws_sessions"}) {
            assertThat(page).as(metric).contains(metric);
        }
    }

    @Test
    void aBadWebsocketStepExits2NamingTheLineAndFieldBeforeAnyLoad() throws Exception {
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, """
                scenarios:
                  s:
                    executor: constant-vus
                    duration: 1s
                    flow:
                      - websocket: htp://127.0.0.1:1/ws/echo
                        subprotocol: [x]
                        session: [{hold: 1s}]
                """);
        CliRun run = CliRun.of("run", plan.toString(), "--no-history");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yaml:6:20: scenarios.s.flow[0].websocket: expected a ws:// or wss:// URL")
                .contains("bad.yaml:7:9: scenarios.s.flow[0].subprotocol: unknown key 'subprotocol' (did you mean 'subprotocols'?)")
                .doesNotContain("\tat ");
    }

    @Test
    void aCrossedThresholdOnWsMsgRttExits99() throws Exception {
        // Negative control: no loopback echo answers in under a nanosecond.
        CliRun run = CliRun.of("run", plan("p(95)<0.000001").toString(), "--no-history", "--accept-invalid-run");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(99);
        assertThat(run.out()).contains("ws_msg_rtt").contains("✗");
    }
}
