package io.headroom.http.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A batch's HTTP/1.1 requests go out at once on up to six connections of one VU (k6's batchPerHost), sharing its
 * cookie jar; a VU stopped while its lanes wait on a silent server gets every request back as interrupted, never a
 * hang.
 */
class Http1BatchLanesTest {
    private static final HttpSessionOptions H1 = HttpSessionOptions.DEFAULTS.withHttpVersion(HttpVersion.HTTP_1_1);

    @Test
    void eightRequestsUseSixConnectionsAndTheCookiesOfOneLaneReachTheNextRequest() throws Exception {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        List<String> cookiesSeen = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            if (cookie != null) cookiesSeen.add(exchange.getRequestURI().getPath() + " " + cookie);
            if (exchange.getRequestURI().getPath().equals("/set")) exchange.getResponseHeaders().add("Set-Cookie", "lane=one");
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (SocketHttpTransport transport = new SocketHttpTransport(); HttpSession session = transport.newSession(H1)) {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // Request 1 goes to lane 1 (request k to lane k % 6), a session of its own: only it sets a cookie.
            List<HttpRequest> batch = new java.util.ArrayList<>(Collections.nCopies(8, HttpRequest.get(base + "/plain")));
            batch.set(1, HttpRequest.get(base + "/set"));
            List<HttpResponse> out = session.sendAll(batch);
            assertThat(out).hasSize(8).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(clientPorts).as("connections: one per lane, at most six").hasSize(6);
            // A request after the batch, on the session itself, carries the cookie the lane stored: one jar.
            HttpResponse after = session.send(HttpRequest.get(base + "/read"));
            assertThat(after.status()).isEqualTo(200);
            assertThat(cookiesSeen).contains("/read lane=one");
            assertThat(clientPorts).as("the next batch reuses the lanes' connections").hasSize(6);
            session.sendAll(Collections.nCopies(6, HttpRequest.get(base + "/again")));
            assertThat(clientPorts).hasSize(6);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aVuStoppedWhileItsLanesWaitGetsEveryRequestBackAsInterrupted() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) held.add(silent.accept()); // accepts, reads nothing, answers nothing
                } catch (IOException closed) {
                    // the test is over
                }
            });
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";
            AtomicReference<List<HttpResponse>> result = new AtomicReference<>();
            try (SocketHttpTransport transport = new SocketHttpTransport(); HttpSession session = transport.newSession(H1)) {
                Thread vu = Thread.ofVirtual().start(() -> result.set(session.sendAll(Collections.nCopies(4, HttpRequest.get(url)))));
                long until = System.nanoTime() + 30_000_000_000L;
                while (held.size() < 4 && System.nanoTime() < until) Thread.sleep(20);
                assertThat(held).as("all four lanes connected at once").hasSize(4);
                vu.interrupt();
                vu.join(30_000);
                assertThat(vu.isAlive()).as("the batch returned").isFalse();
                assertThat(result.get()).hasSize(4).allSatisfy(r -> {
                    assertThat(r.failed()).isTrue();
                    assertThat(r.error().message()).containsIgnoringCase("interrupt");
                });
            } finally {
                silent.close();
                acceptor.join(5_000);
                for (Socket s : held) s.close();
            }
        }
    }
}
