package io.headroom.bench.jdk;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import io.headroom.http.HttpTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JDK's {@link HttpClient} behind the {@link HttpTransport} interface, called blocking from each VU's virtual
 * thread: the third candidate of the transport shoot-out. All sessions share one client (its connection pool keeps
 * one keep-alive connection per concurrently busy VU), which is how the JDK means the client to be used. HTTP/1.1
 * only, no redirects, no cookies, no timings beyond the total. Thread-safe; not registered as a service.
 */
public final class JdkHttpTransport implements HttpTransport {
    private static final byte[] NO_BODY = new byte[0];

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @Override
    public HttpSession newSession(HttpSessionOptions options) {
        HttpSessionOptions effective = options != null ? options : HttpSessionOptions.DEFAULTS;
        return new HttpSession() {
            @Override
            public HttpResponse send(HttpRequest request) {
                return JdkHttpTransport.this.send(request, effective);
            }

            @Override
            public void close() {
                // Connections belong to the shared client's pool.
            }
        };
    }

    HttpResponse send(HttpRequest request, HttpSessionOptions options) {
        long startNanos = System.nanoTime();
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.url())
                .method(request.method().name(), request.body().length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        Duration timeout = request.timeout() != null ? request.timeout() : options.timeout();
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) builder.timeout(timeout);
        if (options.userAgent() != null && !options.userAgent().isEmpty()) builder.header("User-Agent", options.userAgent());
        for (HttpHeader h : options.defaultHeaders()) builder.header(h.name(), h.value());
        for (HttpHeader h : request.headers()) builder.setHeader(h.name(), h.value());
        try {
            java.net.http.HttpResponse<byte[]> response =
                    client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            long totalNanos = System.nanoTime() - startNanos;
            ArrayList<HttpHeader> headers = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
                for (String v : e.getValue()) headers.add(new HttpHeader(e.getKey(), v));
            }
            byte[] body = response.body() != null ? response.body() : NO_BODY;
            return new HttpResponse(request.url(), response.statusCode(), headers, body,
                    new HttpTimings(0, 0, 0, 0, totalNanos, 0), null, 0, body.length, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(request, new HttpError(HttpErrorCode.GENERIC, "request interrupted"), startNanos);
        } catch (HttpConnectTimeoutException e) {
            return failure(request, new HttpError(HttpErrorCode.TCP_DIAL_TIMEOUT, "dial: i/o timeout"), startNanos);
        } catch (HttpTimeoutException e) {
            return failure(request, new HttpError(HttpErrorCode.REQUEST_TIMEOUT, "request timeout"), startNanos);
        } catch (ConnectException e) {
            return failure(request, new HttpError(HttpErrorCode.TCP_DIAL_REFUSED, "dial: connection refused"),
                    startNanos);
        } catch (IOException | IllegalArgumentException e) {
            return failure(request, new HttpError(HttpErrorCode.GENERIC, String.valueOf(e.getMessage())), startNanos);
        }
    }

    private static HttpResponse failure(HttpRequest request, HttpError error, long startNanos) {
        return new HttpResponse(request.url(), 0, List.of(), NO_BODY,
                new HttpTimings(0, 0, 0, 0, System.nanoTime() - startNanos, 0), error, 0, 0, List.of());
    }

    @Override
    public void close() {
        client.close(); // AutoCloseable since JDK 21
    }
}
