package io.headroom.ws;

import io.headroom.demo.DemoWebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the demo's WebSocket endpoints on loopback: messages, pings, closes and every failure's code. */
class WsClientTest {
    private static final long WAIT = TimeUnit.SECONDS.toNanos(10);
    static DemoWebSocketServer demo;
    static WsClient client;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoWebSocketServer.start(0);
        client = new WsClient(1);
    }

    @AfterAll
    static void stop() {
        client.close();
        demo.close();
    }

    private static WsConnection open(String pathAndQuery) throws Exception {
        return client.connect(WsConnectSpec.of(URI.create(demo.baseUrl() + pathAndQuery)));
    }

    @Test
    void echoesTextAndTimesTheHandshake() throws Exception {
        try (WsConnection c = open("/ws/echo")) {
            assertThat(c.connectingNanos()).isPositive();
            assertThat(c.sendText("hello")).isTrue();
            WsEvent e = c.poll(WAIT);
            assertThat(e).isInstanceOfSatisfying(WsEvent.Message.class, m -> assertThat(m.text()).isEqualTo("hello"));
        }
    }

    @Test
    void pingComesBackAsAPongCarryingItsSendTime() throws Exception {
        try (WsConnection c = open("/ws/echo")) {
            long sent = c.ping();
            assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Pong.class, p -> {
                assertThat(p.sentNanos()).isEqualTo(sent);
                assertThat(p.receivedNanos()).isGreaterThanOrEqualTo(sent);
            });
        }
    }

    @Test
    void ourCloseIsAnsweredAndIsNoFailure() throws Exception {
        WsConnection c = open("/ws/echo");
        c.close(1000, "bye", 5000);
        assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Closed.class, e -> {
            assertThat(e.code()).isEqualTo(1000);
            assertThat(e.byServer()).isFalse();
        });
        assertThat(c.isOpen()).isFalse();
        assertThat(c.sendText("late")).as("a closed session sends nothing").isFalse();
    }

    @Test
    void aServerCloseCarriesItsCode() throws Exception {
        WsConnection c = open("/ws/echo?closeAfter=1&closeCode=4001");
        c.sendText("one");
        assertThat(c.poll(WAIT)).isInstanceOf(WsEvent.Message.class);
        assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Closed.class, e -> {
            assertThat(e.code()).isEqualTo(4001);
            assertThat(e.byServer()).isTrue();
        });
    }

    @Test
    void aDroppedConnectionIs1921() throws Exception {
        WsConnection c = open("/ws/echo?dropAfter=1");
        c.sendText("one");
        assertThat(c.poll(WAIT)).isInstanceOf(WsEvent.Message.class);
        assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Failed.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.DROPPED));
        assertThat(c.poll(0)).as("nothing after the end").isNull();
    }

    @Test
    void aBrokenFrameIs1920() throws Exception {
        WsConnection c = open("/ws/echo?brokenAfter=1");
        c.sendText("one");
        assertThat(c.poll(WAIT)).isInstanceOf(WsEvent.Message.class);
        assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Failed.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.BROKEN_FRAME));
    }

    @Test
    void aMessageOverTheSizeLimitIs1930AndOneAtTheLimitPasses() throws Exception {
        WsConnectSpec spec = WsConnectSpec.of(URI.create(demo.baseUrl() + "/ws/echo")).withLimits(WsLimits.defaults().withMaxMessageBytes(100));
        try (WsConnection ok = client.connect(spec)) {
            ok.sendText("x".repeat(100));
            assertThat(ok.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Message.class, m -> assertThat(m.bytes()).isEqualTo(100));
        }
        WsConnection big = client.connect(spec);
        big.sendText("x".repeat(101));
        assertThat(big.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Failed.class, e -> {
            assertThat(e.error()).isEqualTo(WsErrorCode.MESSAGE_TOO_BIG);
            assertThat(e.detail()).contains("100 bytes");
        });
    }

    @Test
    void unreadMessagesPastTheQueueLimitAre1931AndUpToItAreKept() throws Exception {
        WsConnectSpec spec = WsConnectSpec.of(URI.create(demo.baseUrl() + "/ws/echo")).withLimits(WsLimits.defaults().withMaxQueuedMessages(5));
        try (WsConnection ok = client.connect(spec)) {
            for (int i = 0; i < 5; i++) ok.sendText("m" + i);
            awaitUntil(() -> ok.unread() == 5);
            assertThat(ok.isOpen()).as("five unread messages are within the limit").isTrue();
            for (int i = 0; i < 5; i++) assertThat(ok.poll(WAIT)).isInstanceOf(WsEvent.Message.class);
            ok.sendText("again"); // the count went down as they were read
            assertThat(ok.poll(WAIT)).isInstanceOf(WsEvent.Message.class);
        }
        WsConnection full = client.connect(spec);
        for (int i = 0; i < 6; i++) full.sendText("m" + i);
        awaitUntil(() -> !full.isOpen());
        WsEvent last = null;
        for (int i = 0; i < 7; i++) {
            last = full.poll(WAIT);
            if (last instanceof WsEvent.Failed) break;
        }
        assertThat(last).isInstanceOfSatisfying(WsEvent.Failed.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.QUEUE_FULL));
    }

    /** Waits (up to 10 s, not a timing assertion) for a condition the event loop makes true. */
    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(5);
    }

    @Test
    void connectFailuresHaveTheirCodes() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.connect(WsConnectSpec.of(URI.create("ws://127.0.0.1:" + closedPort + "/"))))
                .isInstanceOfSatisfying(WsConnectException.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.CONNECT_FAILED));
        assertThatThrownBy(() -> client.connect(WsConnectSpec.of(URI.create("http://127.0.0.1:1/"))))
                .isInstanceOfSatisfying(WsConnectException.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.INVALID_URL));
        // A server that answers the upgrade with 404: 1901, naming the status.
        try (ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket sock = s.accept()) {
                    InputStream in = sock.getInputStream();
                    byte[] buf = new byte[4096];
                    in.read(buf);
                    OutputStream out = sock.getOutputStream();
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(500);
                } catch (Exception ignored) {
                    // the test's assertion says what went wrong
                }
            });
            assertThatThrownBy(() -> client.connect(WsConnectSpec.of(URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/x"))))
                    .isInstanceOfSatisfying(WsConnectException.class, e -> {
                        assertThat(e.error()).isEqualTo(WsErrorCode.HANDSHAKE_FAILED);
                        assertThat(e.getMessage()).contains("404");
                    });
            t.join(5000);
        }
        // A server that accepts and never answers: 1903 within the connect timeout.
        try (ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            WsConnectSpec spec = WsConnectSpec.of(URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/")).withConnectTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> client.connect(spec))
                    .isInstanceOfSatisfying(WsConnectException.class, e -> assertThat(e.error()).isEqualTo(WsErrorCode.CONNECT_TIMEOUT));
        }
    }

    @Test
    void aSubprotocolTheServerSpeaksIsChosen() throws Exception {
        WsConnectSpec spec = WsConnectSpec.of(URI.create(demo.baseUrl() + "/ws/echo"))
                .withHeaders(List.of(new WsConnectSpec.Header("X-Test", "1")));
        try (WsConnection none = client.connect(spec)) {
            assertThat(none.subprotocol()).as("none offered, none chosen").isNull();
        }
        try (WsConnection chosen = client.connect(spec.withSubprotocols(List.of("other", DemoWebSocketServer.SUBPROTOCOL)))) {
            assertThat(chosen.subprotocol()).isEqualTo(DemoWebSocketServer.SUBPROTOCOL);
        }
    }

    @Test
    void chatGoesToEverySessionOfTheChat() throws Exception {
        try (WsConnection a = open("/ws/chat"); WsConnection b = open("/ws/chat")) {
            a.sendText("{\"text\": \"hi all\"}");
            for (WsConnection c : List.of(a, b)) {
                assertThat(c.poll(WAIT)).isInstanceOfSatisfying(WsEvent.Message.class,
                        m -> assertThat(m.text()).contains("\"text\":\"hi all\"").contains("\"from\":"));
            }
        }
    }

    @Test
    void orderPushesEndDelivered() throws Exception {
        try (WsConnection c = open("/ws/orders?everyMs=10")) {
            c.sendText("{\"watch\": 42}");
            String last = null;
            for (int i = 0; i < 4; i++) {
                WsEvent e = c.poll(WAIT);
                assertThat(e).isInstanceOf(WsEvent.Message.class);
                last = ((WsEvent.Message) e).text();
            }
            assertThat(last).contains("\"order\":42").contains("\"status\":\"delivered\"");
        }
    }
}
