package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.demo.DemoWebSocketServer;
import io.headroom.script.JdkHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The websocket step: its plan errors, and its sessions against the demo's WebSocket endpoints on loopback. */
class WebsocketPlanTest {
    static DemoWebSocketServer demo;
    @TempDir
    Path dir;
    TestMetrics metrics;
    TestVuContext ctx;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoWebSocketServer.start(0);
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @BeforeEach
    void context() {
        metrics = new TestMetrics();
        ctx = new TestVuContext(1, "s", metrics);
    }

    private static String plan(String flow) {
        return "scenarios:\n  s:\n    executor: constant-vus\n    duration: 1s\n    flow:\n" + flow.indent(6);
    }

    private Plan load(String flow) {
        return new PlanLoader(k -> null).read(plan(flow), "plan.yaml", dir);
    }

    private VuBehaviour vu(String flow) throws Exception {
        return load(flow).toRunSpec(new JdkHttpTransport(), Map.of()).scenarios().get(0).behaviour().create(ctx);
    }

    private List<String> errors(String flow) {
        PlanException e = catchThrowableOfType(PlanException.class, () -> load(flow));
        assertThat(e).as("expected the plan to be rejected").isNotNull();
        return e.errors().stream().map(PlanError::toString).toList();
    }

    private String url(String path) {
        return demo.baseUrl() + path;
    }

    @Test
    void badUrlsUnknownKeysAndBadActionsNameTheirLineAndField() {
        assertThat(errors("""
                - websocket: http://127.0.0.1/ws/echo
                  sesion: [{hold: 1s}]
                """)).containsExactly(
                "plan.yaml:6:9: scenarios.s.flow[0]: missing 'session': the list of send, expect, every, ping, hold and close",
                "plan.yaml:6:20: scenarios.s.flow[0].websocket: expected a ws:// or wss:// URL, found \"http://127.0.0.1/ws/echo\"",
                "plan.yaml:7:9: scenarios.s.flow[0].sesion: unknown key 'sesion' (did you mean 'session'?)");
        assertThat(errors("""
                - websocket: ws://127.0.0.1:8090/ws/echo
                  session:
                    - sned: hi
                    - close: 1006
                    - expect: {within: 1s}
                    - every: 1s
                      send: x
                """)).containsExactly(
                "plan.yaml:8:13: scenarios.s.flow[0].session[0].sned: unknown key 'sned' (did you mean 'send'?)",
                "plan.yaml:9:20: scenarios.s.flow[0].session[1].close: expected a close code a client may send: 1000-1003, 1007-1011 or 3000-4999, found 1006",
                "plan.yaml:10:21: scenarios.s.flow[0].session[2].expect: expected 'json' (with or without 'equals') or 'regex'",
                "plan.yaml:11:13: scenarios.s.flow[0].session[3]: missing 'for': how long to keep sending, e.g. for: 10s");
        // Positive control: the same shapes, written right, load.
        assertThat(load("""
                - websocket: ws://127.0.0.1:8090/ws/echo
                  session:
                    - send: hi
                    - close: 4000
                    - expect: {regex: h, within: 1s}
                    - every: 1s
                      for: 2s
                      send: x
                """).scenarios()).hasSize(1);
    }

