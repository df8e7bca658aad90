package io.headroom.cli;

import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.SocketHttpTransport;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve-demo --h2c-port}: the shop over h2c beside HTTP/1.1, with the hint it prints; a bad port exits 2. */
class ServeDemoH2cTest {
    private static final Pattern H2C = Pattern.compile("HTTP/2 \\(h2c, prior knowledge\\) on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void servesTheShopOverH2cOnItsOwnPortAndSaysHow() throws Exception {
        try (DemoChild demo = DemoChild.start("--h2c-port", "0");
             SocketHttpTransport transport = new SocketHttpTransport();
             HttpSession session = transport.newSession(HttpSessionOptions.DEFAULTS.withHttpVersion(HttpVersion.HTTP_2))) {
            Matcher m = H2C.matcher("");
            long until = System.nanoTime() + 10_000_000_000L;
            while (!(m = H2C.matcher(demo.output())).find() && System.nanoTime() < until) Thread.sleep(50);
            assertThat(m.find(0)).as(demo.output()).isTrue();
            assertThat(demo.output()).contains("httpVersion: \"2\"").contains("examples/07-http2.yaml");
            HttpResponse r = session.send(HttpRequest.get(m.group(1) + "/health"));
            assertThat(r.error()).isNull();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_2);
            assertThat(new String(r.body())).contains("ok");
            // Negative control: the HTTP/1.1 port does not speak HTTP/2; the request fails with 1600, it does not hang.
            HttpResponse one = session.send(HttpRequest.get(demo.baseUrl() + "/health"));
            assertThat(one.failed()).isTrue();
            assertThat(one.error().code()).isEqualTo(1600);
        }
    }

    @Test
    void refusesAnH2cPortOutsideTheRange() {
        CliRun run = CliRun.of("serve-demo", "--port", "0", "--h2c-port", "70000");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--h2c-port must be a TCP port 0..65535").doesNotContain("\tat ");
    }
}
