package io.headroom.distributed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The coordinator's HTTP side (the JDK's {@link HttpServer}, one virtual thread per exchange): reads each
 * request, hands it to the {@link Coordinator} and writes its answer. Knows the paths and the body limits; no
 * state of its own.
 */
final class CoordinatorEndpoints implements AutoCloseable {
    /** An answer: status and JSON (or empty) body. */
    record Answer(int status, byte[] body) {
        static Answer ok(Object message) {
            return new Answer(200, Protocol.write(message));
        }

        static Answer refused(int status, String error) {
            return new Answer(status, Protocol.write(new Messages.Refused(error)));
        }
    }

    /** Request bytes read (bodies only), for the cost per agent-second. */
    final java.util.concurrent.atomic.LongAdder bytesIn = new java.util.concurrent.atomic.LongAdder();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    CoordinatorEndpoints(InetSocketAddress bind, Coordinator coordinator) throws IOException {
        server = HttpServer.create(bind, 128);
        server.setExecutor(executor);
        server.createContext(Protocol.REGISTER, ex -> handle(ex, () ->
                coordinator.register(Protocol.read(body(ex), Messages.Register.class))));
        server.createContext(Protocol.TIME, ex -> handle(ex, () -> Answer.ok(new Messages.Time(EpochClock.nowNanos()))));
        server.createContext(Protocol.READY, ex -> handle(ex, () ->
                coordinator.ready(Protocol.read(body(ex), Messages.Ready.class))));
        server.createContext(Protocol.HEARTBEAT, ex -> handle(ex, () ->
                coordinator.heartbeat(Protocol.read(body(ex), Messages.Heartbeat.class))));
        server.createContext(Protocol.SNAPSHOT, ex -> handle(ex, () -> {
            String agent = ex.getRequestHeaders().getFirst(Protocol.AGENT_HEADER);
            String seq = ex.getRequestHeaders().getFirst(Protocol.SEQ_HEADER);
            if (agent == null || seq == null) {
                return Answer.refused(400, "a snapshot needs the " + Protocol.AGENT_HEADER + " and " + Protocol.SEQ_HEADER + " headers");
            }
            return coordinator.snapshot(agent, Long.parseLong(seq), SnapshotCodec.decode(body(ex)));
        }));
        server.createContext(Protocol.DONE, ex -> handle(ex, () -> coordinator.done(Protocol.read(body(ex), Messages.Done.class))));
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @FunctionalInterface
    private interface Call {
        Answer answer() throws IOException, InterruptedException;
    }

    private static void handle(HttpExchange exchange, Call call) throws IOException {
        Answer answer;
        try {
            answer = call.answer();
        } catch (IOException | NumberFormatException e) {
            answer = Answer.refused(400, "bad request to " + exchange.getRequestURI().getPath() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Answer.refused(503, "the coordinator is shutting down");
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(Protocol.MAX_BODY_BYTES + 1);
            if (bytes.length > Protocol.MAX_BODY_BYTES) {
                throw new IOException("body larger than " + Protocol.MAX_BODY_BYTES + " bytes (docs/limits.md)");
            }
            bytesIn.add(bytes.length);
            return bytes;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
