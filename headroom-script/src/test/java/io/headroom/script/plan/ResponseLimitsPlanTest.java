package io.headroom.script.plan;

import io.headroom.core.engine.VuBehaviour;
import io.headroom.core.metric.CounterSeries;
import io.headroom.core.metric.GaugeSeries;
import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.RateSeries;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.TrendSeries;
import io.headroom.core.metric.ValueType;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.socket.SocketHttpTransport;
import io.headroom.script.TestMetrics;
import io.headroom.script.TestVuContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The response limits and rules as a plan sets them ({@code http.responseBodyLimit}, {@code discardResponseBodies},
 * {@code responseHeaderLimit}, {@code responseHeaderCountLimit}, per-step {@code responseBodyLimit} and
 * {@code discardResponseBody}), run through the socket transport against a hostile server on loopback: what the
 * checks see, what is recorded, and which error codes reach the ERRORS table.
 */
class ResponseLimitsPlanTest {
    @TempDir
    Path dir;
    private ServerSocket server;
    private Thread acceptor;
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private final ErrorSamples metrics = new ErrorSamples();
    private final TestVuContext ctx = new TestVuContext(1, "s", metrics);

    /** Keeps what {@link Metrics#errorSample} is told: the ERRORS table's rows. */
    static final class ErrorSamples implements Metrics {
        final TestMetrics samples = new TestMetrics();
        final Map<String, String> firstMessageByCode = new ConcurrentHashMap<>();

        @Override public CounterSeries counter(String name, ValueType type, Tags tags) { return samples.counter(name, type, tags); }
        @Override public RateSeries rate(String name, Tags tags) { return samples.rate(name, tags); }
        @Override public TrendSeries trend(String name, ValueType type, Tags tags) { return samples.trend(name, type, tags); }
        @Override public GaugeSeries gauge(String name, ValueType type, Tags tags) { return samples.gauge(name, type, tags); }
        @Override public void errorSample(String errorCode, String message) { firstMessageByCode.putIfAbsent(errorCode, message); }
    }

