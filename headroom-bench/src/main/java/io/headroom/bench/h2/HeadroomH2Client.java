package io.headroom.bench.h2;

import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpVersion;
import io.headroom.http.socket.SocketHttpTransport;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Headroom's HTTP/2 as shipped: Netty's codec in an EmbeddedChannel, driven on the VU's own thread over the
 * blocking socket ({@code SocketHttpTransport}); a batch is one {@link HttpSession#sendAll} call.
 */
final class HeadroomH2Client implements H2Shootout.Client {
    private final SocketHttpTransport transport = new SocketHttpTransport();
    private HttpSession[] sessions;
    private HttpRequest request;

    @Override
    public void open(URI url, int connections) {
        sessions = new HttpSession[connections];
        HttpSessionOptions options = HttpSessionOptions.DEFAULTS.withHttpVersion(HttpVersion.HTTP_2);
        for (int i = 0; i < connections; i++) sessions[i] = transport.newSession(options);
        request = HttpRequest.get(url.toString());
    }

    @Override
    public CompletableFuture<Boolean> start(int connection) {
        throw new UnsupportedOperationException("a Headroom session is driven by its VU; use batch");
    }

    @Override
    public int batch(int connection, int n) {
        int ok = 0;
        for (HttpResponse r : sessions[connection].sendAll(Collections.nCopies(n, request))) {
            if (r.status() == 200) ok++;
        }
        return ok;
    }

    @Override
    public void close() {
        for (HttpSession s : sessions) s.close();
        transport.close();
    }
}
