package io.headroom.http.socket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server whose per-connection behaviour is a lambda over the raw socket, for servers that
 * misbehave on purpose (close idle connections, reset, never answer, send garbage).
 */
final class RawServer implements AutoCloseable {
    interface Handler {
        void handle(Socket socket, int connectionIndex) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final List<String> requestHeads = new CopyOnWriteArrayList<>();

    RawServer(Handler handler) throws IOException {
        serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!serverSocket.isClosed()) {
                Socket socket;
                try {
                    socket = serverSocket.accept();
                } catch (IOException closed) {
                    return;
                }
                accepted.add(socket);
                int index = connections.getAndIncrement();
                Thread.ofVirtual().start(() -> {
                    try {
                        handler.handle(socket, index);
                    } catch (Exception ignored) {
                        // The client may hang up first; the test asserts on the client side.
                    }
                });
            }
        });
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int connections() {
        return connections.get();
    }

    /** Reads one request head (through the blank line) and records it; null when the client closed. */
    String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        requestHeads.add(text);
        return text;
    }

    /** Reads a request: head plus a Content-Length body; returns the head, or null when the client closed. */
    String readRequest(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) return null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).strip());
                in.readNBytes(length);
            }
        }
        return head;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        acceptor.interrupt();
    }
}
