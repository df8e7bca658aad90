package io.headroom.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP/1.1 server that answers every request head with the same canned 200 response, built to allocate
 * nothing per request so that JMH's {@code -prof gc} numbers belong to the client under test. It counts request
 * heads by their blank line (no bodies expected). One platform thread per connection; {@link #close} stops it.
 */
public final class CannedHttpServer implements AutoCloseable {
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nServer: canned\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 13\r\nConnection: keep-alive\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private volatile boolean closed;

    public CannedHttpServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "canned-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "canned-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private static void serve(Socket s) {
        byte[] buffer = new byte[8192];
        int matched = 0; // how much of "\r\n\r\n" the bytes so far end with
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) return;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == (matched % 2 == 0 ? '\r' : '\n')) matched++;
                    else matched = b == '\r' ? 1 : 0;
                    if (matched == 4) {
                        out.write(RESPONSE);
                        matched = 0;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
