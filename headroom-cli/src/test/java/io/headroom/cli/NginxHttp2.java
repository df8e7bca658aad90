package io.headroom.cli;

import io.headroom.demo.DemoCertificate;
import io.headroom.testing.DebianPackage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian nginx), started by a test in the foreground with its own prefix: one port with {@code ssl http2}
 * (h2 or HTTP/1.1 by ALPN; the certificate is a {@link DemoCertificate}), one with {@code http2} alone (h2c with
 * prior knowledge) and one plain HTTP/1.1; each answers {@code GET /health} with 200 "ok". Stopped by its own
 * process handle.
 */
final class NginxHttp2 implements AutoCloseable {
    final int tlsPort;
    final int h2cPort;
    final int http1Port;
    private final Process process;

    private NginxHttp2(int tlsPort, int h2cPort, int http1Port, Process process) {
        this.tlsPort = tlsPort;
        this.h2cPort = h2cPort;
        this.http1Port = http1Port;
        this.process = process;
    }

    static NginxHttp2 start(Path work) throws Exception {
        Path nginx = DebianPackage.require("nginx", List.of(Path.of("/usr/sbin/nginx")));
        DemoCertificate certificate = DemoCertificate.generate();
        Files.writeString(work.resolve("cert.pem"), certificate.certificatePem());
        Files.writeString(work.resolve("key.pem"), certificate.privateKeyPem());
        Files.createDirectories(work.resolve("logs"));
        int tls = freePort();
        int h2c = freePort();
        int http1 = freePort();
        String health = "location = /health { default_type text/plain; return 200 'ok'; }";
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                    server { listen 127.0.0.1:%2$d ssl http2; ssl_certificate %1$s/cert.pem;
                             ssl_certificate_key %1$s/key.pem; %5$s }
                    server { listen 127.0.0.1:%3$d http2; %5$s }
                    server { listen 127.0.0.1:%4$d; %5$s }
                }
                """.formatted(work, tls, h2c, http1, health);
        Path confFile = work.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-p", work.toString(), "-c", confFile.toString(),
                "-e", work.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http1)) {
                return new NginxHttp2(tls, h2c, http1, p);
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("nginx did not start: " + Files.readString(work.resolve("nginx.out")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
