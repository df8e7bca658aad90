package io.headroom.http.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a local HttpsServer whose self-signed certificate (CN and SAN {@code localhost} only) is made by the
 * JDK's own {@code keytool} for this test run.
 */
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static KeyStore keyStore;
    private static HttpsServer httpsServer;
    private static ExecutorService serverThreads;
    private static final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startServers() throws Exception {
        Path store = dir.resolve("localhost.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        httpsServer = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        httpsServer.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        httpsServer.setExecutor(serverThreads);
        httpsServer.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "secure hello".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        httpsServer.start();
    }

    @AfterAll
    static void stopServers() {
        httpsServer.stop(0);
        serverThreads.shutdownNow();
    }

    private static int port() {
        return httpsServer.getAddress().getPort();
    }

    private static SSLContext trustingTheTestCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", keyStore.getCertificate("localhost"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static HttpSessionOptions insecure() {
        return new HttpSessionOptions(Duration.ofSeconds(10), 10, true, List.of(), true, "headroom-test");
    }

    @Test
    void rejectsAnUntrustedCertificateAs1310() {
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse response = session.send(HttpRequest.get("https://localhost:" + port() + "/"));
            assertThat(response.error()).isNotNull();
            assertThat(response.error().code()).isEqualTo(1310);
            assertThat(response.error().message()).contains("unknown authority");
            assertThat(response.timings().tlsHandshakingNanos()).isPositive();
        }
    }

    @Test
    void skipsVerificationWhenAskedAndMeasuresTheHandshakeOnce() {
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(insecure())) {
            HttpResponse first = session.send(HttpRequest.get("https://127.0.0.1:" + port() + "/a"));
            assertThat(first.error()).isNull();
            assertThat(first.status()).isEqualTo(200);
            assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("secure hello");
            assertThat(first.timings().connectingNanos()).isPositive();
            assertThat(first.timings().tlsHandshakingNanos()).isPositive();
            HttpResponse second = session.send(HttpRequest.get("https://127.0.0.1:" + port() + "/b"));
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.timings().tlsHandshakingNanos()).isZero();
            assertThat(second.timings().connectingNanos()).isZero();
            // Wire bytes include the handshake on the first hop and TLS record overhead on every hop.
            assertThat(first.bytesReceived()).isGreaterThan(second.bytesReceived());
            assertThat(second.bytesReceived()).isGreaterThan("HTTP/1.1 200 OK\r\n\r\nsecure hello".length());
        }
    }

    @Test
    void http2AskedOfAnHttp11OnlyTlsServerFailsEachRequestWith1600AndAutoFallsBackToHttp11() {
        // The JDK's HttpsServer offers no ALPN: a request that insists on HTTP/2 cannot have it.
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession h2 = transport.newSession(insecure().withHttpVersion(io.headroom.http.HttpVersion.HTTP_2))) {
            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                HttpResponse r = h2.send(HttpRequest.get("https://127.0.0.1:" + port() + "/h2"));
                assertThat(r.failed()).isTrue();
                assertThat(r.error().code()).isEqualTo(1600);
                assertThat(r.error().message()).contains("did not agree to HTTP/2 by ALPN").contains("\"1.1\" or \"auto\"");
                assertThat((System.nanoTime() - start) / 1_000_000).as("ms, never a hang").isLessThan(10_000);
            }
        }
        // Control: auto (the default) offers h2 and http/1.1, and takes HTTP/1.1 from this server.
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession auto = transport.newSession(insecure())) {
            HttpResponse r = auto.send(HttpRequest.get("https://127.0.0.1:" + port() + "/auto"));
            assertThat(r.error()).isNull();
            assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_1_1);
        }
    }

    @Test
    void verifiesTheHostNameAgainstTheCertificate() throws Exception {
        try (SocketHttpTransport transport = new SocketHttpTransport(trustingTheTestCertificate());
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS)) {
            HttpResponse matching = session.send(HttpRequest.get("https://localhost:" + port() + "/"));
            assertThat(matching.error()).isNull();
            assertThat(matching.status()).isEqualTo(200);
            HttpResponse mismatched = session.send(HttpRequest.get("https://127.0.0.1:" + port() + "/"));
            assertThat(mismatched.error()).isNotNull();
            assertThat(mismatched.error().code()).isEqualTo(1311);
        }
    }

    @Test
    void reusesAnIdleTlsConnectionAfterProbingIt() throws Exception {
        clientPorts.clear();
        try (SocketHttpTransport transport = new SocketHttpTransport(
                SocketTransportOptions.DEFAULTS.withIdleCheckAfter(Duration.ZERO));
             HttpSession session = transport.newSession(insecure())) {
            for (int i = 0; i < 3; i++) {
                HttpResponse response = session.send(HttpRequest.get("https://localhost:" + port() + "/" + i));
                assertThat(response.error()).isNull();
                assertThat(response.status()).isEqualTo(200);
                Thread.sleep(20);
            }
        }
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void reportsAPlainHttpAnswerToTheHandshakeAs1301() throws IOException {
        // What a plain HTTP server that rejects garbage quickly (as nginx does) sends back to a ClientHello.
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(insecure());
             RawServer plain = new RawServer((socket, index) -> {
                 try (socket) {
                     socket.getInputStream().readNBytes(5);
                     RawServer.write(socket.getOutputStream(),
                             "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                 }
             })) {
            HttpResponse response = session.send(HttpRequest.get("https://127.0.0.1:" + plain.port() + "/"));
            assertThat(response.error()).isNotNull();
            assertThat(response.error().code()).isEqualTo(1301);
        }
    }

    @Test
    void followsARedirectFromHttpToHttps() throws IOException {
        // A hop changes origin and scheme; each origin gets its own connection.
        try (SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(insecure());
             RawServer redirecting = new RawServer((socket, index) -> {
                 try (socket) {
                     socket.getInputStream().readNBytes(16);
                     RawServer.write(socket.getOutputStream(), "HTTP/1.1 302 Found\r\nLocation: https://localhost:"
                             + port() + "/target\r\nContent-Length: 0\r\n\r\n");
                     while (socket.getInputStream().read() >= 0) {
                         // drain until the client hangs up
                     }
                 }
             })) {
            HttpResponse response = session.send(HttpRequest.get(redirecting.url("/start")));
            assertThat(response.error()).isNull();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.url().toString()).startsWith("https://localhost:");
            assertThat(response.timings().tlsHandshakingNanos()).isPositive();
            assertThat(response.redirects()).singleElement().satisfies(hop -> {
                assertThat(hop.status()).isEqualTo(302);
                assertThat(hop.timings().tlsHandshakingNanos()).isZero();
            });
        }
    }
}
