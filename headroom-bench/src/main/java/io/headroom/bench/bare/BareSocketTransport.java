package io.headroom.bench.bare;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTimings;
import io.headroom.http.HttpTransport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The floor of the blocking design, not a client: per session one plain socket, a canned {@code GET} head written
 * as is, the response read only far enough to find its end (status, {@code Content-Length}, body). No headers
 * parsed into objects, no error classification, no read timeout (a timed read costs a JDK timer task per read on a
 * virtual thread, which is not the floor). It reproduces DESIGN.md's "bare
 * loop of virtual threads doing blocking writes and reads", so the shoot-out shows how much the real socket
 * transport costs on top of it. Thread-safe; sessions are used by one thread at a time.
 */
public final class BareSocketTransport implements HttpTransport {
    private static final byte[] NO_BODY = new byte[0];
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public HttpSession newSession(HttpSessionOptions options) {
        return new BareSession();
    }

    private static final class BareSession implements HttpSession {
        private final byte[] buffer = new byte[8192];
        private URI cachedUrl;
        private byte[] head;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        @Override
        public HttpResponse send(HttpRequest request) {
            long start = System.nanoTime();
            try {
                if (request.url() != cachedUrl) {
                    cachedUrl = request.url();
                    String path = cachedUrl.getRawPath() == null || cachedUrl.getRawPath().isEmpty() ? "/"
                            : cachedUrl.getRawPath();
                    head = ("GET " + path + " HTTP/1.1\r\nHost: " + cachedUrl.getHost() + ":" + cachedUrl.getPort()
                            + "\r\nUser-Agent: headroom-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                }
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(cachedUrl.getHost(), cachedUrl.getPort()), 5000);
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                }
                out.write(head);
                int filled = 0;
                int headEnd = -1;
                while (headEnd < 0) {
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) throw new EOFException("closed");
                    int from = Math.max(0, filled - 3);
                    filled += n;
                    for (int i = from; i + 3 < filled; i++) {
                        if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                            headEnd = i + 4;
                            break;
                        }
                    }
                    if (headEnd < 0 && filled == buffer.length) throw new IOException("head too large");
                }
                int status = (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
                int contentLength = contentLength(buffer, headEnd);
                byte[] body = contentLength == 0 ? NO_BODY : new byte[contentLength];
                int have = Math.min(filled - headEnd, contentLength);
                System.arraycopy(buffer, headEnd, body, 0, have);
                while (have < contentLength) {
                    int n = in.read(body, have, contentLength - have);
                    if (n < 0) throw new EOFException("closed");
                    have += n;
                }
                return new HttpResponse(request.url(), status, List.of(), body,
                        new HttpTimings(0, 0, 0, 0, System.nanoTime() - start, 0), null, head.length, filled, List.of());
            } catch (IOException e) {
                close();
                return new HttpResponse(request.url(), 0, List.of(), NO_BODY, HttpTimings.NONE,
                        new HttpError(HttpErrorCode.GENERIC, String.valueOf(e.getMessage())), 0, 0, List.of());
            }
        }

        /** Finds "content-length:" (any case) in the head; 0 when absent. */
        private static int contentLength(byte[] b, int headEnd) {
            byte[] name = CONTENT_LENGTH;
            outer:
            for (int i = 0; i + name.length < headEnd; i++) {
                for (int j = 0; j < name.length; j++) {
                    if ((b[i + j] | 0x20) != name[j]) continue outer; // lower-cases letters; '-' and ':' keep
                }
                int v = 0;
                for (int k = i + name.length; k < headEnd && b[k] != '\r'; k++) {
                    if (b[k] >= '0' && b[k] <= '9') v = v * 10 + (b[k] - '0');
                }
                return v;
            }
            return 0;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // best effort
                }
                socket = null;
            }
        }
    }
}
