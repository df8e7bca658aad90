package io.headroom.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HttpServer on an ephemeral loopback port with the few endpoints the bench tests need: /hello (13-byte
 * body, an extra header), /close (asks to close the connection), /echo (returns the request body with 201),
 * /chunked (a body without Content-Length), /stall (answers after 3 s). Records each request's client port.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    public final Queue<Integer> clientPorts = new ConcurrentLinkedQueue<>();
    public final Queue<String> requestContentLengths = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public LoopbackHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", e -> respond(e, 200, "Hello, World!", false));
        server.createContext("/close", e -> respond(e, 200, "bye", true));
        server.createContext("/echo", e -> {
            String contentLength = e.getRequestHeaders().getFirst("Content-Length");
            requestContentLengths.add(contentLength == null ? "none" : contentLength);
            respond(e, 201, new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), false);
        });
        server.createContext("/chunked", e -> {
            clientPorts.add(e.getRemoteAddress().getPort());
            e.sendResponseHeaders(200, 0);
            try (OutputStream out = e.getResponseBody()) {
                out.write("first-".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write("second".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/stall", e -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            respond(e, 200, "late", false);
        });
        server.setExecutor(executor);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void respond(HttpExchange e, int status, String body, boolean close) throws IOException {
        clientPorts.add(e.getRemoteAddress().getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("X-Answer", "42");
        if (close) e.getResponseHeaders().add("Connection", "close");
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
