package io.headroom.script.run;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;

/**
 * The warm-up's stand-in for the target: an HTTP/1.1 server on loopback, in this process, that answers every request
 * on every connection with {@code 200 OK} and a small JSON body. One platform thread runs a selector over all its
 * connections, as an event-loop server such as nginx does.
 *
 * <p>Why it is built so, each measured at 5,000 requests/s with the generator on one core: the JIT compiles what
 * the warm-up showed it, and a branch never taken there is compiled as a trap that throws the hot methods back to
 * the interpreter when the run takes it in its first second. So its answers look like a real server's (Date, Server,
 * keep-alive, every {@value #CHUNKED_EVERY}th body chunked, every {@value #CLOSE_EVERY}th answer on a connection its last); and it answers from its own platform thread rather
 * than from virtual threads on the VUs' carriers, so that a VU waits for its response in the poller and the carriers
 * go idle between requests, as they do against a real target (answered on the carriers themselves, the scheduler's
 * idle and wake-up paths stayed cold and were compiled in the run). Request bodies (Content-Length or chunked) are
 * read and dropped, so a plan's own POSTs can be warmed up; a HEAD request gets the head alone. Thread-safe.
 */
final class WarmupResponder implements AutoCloseable {
    /** Every so many responses is sent chunked, so that both ways of framing a body are compiled. */
    static final int CHUNKED_EVERY = 8;
    /**
     * Every so many responses on a connection says {@code Connection: close} and the connection is closed after it,
     * as a server's keep-alive limit does (nginx: 1,000 requests), so that the client's connect path is compiled too.
     * Why: with connections only at the VUs' first requests, the connect path ran a few hundred times in the warm-up,
     * stayed interpreted, and the run's first connections took long enough, measured on one core, for the
     * pre-allocated VUs to run out and hundreds more to connect in the run's first 50 ms.
     */
    static final int CLOSE_EVERY = 10;
    /** The most a connection may have sent and not yet been answered; past it the connection is closed. */
    static final int MAX_PENDING_BYTES = 256 * 1024;

    private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final String HEAD = "HTTP/1.1 200 OK\r\nServer: headroom-warm-up\r\nDate: Thu, 01 Jan 2026 00:00:00 GMT\r\n"
            + "Content-Type: application/json\r\n";
    private static final byte[] FIXED_HEAD = (HEAD + "Content-Length: " + BODY.length + "\r\nConnection: keep-alive\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED_HEAD = (HEAD + "Transfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSING_HEAD = (HEAD + "Content-Length: " + BODY.length + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED_BODY = (Integer.toHexString(BODY.length) + "\r\n"
            + new String(BODY, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private volatile boolean closed;

    WarmupResponder() throws IOException {
        server = ServerSocketChannel.open();
        selector = Selector.open();
        try {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        loop = Thread.ofPlatform().daemon().name("headroom-warm-up-responder").start(this::run);
    }

    /** Where it listens. */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        try {
            while (!closed) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) continue;
                    if (key.isAcceptable()) accept();
                    else serve(key, in);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the selector was closed, or failed: the warm-up's requests fail, which only cuts the warm-up short
        } finally {
            for (SelectionKey key : selector.keys()) closeQuietly(key);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, new Connection());
        }
    }

    private static void serve(SelectionKey key, ByteBuffer in) {
        SocketChannel channel = (SocketChannel) key.channel();
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isWritable() && !connection.flush(channel)) return;
            if (connection.closing && !connection.pending()) {
                closeQuietly(key);
                return;
            }
            if (key.isReadable()) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    closeQuietly(key);
                    return;
                }
                connection.received(in.array(), n);
                if (!connection.flush(channel)) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                    return;
                }
                if (connection.closing) {
                    closeQuietly(key);
                    return;
                }
            }
            key.interestOps(SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            closeQuietly(key);
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /**
     * One connection's parse state: the request head being read (its bytes as Latin-1 text), then the body to skip
     * (a fixed length, or chunks), and the answers not yet written. Confined to the selector thread.
     */
    private static final class Connection {
        private final StringBuilder line = new StringBuilder();
        private ByteBuffer out = ByteBuffer.allocate(4 * 1024).flip();
        private State state = State.REQUEST_LINE;
        private boolean headRequest;
        private boolean chunked;
        private long remaining; // of the fixed-length body or the current chunk
        private long answered;
        /** Answered with Connection: close: the connection closes once that answer is written. */
        boolean closing;

        private enum State { REQUEST_LINE, HEADER, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER }

        void received(byte[] bytes, int n) throws IOException {
            for (int i = 0; i < n && !closing; i++) {
                if (state == State.FIXED_BODY || state == State.CHUNK_DATA) {
                    long skip = Math.min(remaining, n - i);
                    remaining -= skip;
                    i += (int) skip - 1;
                    if (remaining == 0) {
                        if (state == State.FIXED_BODY) answer();
                        else state = State.CHUNK_END;
                    }
                    continue;
                }
                byte b = bytes[i];
                if (b != '\n') {
                    if (b != '\r') line.append((char) (b & 0xff));
                    if (line.length() > MAX_PENDING_BYTES) throw new IOException("line too long");
                    continue;
                }
                String text = line.toString();
                line.setLength(0);
                lineEnded(text);
            }
        }

        private void lineEnded(String text) throws IOException {
            switch (state) {
                case REQUEST_LINE -> {
                    if (text.isEmpty()) return; // a stray CRLF between requests
                    headRequest = text.startsWith("HEAD ");
                    chunked = false;
                    remaining = 0;
                    state = State.HEADER;
                }
                case HEADER -> {
                    if (!text.isEmpty()) {
                        header(text);
                        return;
                    }
                    if (chunked) state = State.CHUNK_SIZE;
                    else if (remaining > 0) state = State.FIXED_BODY;
                    else answer();
                }
                case CHUNK_SIZE -> {
                    int semicolon = text.indexOf(';');
                    remaining = Long.parseLong((semicolon < 0 ? text : text.substring(0, semicolon)).strip(), 16);
                    state = remaining == 0 ? State.TRAILER : State.CHUNK_DATA;
                }
                case CHUNK_END -> state = State.CHUNK_SIZE; // the CRLF after a chunk's data
                case TRAILER -> {
                    if (text.isEmpty()) answer();
                }
                default -> throw new IOException("unexpected line");
            }
        }

        private void header(String field) {
            int colon = field.indexOf(':');
            if (colon < 0) return;
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip();
            if (name.equals("content-length")) remaining = Long.parseLong(value);
            else if (name.equals("transfer-encoding")) chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }

        private void answer() throws IOException {
            state = State.REQUEST_LINE;
            answered++;
            closing = answered % CLOSE_EVERY == 0;
            boolean asChunks = !closing && answered % CHUNKED_EVERY == 0;
            queue(closing ? CLOSING_HEAD : asChunks ? CHUNKED_HEAD : FIXED_HEAD);
            if (!headRequest) queue(asChunks ? CHUNKED_BODY : BODY);
        }

        private void queue(byte[] bytes) throws IOException {
            if (out.remaining() + bytes.length > MAX_PENDING_BYTES) throw new IOException("client does not read");
            if (out.capacity() - out.remaining() < bytes.length) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.remaining() + bytes.length));
                bigger.put(out).flip();
                out = bigger;
            }
            out.compact();
            out.put(bytes).flip();
        }

        boolean pending() {
            return out.hasRemaining();
        }

        /** Writes what it can; true when nothing is left to write. */
        boolean flush(SocketChannel channel) throws IOException {
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) return false;
            }
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        selector.close();
        server.close();
    }
}