    /**
     * /big: 100,000 body bytes, "start" first and "end" last; /many: 20 header fields; /loop: 302 to itself;
     * /upgrade: 101; anything else: 200 "ok". Keep-alive, one request after the other.
     */
    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String target;
            while ((target = readTarget(in)) != null) {
                byte[] response;
                if (target.equals("/big")) {
                    String body = "start" + "x".repeat(100_000 - 8) + "end";
                    response = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
                } else if (target.equals("/many")) {
                    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
                    for (int i = 0; i < 19; i++) head.append("X-H").append(i).append(": v\r\n");
                    response = head.append("\r\nok").toString().getBytes(StandardCharsets.ISO_8859_1);
                } else if (target.equals("/loop")) {
                    response = "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                } else if (target.equals("/upgrade")) {
                    out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    return;
                } else {
                    response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);
                }
                out.write(response);
                out.flush();
            }
        } catch (IOException ignored) {
            // the client hung up
        }
    }

    /** The request target of the next request head (requests here have no body), or null at the end. */
    private static String readTarget(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String line = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
        String[] parts = line.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
        acceptor.interrupt();
    }

    private Plan plan(String http, String flow) {
        String yaml = "baseUrl: http://127.0.0.1:" + server.getLocalPort() + "\n" + http
                + "scenarios:\n  s:\n    executor: constant-vus\n    duration: 1s\n    flow:\n" + flow.indent(6);
        return new PlanLoader(k -> null).read(yaml, "limits.yaml", dir);
    }

    private void runOnce(String http, String flow) throws Exception {
        VuBehaviour vu = plan(http, flow).toRunSpec(transport, Map.of()).scenarios().get(0).behaviour().create(ctx);
        try {
            vu.iteration(ctx);
        } finally {
            vu.close();
        }
    }

    private List<Double> checks(String check) {
        return metrics.samples.values("checks", "check", check);
    }

    @Test
    void aPlanWideBodyLimitKeepsThePrefixForChecksAndCountsEveryByte() throws Exception {
        runOnce("http: {responseBodyLimit: 1KB}\n", """
                - get: /big
                  checks: [{body: {contains: start}}, {body: {contains: end}}]
                - get: /big
                  name: whole
                  responseBodyLimit: 1MB
                  checks: [{body: {contains: end}, name: whole body}]
                """);
        assertThat(checks("body contains start")).containsExactly(1.0);
        assertThat(checks("body contains end")).containsExactly(0.0); // past the 1 KiB kept
        assertThat(checks("whole body")).containsExactly(1.0);
        assertThat(metrics.samples.sum("data_received", "name", "/big")).isGreaterThan(100_000);
        assertThat(metrics.samples.values("http_req_failed", "name", "/big")).containsExactly(0.0);
    }

    @Test
    void discardResponseBodiesKeepsNoneButAStepCanKeepItsOwn() throws Exception {
        runOnce("http: {discardResponseBodies: true}\n", """
                - get: /big
                  checks: [{status: 200}]
                - get: /big
                  name: kept
                  discardResponseBody: false
                  checks: [{body: {contains: end}}]
                """);
        assertThat(checks("status is 200")).containsExactly(1.0);
        assertThat(checks("body contains end")).containsExactly(1.0);
        assertThat(metrics.samples.sum("data_received", "name", "/big")).isGreaterThan(100_000);
    }

    @Test
    void rejectsACheckOnABodyThatIsNeverKept() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> plan("http: {discardResponseBodies: true}\n", """
                - get: /big
                  checks: [{body: {contains: end}}]
                  extract: {token: $.token}
                """));
        assertThat(e.errors()).map(PlanError::toString).containsExactly(
                "limits.yaml:9:9: scenarios.s.flow[0].checks: check 'body contains end' reads the response body, but "
                        + "this step keeps none (http.discardResponseBodies is true); set discardResponseBody: false "
                        + "(or a responseBodyLimit) on the step",
                "limits.yaml:10:9: scenarios.s.flow[0].extract.token: extracting 'token' reads the response body, but "
                        + "this step keeps none (http.discardResponseBodies is true); set discardResponseBody: false "
                        + "(or a responseBodyLimit) on the step");
    }

    @Test
    void rejectsSizesThatAreNoSizes() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> plan(
                "http: {responseBodyLimit: 10XB, responseHeaderLimit: 10, responseHeaderCountLimit: 0}\n", "- get: /"));
        assertThat(e.errors()).map(PlanError::toString).containsExactly(
                "limits.yaml:2:27: http.responseBodyLimit: expected a size such as 10MB, 512KB or 65536 (bytes; "
                        + "1KB = 1024 bytes), found '10XB'",
                "limits.yaml:2:54: http.responseHeaderLimit: expected a size from 64 to 2147483631 bytes, found 10 (10 bytes)",
                "limits.yaml:2:84: http.responseHeaderCountLimit: expected a positive integer, found 0");
    }

    @Test
    void readsTheLimitsIntoTheSessionOptions() {
        Plan plan = plan("http: {responseBodyLimit: 512KB, responseHeaderLimit: 16KiB, responseHeaderCountLimit: 50}\n",
                "- get: /");
        HttpSessionOptions options = plan.http().toSessionOptions();
        assertThat(options.responseBodyLimitBytes()).isEqualTo(512 * 1024);
        assertThat(options.responseHeaderLimitBytes()).isEqualTo(16 * 1024);
        assertThat(options.responseHeaderCountLimit()).isEqualTo(50);
        HttpSessionOptions defaults = plan("", "- get: /").http().toSessionOptions();
        assertThat(defaults.responseBodyLimitBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(defaults.responseHeaderLimitBytes()).isEqualTo(64 * 1024);
        assertThat(defaults.responseHeaderCountLimit()).isEqualTo(100);
        assertThat(plan("http: {discardResponseBodies: true}\n", "- get: /").http().toSessionOptions()
                .responseBodyLimitBytes()).isZero();
    }

    @Test
    void aStepKeepsABodyOnlyWhenACheckOrExtractionReadsIt() {
        Plan plan = plan("", """
                - get: /a
                  checks: [{status: 200}, {header: {name: X-Id, equals: x}}, {duration: {below: 1s}}]
                  extract: {id: {header: X-Id}}
                - get: /b
                  checks: [{json: {path: $.x, exists: true}}]
                - get: /c
                  extract: {n: {regex: 'n=(\\d+)'}}
                - get: /d
                  discardResponseBody: false
                - get: /e
                  responseBodyLimit: 2KB
                """);
        FlowScenario flow = (FlowScenario) plan.scenarios().get(0).newScenario();
        List<Long> limits = flow.steps().stream().map(s -> ((FlowStep.Request) s).params().responseBodyLimitBytes()).toList();
        // Dropped where nothing reads it; the run's default where something does; the step's own where it says.
        assertThat(limits).containsExactly(0L, null, null, null, 2048L);
    }

    @Test
    void aPlanWideHeaderCountLimitFailsWithItsOwnCode() throws Exception {
        runOnce("http: {responseHeaderCountLimit: 10}\n", "- get: /many\n- get: /ok");
        assertThat(metrics.samples.values("http_req_failed", "name", "/many", "error_code", "1802")).containsExactly(1.0);
        assertThat(metrics.firstMessageByCode).containsEntry("1802", "response header section has more than 10 fields");
        assertThat(metrics.samples.values("http_req_failed", "name", "/ok")).containsExactly(0.0);
    }

    @Test
    void aRedirectLoopAndAnUnaskedUpgradeFailWithTheirCodesAndErrorsRows() throws Exception {
        runOnce("http: {maxRedirects: 3}\n", "- get: /loop\n- get: /upgrade\n- get: /ok");
        // Three followed hops recorded as they were (302s), then the fourth 302 failing the request.
        assertThat(metrics.samples.values("http_req_failed", "name", "/loop", "status", "302", "error_code", "1810"))
                .containsExactly(1.0);
        assertThat(metrics.samples.sum("http_reqs", "url", "http://127.0.0.1:" + server.getLocalPort() + "/loop"))
                .isEqualTo(4.0);
        assertThat(metrics.samples.values("http_req_failed", "name", "/upgrade", "status", "101", "error_code", "1820"))
                .containsExactly(1.0);
        assertThat(metrics.firstMessageByCode)
                .containsEntry("1810", "stopped after 3 redirects")
                .containsEntry("1820", "101 Switching Protocols to h2c to a request that asked for no upgrade");
        assertThat(metrics.samples.values("http_req_failed", "name", "/ok")).containsExactly(0.0);
    }
}
