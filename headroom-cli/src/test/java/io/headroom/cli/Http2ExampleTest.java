package io.headroom.cli;

import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.SocketHttpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/07-http2.yaml} as a user runs it, unchanged: against {@code serve-demo}'s h2c port and its TLS port
 * (h2 by ALPN, the self-signed certificate trusted by {@code INSECURE_TLS=true}), and against nginx's {@code http2}
 * ports; the summary says {@code proto: HTTP/2.0}. Negative controls: an HTTP/1.1-only port fails every request with
 * 1600 and the run ends on time; without the trust switch the demo's certificate is refused.
 */
class Http2ExampleTest {
    private static final Pattern TLS = Pattern.compile("HTTPS \\(h2 or HTTP/1\\.1 by ALPN, self-signed certificate\\) on "
            + "(https://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern H2C = Pattern.compile("HTTP/2 \\(h2c, prior knowledge\\) on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private static CliRun runExample(String baseUrl, boolean insecure) {
        return CliRun.of("run", Examples.dir().resolve("07-http2.yaml").toString(), "-e", "BASE_URL=" + baseUrl,
                "-e", "INSECURE_TLS=" + insecure, "--duration", "2s", "--vus", "2", "--accept-invalid-run");
    }

    private static String await(DemoChild demo, Pattern p) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        Matcher m;
        while (!(m = p.matcher(demo.output())).find() && System.nanoTime() < until) Thread.sleep(50);
        assertThat(m.find(0)).as(demo.output()).isTrue();
        return m.group(1);
    }

    @Test
    void theExampleRunsOverH2cAndOverH2WithTlsAgainstServeDemo() throws Exception {
        Path pem = dir.resolve("demo.pem");
        try (DemoChild demo = DemoChild.start("--h2c-port", "0", "--tls-port", "0", "--tls-cert-out", pem.toString())) {
            String tls = await(demo, TLS);
            String h2c = await(demo, H2C);
            assertThat(demo.output()).contains("insecureSkipTlsVerify: true").contains("INSECURE_TLS=true")
                    .contains("curl --cacert " + pem);
            for (String base : new String[] {h2c, tls}) {
                CliRun run = runExample(base, base.startsWith("https"));
                assertThat(run.exitCode()).as(run.toString()).isZero();
                // Every request went over HTTP/2, on one connection per VU (the plan's 2 VUs from --vus 2).
                assertThat(run.out()).as(run.toString())
                        .containsPattern("proto: HTTP/2\\.0 for ([0-9,]+) of \\1 requests, [0-9.,]+ streams per HTTP/2 connection \\(2 opened\\)");
            }
            // The TLS port speaks HTTP/1.1 too, by ALPN, to a client that asks only for it.
            try (SocketHttpTransport transport = new SocketHttpTransport();
                 HttpSession one = transport.newSession(new HttpSessionOptions(Duration.ofSeconds(10), 0, true,
                         java.util.List.of(), false, "t").withHttpVersion(HttpVersion.HTTP_1_1))) {
                HttpResponse r = one.send(HttpRequest.get(tls + "/health"));
                assertThat(r.error()).isNull();
                assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_1_1);
            }
            // The certificate written out is the one served: trusting it verifies the server (by its IP SAN).
            try (SocketHttpTransport trusting = new SocketHttpTransport(trusting(pem));
                 HttpSession s = trusting.newSession(HttpSessionOptions.DEFAULTS)) {
                HttpResponse r = s.send(HttpRequest.get(tls + "/health"));
                assertThat(r.error()).isNull();
                assertThat(r.protocol()).isEqualTo(HttpResponse.HTTP_2);
            }
            // Negative control: without the trust switch the self-signed certificate is refused (a TLS error, 13xx).
            CliRun strict = runExample(tls, false);
            assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(99);
            assertThat(strict.out()).containsPattern("13[0-9]{2}");
        }
    }

    @Test
    void theSamePlanRunsUnchangedAgainstNginxWithHttp2AndFailsClearlyOnItsHttp11Port() throws Exception {
        try (NginxHttp2 nginx = NginxHttp2.start(dir)) {
            CliRun tls = runExample("https://127.0.0.1:" + nginx.tlsPort, true);
            assertThat(tls.exitCode()).as(tls.toString()).isZero();
            assertThat(tls.out()).contains("proto: HTTP/2.0 for ");
            CliRun h2c = runExample("http://127.0.0.1:" + nginx.h2cPort, false);
            assertThat(h2c.exitCode()).as(h2c.toString()).isZero();
            assertThat(h2c.out()).contains("proto: HTTP/2.0 for ");
            // Negative control: nginx's HTTP/1.1 port cannot answer HTTP/2 with prior knowledge; every request fails
            // with 1600 and the 2 s run ends (the threshold on http_req_failed is crossed), no hang.
            long start = System.nanoTime();
            CliRun one = runExample("http://127.0.0.1:" + nginx.http1Port, false);
            assertThat(one.exitCode()).as(one.toString()).isEqualTo(99);
            assertThat(one.out()).contains("1600").doesNotContain("proto: HTTP/2.0");
            assertThat((System.nanoTime() - start) / 1_000_000_000L).as("seconds").isLessThan(60);
        }
    }

    @Test
    void refusesABadTlsPortAndACertificateFileWithoutATlsPort() {
        CliRun port = CliRun.of("serve-demo", "--port", "0", "--tls-port", "70000");
        assertThat(port.exitCode()).as(port.toString()).isEqualTo(2);
        assertThat(port.err()).contains("--tls-port must be a TCP port 0..65535").doesNotContain("\tat ");
        CliRun cert = CliRun.of("serve-demo", "--port", "0", "--tls-cert-out", "x.pem");
        assertThat(cert.exitCode()).as(cert.toString()).isEqualTo(2);
        assertThat(cert.err()).contains("--tls-cert-out needs --tls-port");
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("demo", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readString(pem).getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
