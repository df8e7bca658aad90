package io.headroom.http.socket;

import io.headroom.testing.DebianPackage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nghttpd (Debian nghttp2-server), the HTTP/2 server of the nghttp2 project, started by a test on a free loopback
 * port serving {@code docroot}: h2c with prior knowledge, or h2 over TLS with a self-signed certificate made by
 * openssl. Stopped by its own process handle.
 */
public final class Nghttpd implements AutoCloseable {
    public final int port;
    private final Process process;

    private Nghttpd(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static Nghttpd start(Path docroot, Path work, boolean tls, String... extra) throws Exception {
        Path nghttpd = DebianPackage.require("nghttp2-server", List.of(Path.of("/usr/sbin/nghttpd"), Path.of("/usr/bin/nghttpd")));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(nghttpd.toString(), "-d", docroot.toString(),
                "--address=127.0.0.1"));
        command.addAll(List.of(extra));
        command.add(Integer.toString(port));
        if (tls) {
            Path openssl = DebianPackage.require("openssl", List.of(Path.of("/usr/bin/openssl")));
            Path key = work.resolve("key.pem");
            Path cert = work.resolve("cert.pem");
            Process gen = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2")
                    .redirectErrorStream(true).redirectOutput(work.resolve("openssl.log").toFile()).start();
            if (!gen.waitFor(60, TimeUnit.SECONDS) || gen.exitValue() != 0) throw new IOException("openssl failed");
            command.add(key.toString());
            command.add(cert.toString());
        } else {
            command.add(1, "--no-tls");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("nghttpd.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new Nghttpd(port, p);
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("nghttpd did not start: " + Files.readString(work.resolve("nghttpd.log")));
    }

    public String url(boolean tls, String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