    @Test
    void anEchoSessionCountsMessagesTimesRepliesAndPassesItsCheck() throws Exception {
        vu("""
                - websocket: %s
                  name: echo
                  reply: $.id
                  session:
                    - every: 20ms
                      for: 200ms
                      send: {json: {id: "${uuid()}", text: hi}}
                    - ping:
                    - send: {json: {id: last, text: last}}
                    - expect: {json: $.text, equals: last, within: 10s, name: came back}
                    - expect: {regex: never, within: 100ms, name: never comes}
                    - close:
                """.formatted(url("/ws/echo"))).iteration(ctx);
        long sent = (long) metrics.sum("ws_msgs_sent", "name", "echo");
        assertThat(sent).isGreaterThanOrEqualTo(2);
        assertThat(metrics.sum("ws_msgs_received")).isEqualTo(sent);
        assertThat(metrics.values("ws_msg_rtt")).as("every echo is the reply to its send").hasSize((int) sent);
        assertThat(metrics.sum("ws_sessions")).isEqualTo(1);
        assertThat(metrics.values("ws_connecting")).hasSize(1);
        assertThat(metrics.values("ws_session_duration")).hasSize(1);
        assertThat(metrics.values("ws_ping")).hasSize(1);
        assertThat(metrics.values("checks", "check", "came back")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "never comes")).as("negative control").containsExactly(0.0);
        assertThat(metrics.all("ws_errors")).isEmpty();
    }

    @Test
    void aServerCloseWithAnErrorCodeIsCountedAndTheVuGoesOn() throws Exception {
        vu("""
                - websocket: %s
                  name: closing
                  session:
                    - send: one
                    - hold: 10s
                    - expect: {regex: ., within: 1s, name: after the close}
                - websocket: %s
                  name: next
                  session:
                    - send: two
                    - expect: {regex: two, within: 10s, name: next session works}
                """.formatted(url("/ws/echo?closeAfter=1&closeCode=4001"), url("/ws/echo"))).iteration(ctx);
        assertThat(metrics.sum("ws_errors", "error_code", "1910", "close_code", "4001", "name", "closing")).isEqualTo(1);
        assertThat(metrics.values("checks", "check", "after the close")).containsExactly(0.0);
        assertThat(metrics.values("checks", "check", "next session works")).containsExactly(1.0);
        assertThat(metrics.all("ws_errors")).hasSize(1);
    }

    @Test
    void aDropAndABrokenFrameAreCountedWithTheirCodes() throws Exception {
        vu("""
                - websocket: %s
                  session: [{send: a}, {hold: 10s}]
                - websocket: %s
                  session: [{send: a}, {hold: 10s}]
                - websocket: ws://127.0.0.1:1/nothing
                  session: [{send: a}]
                """.formatted(url("/ws/echo?dropAfter=1"), url("/ws/echo?brokenAfter=1"))).iteration(ctx);
        assertThat(metrics.sum("ws_errors", "error_code", "1921")).isEqualTo(1);
        assertThat(metrics.sum("ws_errors", "error_code", "1920")).isEqualTo(1);
        assertThat(metrics.sum("ws_errors", "error_code", "1902")).isEqualTo(1);
        assertThat(metrics.sum("ws_sessions")).as("only sessions that opened").isEqualTo(2);
    }

    @Test
    void theMessageSizeLimitOfAPlanFailsOnlyLargerMessages() throws Exception {
        vu("""
                - websocket: %s
                  name: fits
                  maxMessageSize: 10
                  session: [{send: "0123456789"}, {expect: {regex: "0123456789", within: 10s, name: ten bytes}}]
                - websocket: %s
                  name: too-big
                  maxMessageSize: 10
                  session: [{send: "0123456789A"}, {expect: {regex: ".", within: 10s, name: eleven bytes}}]
                """.formatted(url("/ws/echo"), url("/ws/echo"))).iteration(ctx);
        assertThat(metrics.values("checks", "check", "ten bytes")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "eleven bytes")).containsExactly(0.0);
        assertThat(metrics.sum("ws_errors", "error_code", "1930", "name", "too-big")).isEqualTo(1);
        assertThat(metrics.matching("ws_errors", "name", "fits")).isEmpty();
    }

    @Test
    void templatedUpgradeHeadersReachTheServer() throws Exception {
        vu("""
                - websocket: %s
                  headers: {X-User: "vu-${__VU}"}
                  session: [{expect: {regex: "^hello vu-1$", within: 10s, name: header sent}}]
                - websocket: %s
                  session: [{expect: {regex: "^hello vu-1$", within: 10s, name: no header}}]
                """.formatted(url("/ws/echo?hello=X-User"), url("/ws/echo?hello=X-User"))).iteration(ctx);
        assertThat(metrics.values("checks", "check", "header sent")).containsExactly(1.0);
        assertThat(metrics.values("checks", "check", "no header")).as("negative control").containsExactly(0.0);
    }

    @Test
    void orderPushesEndDeliveredAndTheFirstPushTimesTheWatch() throws Exception {
        vu("""
                - websocket: %s
                  reply: order
                  session:
                    - send: {json: {watch: "${__VU}-${__ITER}"}}
                    - expect: {json: $.status, equals: delivered, within: 10s, name: delivered}
                """.formatted(url("/ws/orders?everyMs=10"))).iteration(ctx);
        assertThat(metrics.values("checks", "check", "delivered")).containsExactly(1.0);
        assertThat(metrics.sum("ws_msgs_received")).isEqualTo(4);
        assertThat(metrics.values("ws_msg_rtt")).hasSize(1);
    }
}
