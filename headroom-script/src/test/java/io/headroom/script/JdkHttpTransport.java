package io.headroom.script;

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
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-only transport on the JDK's HttpClient (too slow for load, fine for functional tests): follows
 * redirects itself so each hop comes back with its own timings, like the real transport must.
 */
public final class JdkHttpTransport implements HttpTransport {
    public int sessionsOpened;
    public int sessionsClosed;

    @Override
    public synchronized HttpSession newSession(HttpSessionOptions options) {
        sessionsOpened++;
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(options.cookies() ? new CookieManager() : null)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new HttpSession() {
            @Override
            public HttpResponse send(HttpRequest request) {
                int maxRedirects = request.maxRedirects() != null ? request.maxRedirects() : options.maxRedirects();
                List<HttpResponse> hops = new ArrayList<>();
                String method = request.method().name();
                URI url = request.url();
                byte[] body = request.body();
                while (true) {
                    HttpResponse hop = exchange(client, options, request, method, url, body);
                    String location = hop.header("Location");
                    if (hop.error() == null && hop.status() >= 300 && hop.status() < 400 && location != null
                            && hops.size() < maxRedirects) {
                        hops.add(hop);
                        url = url.resolve(location);
                        if (hop.status() == 303 || ((hop.status() == 301 || hop.status() == 302) && method.equals("POST"))) {
                            method = "GET";
                            body = new byte[0];
                        }
                        continue;
                    }
                    return new HttpResponse(hop.url(), hop.status(), hop.headers(), hop.body(), hop.timings(), hop.error(),
                            hop.bytesSent(), hop.bytesReceived(), hops);
                }
            }

            @Override
            public void close() {
                synchronized (JdkHttpTransport.this) {
                    sessionsClosed++;
                }
                client.close();
            }
        };
    }

    private static HttpResponse exchange(HttpClient client, HttpSessionOptions options, HttpRequest request, String method,
                                         URI url, byte[] body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(url)
                .timeout(request.timeout() != null ? request.timeout() : options.timeout())
                .method(method, body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        long headerBytes = 0;
        for (HttpHeader h : options.defaultHeaders()) {
            if (request.headers().stream().noneMatch(x -> x.is(h.name()))) b.header(h.name(), h.value());
        }
        for (HttpHeader h : request.headers()) {
            b.header(h.name(), h.value());
            headerBytes += h.name().length() + h.value().length() + 4;
        }
        long start = System.nanoTime();
        try {
            java.net.http.HttpResponse<byte[]> r = client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            List<HttpHeader> headers = new ArrayList<>();
            long received = r.body().length;
            for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
                for (String v : e.getValue()) {
                    headers.add(new HttpHeader(e.getKey(), v));
                    received += e.getKey().length() + v.length() + 4;
                }
            }
            return new HttpResponse(url, r.statusCode(), headers, r.body(), new HttpTimings(0, 0, 0, 0, took, 0), null,
                    method.length() + url.toString().length() + headerBytes + body.length + 16, received + 17, List.of());
        } catch (HttpTimeoutException e) {
            return failed(url, start, new HttpError(HttpErrorCode.REQUEST_TIMEOUT, "request timeout"));
        } catch (ConnectException e) {
            return failed(url, start, new HttpError(HttpErrorCode.TCP_DIAL_REFUSED, "connection refused"));
        } catch (IOException e) {
            return failed(url, start, new HttpError(HttpErrorCode.GENERIC, String.valueOf(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(url, start, new HttpError(HttpErrorCode.GENERIC, "interrupted"));
        }
    }

    private static HttpResponse failed(URI url, long start, HttpError error) {
        return new HttpResponse(url, 0, List.of(), new byte[0], new HttpTimings(0, 0, 0, 0, System.nanoTime() - start, 0),
                error, 0, 0, List.of());
    }
}
