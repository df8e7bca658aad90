package io.headroom.cli;

import io.headroom.ws.WsClient;
import io.headroom.ws.WsConnectSpec;
import io.headroom.ws.WsConnection;
import io.headroom.ws.WsEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve-demo --ws-port}: the WebSocket endpoints beside the shop, with the hint it prints; a bad port exits 2. */
class ServeDemoWsTest {
    private static final Pattern WS = Pattern.compile("WebSocket on (ws://127\\.0\\.0\\.1:\\d+)/ws/echo");

    @Test
    void servesTheWebSocketEndpointsOnTheirOwnPortAndSaysHow() throws Exception {
        try (DemoChild demo = DemoChild.start("--ws-port", "0");
             WsClient client = new WsClient(1)) {
            Matcher m = WS.matcher("");
            long until = System.nanoTime() + 10_000_000_000L;
            while (!(m = WS.matcher(demo.output())).find() && System.nanoTime() < until) Thread.sleep(50);
            assertThat(m.find(0)).as(demo.output()).isTrue();
            assertThat(demo.output()).contains("examples/08-websocket.yaml");
            try (WsConnection c = client.connect(WsConnectSpec.of(URI.create(m.group(1) + "/ws/echo")))) {
                c.sendText("over the CLI's demo");
                assertThat(c.poll(TimeUnit.SECONDS.toNanos(10))).isInstanceOfSatisfying(WsEvent.Message.class,
                        e -> assertThat(e.text()).isEqualTo("over the CLI's demo"));
            }
            // Negative control: an endpoint the demo does not have is closed with 1008 and the endpoints' names.
            WsConnection none = client.connect(WsConnectSpec.of(URI.create(m.group(1) + "/ws/nothing")));
            assertThat(none.poll(TimeUnit.SECONDS.toNanos(10))).isInstanceOfSatisfying(WsEvent.Closed.class, e -> {
                assertThat(e.code()).isEqualTo(1008);
                assertThat(e.reason()).contains("/ws/echo");
            });
        }
    }

    @Test
    void refusesAWsPortOutsideTheRange() {
        CliRun run = CliRun.of("serve-demo", "--port", "0", "--ws-port", "70000");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--ws-port must be a TCP port 0..65535").doesNotContain("\tat ");
    }
}
