package io.headroom.maven;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo shop ({@code headroom serve-demo}) in a forked JVM on a free port of 127.0.0.1, for the goal's
 * {@code startDemo} testing aid: up before the first plan, stopped after the last. Not thread-safe.
 */
final class DemoProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final int port;

    private DemoProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the demo and waits until its port accepts connections. */
    static DemoProcess start(ForkedCli cli, Consumer<String> log) throws IOException, InterruptedException {
        int port = freePort();
        Process process = cli.start(List.of("serve-demo", "--port", String.valueOf(port)), log);
        DemoProcess demo = new DemoProcess(process, port);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!accepts(port)) {
            if (!process.isAlive()) throw new IOException("the demo shop exited with " + process.exitValue() + " before it listened");
            if (System.currentTimeMillis() > deadline) {
                demo.close();
                throw new IOException("the demo shop did not listen on 127.0.0.1:" + port + " within 60 s");
            }
            Thread.sleep(100);
        }
        return demo;
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // The port is free when asked; another process could take it before the demo binds it (then start fails).
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
