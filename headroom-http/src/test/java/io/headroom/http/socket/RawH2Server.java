package io.headroom.http.socket;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/2 peer that misbehaves on purpose, frames written by hand: h2c with prior knowledge, its SETTINGS
 * chosen by the test, and a {@link Behaviour} deciding what each request's HEADERS get back (a response, RST_STREAM,
 * GOAWAY, a header block split over CONTINUATION frames). Counts connections and the most streams open at once.
 */
final class RawH2Server implements AutoCloseable {
    /** What the server does with the {@code nth} request (from 1, over all connections) on stream {@code streamId}. */
    interface Behaviour {
        void onRequest(Conn conn, int streamId, int nth) throws IOException, InterruptedException;
    }

    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int GOAWAY = 7;
    static final int CONTINUATION = 9;
    static final int DATA = 0;

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final int maxConcurrentStreams;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger mostOpen = new AtomicInteger();

    RawH2Server(int maxConcurrentStreams, Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.maxConcurrentStreams = maxConcurrentStreams;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Conn conn = new Conn(socket.getOutputStream());
            in.readFully(new byte[24]); // the client preface
            byte[] settings = maxConcurrentStreams > 0 ? new byte[] {0, 3, 0, 0, 0, (byte) maxConcurrentStreams} : new byte[0];
            conn.frame(SETTINGS, 0, 0, settings);
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fffffff;
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (type == SETTINGS && (flags & 1) == 0) conn.frame(SETTINGS, 1, 0, new byte[0]);
                if (type == HEADERS) {
                    int now = open.incrementAndGet();
                    mostOpen.accumulateAndGet(now, Math::max);
                    int nth = requests.incrementAndGet();
                    Thread.ofVirtual().start(() -> {
                        try {
                            behaviour.onRequest(conn, stream, nth);
                        } catch (IOException | InterruptedException ignored) {
                            // the client's assertions tell
                        } finally {
                            open.decrementAndGet();
                        }
                    });
                }
            }
        } catch (IOException closed) {
            // the client went away, or the behaviour closed the connection
        }
    }

    /** One accepted connection's writing side; frames from several streams' threads are written whole. */
    static final class Conn {
        private final OutputStream out;
        volatile boolean closed;

        Conn(OutputStream out) {
            this.out = out;
        }

        synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
            byte[] head = {(byte) (payload.length >> 16), (byte) (payload.length >> 8), (byte) payload.length,
                    (byte) type, (byte) flags, (byte) (stream >> 24), (byte) (stream >> 16), (byte) (stream >> 8),
                    (byte) stream};
            out.write(head);
            out.write(payload);
            out.flush();
        }

        /** ":status: 200" (HPACK static index 8) and a 2-byte body "ok". */
        void ok(int stream) throws IOException {
            frame(HEADERS, 4, stream, new byte[] {(byte) 0x88});
            frame(DATA, 1, stream, "ok".getBytes(StandardCharsets.US_ASCII));
        }

        void rst(int stream, int errorCode) throws IOException {
            frame(RST_STREAM, 0, stream, int32(errorCode));
        }

        void goAway(int lastStream, int errorCode) throws IOException {
            byte[] p = new byte[8];
            System.arraycopy(int32(lastStream), 0, p, 0, 4);
            System.arraycopy(int32(errorCode), 0, p, 4, 4);
            frame(GOAWAY, 0, 0, p);
        }

        void close() throws IOException {
            closed = true;
            out.close();
        }

        private static byte[] int32(int v) {
            return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
        }
    }

    /** An HPACK "literal without indexing, new name" field (RFC 7541 §6.2.2); name and value under 127 bytes. */
    static byte[] literal(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[3 + n.length + v.length];
        out[0] = 0;
        out[1] = (byte) n.length;
        System.arraycopy(n, 0, out, 2, n.length);
        out[2 + n.length] = (byte) v.length;
        System.arraycopy(v, 0, out, 3 + n.length, v.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
