package io.headroom.script;

import io.headroom.demo.DemoWebSocketServer;
import io.headroom.http.HttpSessionOptions;
import io.headroom.ws.WsErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vu.ws()} from Java: blocking send and receive, the handler form for pushes, and many sessions at once. */
class WsApiTest {
    static DemoWebSocketServer demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoWebSocketServer.start(0);
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    private static Vu vu(TestMetrics metrics, int id) {
        return new Vu(new TestVuContext(id, "s", metrics), VuSettings.DEFAULTS, new JdkHttpTransport().newSession(HttpSessionOptions.DEFAULTS));
    }

    @Test
    void blockingSendAndReceiveAndAHandlerForPushes() throws Exception {
        TestMetrics metrics = new TestMetrics();
        Vu vu = vu(metrics, 1);
        List<String> statuses = new ArrayList<>();
        vu.ws().connect(demo.baseUrl() + "/ws/orders?everyMs=10", WsParams.none().withName("orders"), session -> {
            session.onMessage(m -> statuses.add(m.json("$.status")));
            session.send("{\"watch\": 7}");
            WsMessage delivered = session.expect(Duration.ofSeconds(10), m -> "delivered".equals(m.json("$.status")));
            assertThat(delivered).isNotNull();
        });
        assertThat(statuses).as("the pushes before the awaited one went to the handler").containsExactly("placed", "packed", "shipped");
        vu.ws().connect(demo.baseUrl() + "/ws/echo", session -> {
            session.send("ping?");
            assertThat(session.receive(Duration.ofSeconds(10))).extracting(WsMessage::text).isEqualTo("ping?");
            assertThat(session.receive(Duration.ofMillis(50))).as("nothing more came").isNull();
        });
        assertThat(metrics.sum("ws_sessions")).isEqualTo(2);
        assertThat(metrics.sum("ws_msgs_received", "name", "orders")).isEqualTo(4);
    }

    @Test
    void aBodyThatThrowsStillEndsItsSession() throws Exception {
        TestMetrics metrics = new TestMetrics();
        Vu vu = vu(metrics, 1);
        Exception thrown = null;
        try {
            vu.ws().connect(demo.baseUrl() + "/ws/echo", session -> {
                throw new IllegalStateException("scenario bug");
            });
        } catch (IllegalStateException e) {
            thrown = e;
        }
        assertThat(thrown).hasMessage("scenario bug");
        assertThat(metrics.values("ws_session_duration")).hasSize(1);
        // An invalid URL: counted as 1904, the body never runs.
        AtomicInteger ran = new AtomicInteger();
        vu.ws().connect("http://127.0.0.1/ws", session -> ran.incrementAndGet());
        assertThat(ran).hasValue(0);
        assertThat(metrics.sum("ws_errors", "error_code", Integer.toString(WsErrorCode.INVALID_URL.code()))).isEqualTo(1);
    }

    @Test
    void sentMessagesAwaitingRepliesAreBounded() throws Exception {
        TestMetrics metrics = new TestMetrics();
        Vu vu = vu(metrics, 1);
        WsParams params = WsParams.none().withReplyField("$.id")
                .withLimits(io.headroom.ws.WsLimits.defaults().withMaxPendingReplies(3));
        vu.ws().connect(demo.baseUrl() + "/ws/echo", params.withName("three"), session -> {
            for (int i = 0; i < 3; i++) session.send("{\"id\": " + i + "}");
            for (int i = 0; i < 3; i++) assertThat(session.receive(Duration.ofSeconds(10))).isNotNull();
            assertThat(session.isOpen()).as("three pending is within the limit").isTrue();
        });
        vu.ws().connect(demo.baseUrl() + "/ws/echo", params.withName("four"), session -> {
            for (int i = 0; i < 4; i++) session.send("{\"id\": " + i + "}");
            assertThat(session.isOpen()).isFalse();
            assertThat(session.error()).isEqualTo(WsErrorCode.TOO_MANY_PENDING_REPLIES);
        });
        assertThat(metrics.values("ws_msg_rtt", "name", "three")).hasSize(3);
        assertThat(metrics.sum("ws_errors", "error_code", "1932", "name", "four")).isEqualTo(1);
        assertThat(metrics.matching("ws_errors", "name", "three")).isEmpty();
    }

    @Test
    void everyWebSocketErrorCodeReadsBackAsTheWebSocketRange() {
        for (WsErrorCode c : WsErrorCode.values()) {
            assertThat(io.headroom.http.ErrorCodeRange.of(c.code())).as(c.name()).contains(io.headroom.http.ErrorCodeRange.WEBSOCKET);
        }
        assertThat(io.headroom.http.ErrorCodeRange.of(1850)).as("negative control").contains(io.headroom.http.ErrorCodeRange.HEADROOM);
    }

    @Test
    void aThousandSessionsAreOpenAtOnce() throws Exception {
        int sessions = 1_000;
        TestMetrics metrics = new TestMetrics();
        CountDownLatch allOpen = new CountDownLatch(sessions);
        CountDownLatch done = new CountDownLatch(sessions);
        AtomicInteger echoed = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < sessions; i++) {
            Vu vu = vu(metrics, i + 1);
            Thread.ofVirtual().start(() -> {
                try {
                    vu.ws().connect(demo.baseUrl() + "/ws/echo", session -> {
                        allOpen.countDown();
                        // Every session stays open until all are: a thousand at once, not one after another.
                        if (!allOpen.await(60, TimeUnit.SECONDS)) return;
                        session.send("hi " + vu.id());
                        WsMessage m = session.receive(Duration.ofSeconds(30));
                        if (m != null && m.text().equals("hi " + vu.id())) echoed.incrementAndGet();
                    });
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(120, TimeUnit.SECONDS)).as("all sessions ended").isTrue();
        assertThat(failures).isEmpty();
        assertThat(allOpen.getCount()).as("sessions that never opened").isZero();
        assertThat(echoed).hasValue(sessions);
        assertThat(metrics.sum("ws_sessions")).isEqualTo(sessions);
        assertThat(metrics.all("ws_errors")).isEmpty();
    }
}
