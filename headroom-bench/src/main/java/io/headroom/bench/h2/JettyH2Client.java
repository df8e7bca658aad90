package io.headroom.bench.h2;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

/** Jetty's low-level HTTP2Client (one Session per connection, a Stream.Listener per request), one selector. */
final class JettyH2Client implements H2Shootout.Client {
    private HTTP2Client client;
    private Session[] sessions;
    private HttpURI uri;

    @Override
    public void open(URI url, int connections) throws Exception {
        client = new HTTP2Client();
        client.setSelectors(1);
        client.start();
        sessions = new Session[connections];
        for (int i = 0; i < connections; i++) {
            sessions[i] = client.connect(new InetSocketAddress(url.getHost(), url.getPort()), new Session.Listener() {})
                    .get(10, TimeUnit.SECONDS);
        }
        uri = HttpURI.from(url.toString());
    }

    @Override
    public CompletableFuture<Boolean> start(int connection) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        MetaData.Request request = new MetaData.Request("GET", uri, HttpVersion.HTTP_2, HttpFields.EMPTY);
        sessions[connection].newStream(new HeadersFrame(request, null, true), new Stream.Listener() {
            private boolean ok;

            @Override
            public void onHeaders(Stream stream, HeadersFrame frame) {
                ok = frame.getMetaData() instanceof MetaData.Response r && r.getStatus() == 200;
                if (frame.isEndStream()) done.complete(ok);
                else stream.demand();
            }

            @Override
            public void onDataAvailable(Stream stream) {
                Stream.Data data = stream.readData();
                if (data == null) {
                    stream.demand();
                    return;
                }
                boolean last = data.frame().isEndStream();
                data.release();
                if (last) done.complete(ok);
                else stream.demand();
            }

            @Override
            public void onReset(Stream stream, ResetFrame frame, Callback callback) {
                done.complete(false);
                callback.succeeded();
            }

            @Override
            public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
                done.complete(false);
                callback.succeeded();
            }
        });
        return done;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
