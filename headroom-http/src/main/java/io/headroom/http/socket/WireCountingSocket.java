package io.headroom.http.socket;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain TCP socket that counts the bytes crossing it. A TLS socket layered on top reads and writes through
 * {@link #getInputStream()}/{@link #getOutputStream()}, so for https the counts are true wire bytes (records,
 * handshake) like k6's {@code data_sent}/{@code data_received}, not plaintext. Used by one thread at a time.
 */
final class WireCountingSocket extends Socket {
    long bytesRead;
    long bytesWritten;
    private InputStream countingIn;
    private OutputStream countingOut;

    @Override
    public InputStream getInputStream() throws IOException {
        if (countingIn == null) {
            countingIn = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) bytesRead += n;
                    return n;
                }

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) bytesRead++;
                    return b;
                }
            };
        }
        return countingIn;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (countingOut == null) {
            countingOut = new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesWritten += len;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytesWritten++;
                }
            };
        }
        return countingOut;
    }
}
