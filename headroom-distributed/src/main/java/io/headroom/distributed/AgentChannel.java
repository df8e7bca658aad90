package io.headroom.distributed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * An agent's side of the control channel: JSON and snapshot requests to one coordinator over the JDK's
 * {@link HttpClient} (HTTP/1.1, kept-alive connections). Every call is bounded in time; a long call also gives up
 * as soon as {@code giveUp} says so (the coordinator was declared lost). Thread-safe.
 */
final class AgentChannel {
    // below LOST_AFTER_MILLIS, so one slow answer on a busy machine is not yet a lost coordinator
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
    // registration and clock samples may meet a coordinator still warming up on a busy machine; they are idempotent
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CALL_TIMEOUT).build();
    private final URI base;

    AgentChannel(String hostPort) {
        this.base = URI.create("http://" + hostPort);
        if (base.getHost() == null || base.getPort() < 0) {
            throw new IllegalArgumentException("--coordinator expects HOST:PORT, got \"" + hostPort + "\"");
        }
    }

    String address() {
        return base.getHost() + ":" + base.getPort();
    }

    /** POSTs {@code message} and reads the answer as {@code type}; a refusal (4xx) throws with the coordinator's reason. */
    <T> T post(String path, Object message, Class<T> type) throws IOException {
        return call(json(path, Protocol.write(message)).timeout(CALL_TIMEOUT).build(), type, () -> false, CALL_TIMEOUT.toMillis());
    }

    /** As {@link #post}, waiting up to {@code timeoutMillis} for the answer unless {@code giveUp} says stop first. */
    <T> T longPost(String path, Object message, Class<T> type, long timeoutMillis, BooleanSupplier giveUp) throws IOException {
        return call(json(path, Protocol.write(message)).timeout(Duration.ofMillis(timeoutMillis)).build(), type, giveUp, timeoutMillis);
    }

    <T> T get(String path, Class<T> type) throws IOException {
        return call(HttpRequest.newBuilder(base.resolve(path)).timeout(SETUP_TIMEOUT).GET().build(), type, () -> false, SETUP_TIMEOUT.toMillis());
    }

    /** As {@link #post}, for the idempotent set-up calls (registration): a longer wait for the answer. */
    <T> T setupPost(String path, Object message, Class<T> type) throws IOException {
        return call(json(path, Protocol.write(message)).timeout(SETUP_TIMEOUT).build(), type, () -> false, SETUP_TIMEOUT.toMillis());
    }

    Messages.Command snapshot(String agentId, long seq, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(Protocol.SNAPSHOT)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/octet-stream").header(Protocol.AGENT_HEADER, agentId)
                .header(Protocol.SEQ_HEADER, Long.toString(seq)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return call(request, Messages.Command.class, () -> false, CALL_TIMEOUT.toMillis());
    }

    private HttpRequest.Builder json(String path, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private <T> T call(HttpRequest request, Class<T> type, BooleanSupplier giveUp, long timeoutMillis) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 1000);
        HttpResponse<byte[]> response;
        try {
            while (true) {
                try {
                    response = future.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (giveUp.getAsBoolean() || System.nanoTime() - deadline > 0) {
                        future.cancel(true);
                        throw new IOException("no answer from the coordinator at " + address());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IOException("interrupted while waiting for the coordinator", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException("the coordinator at " + address() + " did not answer: " + cause, cause);
        }
        if (response.statusCode() == 409 || response.statusCode() == 404 || response.statusCode() == 400) {
            Messages.Refused refused = Protocol.read(response.body(), Messages.Refused.class);
            throw new RegistrationRefusedException(refused.error());
        }
        if (response.statusCode() != 200) {
            throw new IOException("the coordinator at " + address() + " answered " + response.statusCode() + " to " + request.uri().getPath());
        }
        return Protocol.read(response.body(), type);
    }
}
