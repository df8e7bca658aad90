package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.headroom.core.metric.Exemplar;
import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code http.traceContext} end to end: a loopback server records the {@code traceparent} of every request it gets;
 * {@code /slow} sleeps 300 ms and more on five of its twenty requests, so which are the slowest is known on the
 * server's side. The
 * summary's exemplars must be trace ids the server saw on its slowest requests, a scenario's own traceparent is sent
 * as written, a run without the setting sends none, and the HTML report shows the exemplars linked through the
 * plan's template (checked in headless Chromium).
 */
class TraceContextCliTest {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    private static final String OWN_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OWN = "00-" + OWN_TRACE_ID + "-00f067aa0ba902b7-01";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors, rows: [] };
              try {
                Array.prototype.forEach.call(document.querySelectorAll('#exemplar-table tbody tr'), function (row) {
                  var a = row.querySelector('td.trace-id a');
                  r.rows.push({ name: row.cells[0].textContent, method: row.cells[1].textContent,
                    text: row.cells[2].textContent, href: a ? a.href : null, target: a ? a.target : null,
                    duration: row.cells[3].textContent, started: row.cells[4].textContent,
                    visible: row.getBoundingClientRect().height > 0 });
                });
              } catch (e) {
                r.errors.push('harness: ' + e);
              }
              var pre = document.createElement('pre');
              pre.id = 'test-results';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            })();
            </script>
            """;

    /** What the server saw: the path, the traceparent (null without one) and how long it slept. */
    record Seen(String path, String traceparent, long sleptMillis) {
        String traceId() {
            var m = TRACEPARENT.matcher(traceparent);
            return m.matches() ? m.group(1) : null;
        }
    }

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowCalls = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        long sleep = 0;
        if (path.equals("/slow")) {
            // Five of the twenty /slow requests are slow, far past any jitter of the others.
            int n = slowCalls.getAndIncrement();
            sleep = n % 4 == 1 ? 300 + 10L * n : 0;
        }
        List<String> values = ex.getRequestHeaders().get("traceparent");
        seen.add(new Seen(path, values == null ? null : String.join(",", values), sleep));
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private CliRun run(String http) throws IOException {
        return run(http, """
                      - get: /fast
                      - get: /slow
                      - get: /own
                        headers: {traceparent: "%s"}
                """.formatted(OWN));
    }

    private CliRun run(String http, String flow) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: traced
                baseUrl: http://127.0.0.1:%d
                %s
                scenarios:
                  api:
                    executor: per-vu-iterations
                    vus: 2
                    iterations: 10
                    flow:
                """.formatted(server.getAddress().getPort(), http) + flow);
        return CliRun.of("run", plan.toString(), "--quiet", "--accept-invalid-run",
                "--json", dir.resolve("summary.json").toString(), "--html", dir.resolve("report.html").toString());
    }

    @Test
    void everyRequestCarriesAFreshTraceparentAndTheSlowestAreTheExemplars() throws Exception {
        CliRun run = run("http: {traceContext: true, traceLinkTemplate: \"http://127.0.0.1:16686/trace/{traceId}\"}");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        List<Seen> generated = seen.stream().filter(s -> !s.path().equals("/own")).toList();
        assertThat(generated).hasSize(40).allSatisfy(s -> {
            assertThat(s.traceparent()).matches(TRACEPARENT);
            var m = TRACEPARENT.matcher(s.traceparent());
            assertThat(m.matches()).isTrue();
            assertThat(m.group(1)).isNotEqualTo("0".repeat(32));
            assertThat(m.group(2)).isNotEqualTo("0".repeat(16));
        });
        assertThat(generated.stream().map(Seen::traceId).distinct()).as("a trace id per request").hasSize(40);
        assertThat(seen.stream().filter(s -> s.path().equals("/own"))).hasSize(20)
                .allSatisfy(s -> assertThat(s.traceparent()).as("the scenario's own, alone").isEqualTo(OWN));

        RunResult result = JsonSummary.read(dir.resolve("summary.json"));
        List<Exemplar> slow = result.exemplars().stream().filter(e -> e.endpoint().get("name").equals("/slow")).toList();
        assertThat(slow).hasSize(Exemplar.PER_ENDPOINT);
        // The server slept 310 to 470 ms on five /slow requests and not at all on the other fifteen.
        List<Seen> slowSeen = seen.stream().filter(s -> s.path().equals("/slow"))
                .sorted(Comparator.comparingLong(Seen::sleptMillis).reversed()).toList();
        assertThat(slowSeen.get(4).sleptMillis()).isGreaterThanOrEqualTo(300);
        assertThat(slowSeen.get(5).sleptMillis()).isZero();
        Set<String> slowestFive = new HashSet<>(slowSeen.subList(0, 5).stream().map(Seen::traceId).toList());
        assertThat(slow).extracting(Exemplar::traceId).containsExactlyInAnyOrderElementsOf(slowestFive);
        for (Exemplar e : slow) {
            long slept = slowSeen.stream().filter(s -> s.traceId().equals(e.traceId())).findFirst().orElseThrow().sleptMillis();
            assertThat(e.durationMillis()).as("the client's duration covers the server's sleep").isGreaterThanOrEqualTo(slept);
            assertThat(e.endpoint().get("method")).isEqualTo("GET");
        }
        assertThat(slow).extracting(Exemplar::durationMillis).isSortedAccordingTo(Comparator.reverseOrder());
        Set<String> fastIds = new HashSet<>(seen.stream().filter(s -> s.path().equals("/fast")).map(Seen::traceId).toList());
        assertThat(result.exemplars().stream().filter(e -> e.endpoint().get("name").equals("/fast")))
                .hasSize(Exemplar.PER_ENDPOINT).allSatisfy(e -> assertThat(fastIds).contains(e.traceId()));
        assertThat(result.exemplars().stream().filter(e -> e.endpoint().get("name").equals("/own")))
                .isNotEmpty().allSatisfy(e -> assertThat(e.traceId()).isEqualTo(OWN_TRACE_ID));
        long runMillis = result.info().duration().toMillis();
        assertThat(result.exemplars()).allSatisfy(e -> assertThat(e.startOffsetMillis()).isBetween(0L, runMillis));

        // The report: the exemplars as rows, every trace id linked through the plan's template.
        String page = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        JsonNode r = JSON.readTree(Chromium.harnessResults(dir.resolve("instrumented.html"), page, DRIVER));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        List<JsonNode> rows = new ArrayList<>();
        r.get("rows").forEach(rows::add);
        assertThat(rows).hasSize(result.exemplars().size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("href").asText()).isEqualTo("http://127.0.0.1:16686/trace/" + row.get("text").asText());
            assertThat(row.get("target").asText()).isEqualTo("_blank");
            assertThat(row.get("visible").asBoolean()).isTrue();
            assertThat(row.get("started").asText()).contains("(+");
        });
        // The console names the slowest one, linked.
        Exemplar slowest = slow.getFirst();
        assertThat(run.out()).contains("slowest traced request: GET /slow ")
                .contains("trace http://127.0.0.1:16686/trace/" + slowest.traceId());
        List<String> slowRows = rows.stream().filter(row -> row.get("name").asText().equals("/slow"))
                .map(row -> row.get("text").asText()).toList();
        assertThat(slowRows).containsExactlyElementsOf(slow.stream().map(Exemplar::traceId).toList());
    }

    @Test
    void withoutTheSettingNoRequestCarriesATraceparentAndThereAreNoExemplars() throws Exception {
        CliRun run = run("");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        assertThat(seen.stream().filter(s -> !s.path().equals("/own"))).hasSize(40)
                .allSatisfy(s -> assertThat(s.traceparent()).isNull());
        RunResult result = JsonSummary.read(dir.resolve("summary.json"));
        assertThat(result.exemplars()).isEmpty();
        assertThat(Files.readString(dir.resolve("summary.json"))).doesNotContain("\"exemplars\"");
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("exemplar-table");
        assertThat(run.out()).doesNotContain("slowest traced");
    }

    @Test
    void aStepTurnsTraceContextOnOrOffForItself() throws Exception {
        String flow = """
                      - get: /default
                      - get: /switched
                        traceContext: %s
                """;
        CliRun on = run("http: {traceContext: true}", flow.formatted("false"));
        assertThat(on.exitCode()).as(on.toString()).isZero();
        assertThat(seen.stream().filter(s -> s.path().equals("/default"))).hasSize(20)
                .allSatisfy(s -> assertThat(s.traceparent()).matches(TRACEPARENT));
        assertThat(seen.stream().filter(s -> s.path().equals("/switched"))).hasSize(20)
                .allSatisfy(s -> assertThat(s.traceparent()).isNull());
        assertThat(JsonSummary.read(dir.resolve("summary.json")).exemplars())
                .isNotEmpty().allSatisfy(e -> assertThat(e.endpoint().get("name")).isEqualTo("/default"));

        seen.clear();
        CliRun off = run("", flow.formatted("true"));
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(seen.stream().filter(s -> s.path().equals("/default"))).hasSize(20)
                .allSatisfy(s -> assertThat(s.traceparent()).isNull());
        Set<String> switchedIds = new HashSet<>();
        assertThat(seen.stream().filter(s -> s.path().equals("/switched"))).hasSize(20)
                .allSatisfy(s -> assertThat(s.traceparent()).matches(TRACEPARENT))
                .allSatisfy(s -> switchedIds.add(s.traceId()));
        assertThat(JsonSummary.read(dir.resolve("summary.json")).exemplars()).hasSize(Exemplar.PER_ENDPOINT)
                .allSatisfy(e -> assertThat(switchedIds).contains(e.traceId()));
    }

    @Test
    void withoutALinkTemplateTheTraceIdsAreTextOnly() throws Exception {
        CliRun run = run("http: {traceContext: true}");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        String page = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        String table = page.substring(page.indexOf("<table id=\"exemplar-table\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).doesNotContain("<a ").contains("<code>" + OWN_TRACE_ID + "</code>");
        assertThat(page).contains("set http.traceLinkTemplate");
    }
}
