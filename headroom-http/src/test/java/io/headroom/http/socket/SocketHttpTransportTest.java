package io.headroom.http.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against the JDK's HttpServer on loopback: methods, headers, keep-alive, redirects, cookies, load. */
class SocketHttpTransportTest {
    private HttpServer server;
    private ExecutorService serverThreads;
    private SocketHttpTransport transport;
    private HttpSession session;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        serverThreads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(serverThreads);
        server.createContext("/echo", this::echo);
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // length 0 makes the JDK server use chunked coding
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) out.write(("part-" + i + ";").getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/gzip", exchange -> {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
                gz.write("hello, compressed world".repeat(100).getBytes(StandardCharsets.US_ASCII));
            }
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            respond(exchange, 200, compressed.toByteArray());
        });
        server.createContext("/redirect", this::redirect);
        server.createContext("/cookie", this::cookie);
        server.start();
        transport = new SocketHttpTransport();
        session = transport.newSession(HttpSessionOptions.DEFAULTS);
    }

    @AfterEach
    void stopServer() {
        session.close();
        transport.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void echo(HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        StringBuilder text = new StringBuilder();
        text.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append('\n');
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(
                v -> text.append(name.toLowerCase(Locale.ROOT)).append(": ").append(v).append('\n')));
        text.append('\n').append(new String(requestBody, StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("X-Echo", "one");
        exchange.getResponseHeaders().add("X-Echo", "two");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        respond(exchange, 200, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** /redirect/{status}/{n}: n more redirects with that status, then the echo. */
    private void redirect(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String[] parts = exchange.getRequestURI().getPath().split("/");
        int status = Integer.parseInt(parts[2]);
        int remaining = Integer.parseInt(parts[3]);
        String location = remaining <= 1 ? "/echo/final" : "/redirect/" + status + "/" + (remaining - 1);
        if (exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("relative")) {
            location = remaining <= 1 ? "../../echo/relative" : String.valueOf(remaining - 1) + "?relative";
        }
        exchange.getResponseHeaders().add("Location", location);
        respond(exchange, status, ("go to " + location).getBytes(StandardCharsets.US_ASCII));
    }

    /** /cookie/set?header, /cookie/... echo of the Cookie header. */
    private void cookie(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getRawQuery();
        if (exchange.getRequestURI().getPath().equals("/cookie/set") && query != null) {
            for (String setCookie : java.net.URLDecoder.decode(query, StandardCharsets.UTF_8).split("\\|")) {
                exchange.getResponseHeaders().add("Set-Cookie", setCookie);
            }
        }
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        respond(exchange, 200, (cookie == null ? "" : cookie).getBytes(StandardCharsets.US_ASCII));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static HttpRequest request(String method, String url, String body, HttpHeader... headers) {
        return new HttpRequest(HttpMethod.of(method), URI.create(url), List.of(headers),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private static String text(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsEveryMethodWithItsBody() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            HttpResponse response = session.send(request(method, url("/echo/m?x=1"), "body of " + method));
            assertThat(response.error()).as(method).isNull();
            assertThat(response.status()).isEqualTo(200);
            assertThat(text(response)).startsWith(method + " /echo/m?x=1\n")
                    .contains("content-length: " + ("body of " + method).length())
                    .endsWith("\n\nbody of " + method);
        }
        HttpResponse head = session.send(request("HEAD", url("/echo/h"), null));
        assertThat(head.error()).isNull();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        // The connection survived the bodiless HEAD response and is reused.
        HttpResponse after = session.send(HttpRequest.get(url("/echo/after")));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.timings().connectingNanos()).isZero();
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void aDeadlinePassedAfterItsExchangeEndedDoesNotCloseTheReusedConnection() throws Exception {
        // 150 ms timeouts and 200 ms pauses: each deadline passes while the connection sits idle in the session, so
        // a watchdog acting on a finished exchange's deadline would close it (and the next exchange would need a
        // new connection). Only a genuine timeout (a slow machine) may cost a connection.
        try (HttpSession quick = transport.newSession(
                new HttpSessionOptions(Duration.ofMillis(150), 10, false, List.of(), true, "headroom-test"))) {
            int timeouts = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse response = quick.send(HttpRequest.get(url("/echo/" + i)));
                if (response.error() != null) {
                    assertThat(response.error().code()).isEqualTo(1050);
                    timeouts++;
                }
                Thread.sleep(200);
            }
            assertThat(clientPorts.size()).isLessThanOrEqualTo(1 + timeouts);
        }
    }

    @Test
    void aRedirectedTransportSendsEveryConnectionToItsAddressWithTheUrlsHost() throws Exception {
        InetSocketAddress here = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
        try (var redirected = transport.redirectedTo(here).orElseThrow();
             HttpSession elsewhere = redirected.newSession(HttpSessionOptions.DEFAULTS)) {
            // a host that does not resolve and a port nothing listens on: only the redirection reaches the server
            HttpResponse response = elsewhere.send(HttpRequest.get("http://target.invalid:1/echo/r?x=2"));
            assertThat(response.error()).isNull();
            assertThat(text(response)).startsWith("GET /echo/r?x=2\n").contains("host: target.invalid:1");
        }
        // the negative control: the transport it came from still goes where each URL says
        HttpResponse direct = session.send(HttpRequest.get("http://target.invalid:1/echo/r"));
        assertThat(direct.error()).isNotNull();
        assertThat(direct.status()).isZero();
    }

    @Test
    void sendsEmptyContentLengthForPostWithoutBody() {
        HttpResponse response = session.send(request("POST", url("/echo"), null));
        assertThat(text(response)).contains("content-length: 0");
        HttpResponse get = session.send(request("GET", url("/echo"), null));
        assertThat(text(get)).doesNotContain("content-length");
    }

    @Test
    void headersRoundTripWithDefaultsAndUserAgent() {
        HttpSessionOptions options = new HttpSessionOptions(Duration.ofSeconds(10), 10, false,
                List.of(new HttpHeader("X-Default", "d"), new HttpHeader("X-Overridden", "default")), true,
                "headroom-test/1");
        try (HttpSession s = transport.newSession(options)) {
            HttpResponse response = s.send(request("GET", url("/echo"), null,
                    new HttpHeader("X-Overridden", "request"), new HttpHeader("X-Unicode", "grüße"),
                    new HttpHeader("Accept", "text/plain")));
            assertThat(response.error()).isNull();
            assertThat(text(response))
                    .contains("host: 127.0.0.1:" + server.getAddress().getPort())
                    .contains("user-agent: headroom-test/1")
                    .contains("x-default: d")
                    .contains("x-overridden: request")
                    .doesNotContain("x-overridden: default")
                    .contains("accept: text/plain");
            assertThat(response.header("x-echo")).isEqualTo("one");
            assertThat(response.headers()).filteredOn(h -> h.is("X-Echo")).extracting(HttpHeader::value)
                    .containsExactly("one", "two");
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length));
        }
    }

    @Test
    void rejectsHeaderInjectionWithoutSending() {
        HttpResponse response = session.send(request("GET", url("/echo"), null,
                new HttpHeader("X-Evil", "a\r\nInjected: yes")));
        assertThat(response.failed()).isTrue();
        assertThat(response.error().code()).isEqualTo(1000);
        assertThat(response.error().message()).contains("X-Evil");
        assertThat(clientPorts).isEmpty();
    }

    @Test
    void reusesOneKeepAliveConnectionForSequentialRequests() {
        List<HttpResponse> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) responses.add(session.send(HttpRequest.get(url("/echo/" + i))));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(clientPorts).hasSize(1);
        assertThat(responses.get(0).timings().connectingNanos()).isPositive();
        assertThat(responses.subList(1, 50)).allSatisfy(r -> {
            assertThat(r.timings().connectingNanos()).isZero();
            assertThat(r.timings().tlsHandshakingNanos()).isZero();
            assertThat(r.timings().waitingNanos()).isPositive();
            assertThat(r.bytesSent()).isPositive();
            assertThat(r.bytesReceived()).isGreaterThan(r.body().length);
        });
    }

    @Test
    void decodesChunkedResponses() {
        HttpResponse response = session.send(HttpRequest.get(url("/chunked")));
        assertThat(response.error()).isNull();
        assertThat(response.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) expected.append("part-").append(i).append(';');
        assertThat(text(response)).isEqualTo(expected.toString());
        assertThat(session.send(HttpRequest.get(url("/echo"))).timings().connectingNanos()).isZero();
    }

    @Test
    void decodesGzipBodies() {
        HttpResponse response = session.send(HttpRequest.get(url("/gzip")));
        assertThat(response.error()).isNull();
        assertThat(text(response)).isEqualTo("hello, compressed world".repeat(100));
        assertThat(response.bytesReceived()).isLessThan(response.body().length);
    }

    @Test
    void redirect303TurnsPostIntoGetWithoutBody() {
        HttpResponse response = session.send(request("POST", url("/redirect/303/1"), "form=1",
                new HttpHeader("Content-Type", "application/x-www-form-urlencoded")));
        assertThat(response.error()).isNull();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.url().getPath()).isEqualTo("/echo/final");
        assertThat(text(response)).startsWith("GET /echo/final\n").doesNotContain("form=1")
                .doesNotContain("content-type");
        assertThat(response.redirects()).hasSize(1);
        HttpResponse hop = response.redirects().get(0);
        assertThat(hop.status()).isEqualTo(303);
        assertThat(hop.url().getPath()).isEqualTo("/redirect/303/1");
        assertThat(hop.bytesSent()).isPositive();
        assertThat(hop.bytesReceived()).isPositive();
        assertThat(hop.timings().waitingNanos()).isPositive();
        assertThat(hop.redirects()).isEmpty();
    }

    @Test
    void redirect301And302TurnPostIntoGetButKeepPut() {
        assertThat(text(session.send(request("POST", url("/redirect/301/1"), "x")))).startsWith("GET ");
        assertThat(text(session.send(request("POST", url("/redirect/302/1"), "x")))).startsWith("GET ");
        assertThat(text(session.send(request("PUT", url("/redirect/302/1"), "x")))).startsWith("PUT ").endsWith("\n\nx");
    }

    @Test
    void redirect307And308KeepMethodAndBody() {
        for (int status : new int[] {307, 308}) {
            HttpResponse response = session.send(request("POST", url("/redirect/" + status + "/2"), "payload"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(text(response)).startsWith("POST /echo/final\n").endsWith("\n\npayload");
            assertThat(response.redirects()).extracting(HttpResponse::status).containsExactly(status, status);
        }
    }

    @Test
    void followsRelativeLocations() {
        HttpResponse response = session.send(HttpRequest.get(url("/redirect/302/3?relative")));
        assertThat(response.error()).isNull();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.url().getPath()).isEqualTo("/echo/relative");
        assertThat(response.redirects()).extracting(r -> r.url().getPath())
                .containsExactly("/redirect/302/3", "/redirect/302/2", "/redirect/302/1");
    }

    @Test
    void failsAtTheRedirectLimitKeepingTheLastRedirect() {
        HttpResponse response = session.send(new HttpRequest(HttpMethod.GET, URI.create(url("/redirect/302/5")), null, null,
                null, 2));
        assertThat(response.error()).isNotNull();
        assertThat(response.error().code()).isEqualTo(1810);
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.url().getPath()).isEqualTo("/redirect/302/3");
        assertThat(response.redirects()).extracting(HttpResponse::status).containsExactly(302, 302);
    }

    @Test
    void maxRedirectsZeroReturnsTheRedirectItself() {
        HttpSessionOptions noFollow = new HttpSessionOptions(Duration.ofSeconds(10), 0, false, List.of(), true, null);
        try (HttpSession s = transport.newSession(noFollow)) {
            HttpResponse response = s.send(HttpRequest.get(url("/redirect/301/1")));
            assertThat(response.status()).isEqualTo(301);
            assertThat(response.header("Location")).isEqualTo("/echo/final");
            assertThat(response.redirects()).isEmpty();
        }
    }

    @Test
    void storesCookiesAndSendsThemBackOnMatchingPaths() {
        String set = java.net.URLEncoder.encode("session=abc; Path=/|admin=1; Path=/cookie/admin", StandardCharsets.UTF_8);
        assertThat(session.send(HttpRequest.get(url("/cookie/set?" + set))).status()).isEqualTo(200);
        assertThat(text(session.send(HttpRequest.get(url("/cookie/other"))))).isEqualTo("session=abc");
        assertThat(text(session.send(HttpRequest.get(url("/cookie/admin/page")))))
                .isEqualTo("admin=1; session=abc");
        String delete = java.net.URLEncoder.encode("session=gone; Path=/; Max-Age=0", StandardCharsets.UTF_8);
        session.send(HttpRequest.get(url("/cookie/set?" + delete)));
        assertThat(text(session.send(HttpRequest.get(url("/cookie/admin/page"))))).isEqualTo("admin=1");
        String expired = java.net.URLEncoder.encode("admin=old; Path=/cookie/admin; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                StandardCharsets.UTF_8);
        session.send(HttpRequest.get(url("/cookie/set?" + expired)));
        assertThat(text(session.send(HttpRequest.get(url("/cookie/admin/page"))))).isEmpty();
    }

    @Test
    void mergesJarCookiesWithACookieHeaderOfTheRequest() {
        session.send(HttpRequest.get(url("/cookie/set?" + java.net.URLEncoder.encode("jar=1; Path=/", StandardCharsets.UTF_8))));
        HttpResponse response = session.send(request("GET", url("/cookie/x"), null, new HttpHeader("Cookie", "own=2")));
        assertThat(text(response)).isEqualTo("own=2; jar=1");
    }

    @Test
    void keepsHostOnlyCookiesToTheirHost() {
        session.send(HttpRequest.get(url("/cookie/set?" + java.net.URLEncoder.encode("h=1; Path=/", StandardCharsets.UTF_8))));
        assertThat(text(session.send(HttpRequest.get(url("/cookie/same"))))).isEqualTo("h=1");
        String otherHost = "http://localhost:" + server.getAddress().getPort() + "/cookie/other-host";
        assertThat(text(session.send(HttpRequest.get(otherHost)))).isEmpty();
    }

    @Test
    void sendsNoCookiesWhenTheSessionDisablesThem() {
        HttpSessionOptions noCookies = new HttpSessionOptions(Duration.ofSeconds(10), 10, false, List.of(), false, null);
        try (HttpSession s = transport.newSession(noCookies)) {
            s.send(HttpRequest.get(url("/cookie/set?" + java.net.URLEncoder.encode("a=1; Path=/", StandardCharsets.UTF_8))));
            assertThat(text(s.send(HttpRequest.get(url("/cookie/x"))))).isEmpty();
        }
    }

    @Test
    void sessionsOnManyVirtualThreadsAllSucceed() throws InterruptedException {
        int users = 200;
        int requestsPerUser = 20;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService vus = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int u = 0; u < users; u++) {
                int user = u;
                vus.submit(() -> {
                    try (HttpSession s = transport.newSession(HttpSessionOptions.DEFAULTS)) {
                        for (int i = 0; i < requestsPerUser; i++) {
                            HttpResponse r = s.send(request("POST", url("/echo/" + user + "/" + i), "vu" + user));
                            if (r.error() == null && r.status() == 200 && text(r).endsWith("\n\nvu" + user)) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                if (firstErrors.size() < 5) firstErrors.add(String.valueOf(r.error()));
                            }
                        }
                    }
                });
            }
            vus.shutdown();
            assertThat(vus.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(firstErrors).isEmpty();
        assertThat(ok.get()).isEqualTo(users * requestsPerUser);
        assertThat(failed.get()).isZero();
        assertThat(clientPorts).hasSize(users); // one keep-alive connection per VU
    }

    @Test
    void reportsInvalidUrlsAsError1020() {
        for (String bad : List.of("ftp://127.0.0.1/x", "/relative/path", "http:opaque", "http://127.0.0.1:99999/")) {
            HttpResponse response = session.send(new HttpRequest(HttpMethod.GET, URI.create(bad), null, null, null, null));
            assertThat(response.error()).as(bad).isNotNull();
            assertThat(response.error().code()).as(bad).isEqualTo(1020);
            assertThat(response.status()).isZero();
        }
    }

    @Test
    void refusesToSendOnAClosedSession() {
        session.close();
        HttpResponse response = session.send(HttpRequest.get(url("/echo")));
        assertThat(response.failed()).isTrue();
        assertThat(response.error().code()).isEqualTo(1000);
    }
}
