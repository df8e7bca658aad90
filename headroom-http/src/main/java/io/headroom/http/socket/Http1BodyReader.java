package io.headroom.http.socket;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a response body (RFC 9112 §6–7) from an {@link Http1ReadBuffer} by its framing: a fixed Content-Length
 * (read straight from the socket into the body array, no second copy), the chunked transfer coding, or until the
 * connection closes. Chunked and close-delimited bodies are gathered in a scratch array kept between responses
 * unless it grew large. Allocates the body array per response, nothing else in steady state. Owned by one
 * session; not thread-safe.
 */
final class Http1BodyReader {
    static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;
    static final byte[] EMPTY = new byte[0];
    /** A chunked or close-delimited body is gathered here; kept between responses unless it grew large. */
    private static final int SCRATCH_KEEP_BYTES = 256 * 1024;

    private final Http1ReadBuffer in;
    private byte[] scratch;

    Http1BodyReader(Http1ReadBuffer in) {
        this.in = in;
    }

    /** A body of exactly {@code length} bytes. */
    byte[] readFixed(long length) throws IOException {
        if (length == 0) return EMPTY;
        if (length > MAX_BODY_BYTES) throw new MalformedResponseException("response body too large: " + length);
        byte[] result = new byte[(int) length];
        int have = in.drainBuffered(result, 0, result.length);
        // The rest goes straight from the socket into the body: no second copy through the read buffer.
        while (have < result.length) {
            int n = in.readDirect(result, have, result.length - have);
            if (n < 0) throw new UnexpectedEofException(false);
            have += n;
        }
        return result;
    }

    /** The data of a chunked body up to its last (zero-size) chunk; the trailer section is left unread. */
    byte[] readChunked() throws IOException {
        int total = 0;
        while (true) {
            in.readLine();
            long size = parseChunkSize();
            if (size == 0) break;
            if (total + size > MAX_BODY_BYTES) throw new MalformedResponseException("response body too large");
            int chunk = (int) size;
            ensureScratch(total + chunk);
            int fromBuffer = in.drainBuffered(scratch, total, chunk);
            total += fromBuffer;
            int remaining = chunk - fromBuffer;
            while (remaining > 0) {
                int n = in.readDirect(scratch, total, remaining);
                if (n < 0) throw new UnexpectedEofException(false);
                total += n;
                remaining -= n;
            }
            in.readLine();
            if (!in.lineIsEmpty()) throw new MalformedResponseException("missing CRLF after chunk data");
        }
        return takeScratch(total);
    }

    private long parseChunkSize() throws MalformedResponseException {
        byte[] b = in.bytes();
        long size = 0;
        int digits = 0;
        int i = in.lineStart;
        for (; i < in.lineEnd; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) break;
            if (++digits > 15) throw new MalformedResponseException("chunk size too large");
            size = size * 16 + d;
        }
        // Only chunk extensions (";...") or whitespace may follow the size.
        if (digits == 0 || (i < in.lineEnd && b[i] != ';' && b[i] != ' ' && b[i] != '\t')) {
            throw new MalformedResponseException("bad chunk size line " + in.quoteLine());
        }
        return size;
    }

    /** Everything until the server closes the connection (RFC 9112 §6.3 rules 4 and 8). */
    byte[] readUntilClose() throws IOException {
        int total = in.buffered();
        ensureScratch(Math.max(total, 8 * 1024));
        in.drainBuffered(scratch, 0, total);
        while (true) {
            if (total == scratch.length) {
                if (total >= MAX_BODY_BYTES) throw new MalformedResponseException("response body too large");
                ensureScratch((int) Math.min(MAX_BODY_BYTES, (long) total * 2));
            }
            int n = in.readDirect(scratch, total, scratch.length - total);
            if (n < 0) break;
            total += n;
        }
        return takeScratch(total);
    }

    private void ensureScratch(int needed) {
        if (scratch == null) scratch = new byte[Math.max(needed, 8 * 1024)];
        else if (scratch.length < needed) {
            scratch = Arrays.copyOf(scratch, (int) Math.min(MAX_BODY_BYTES, Math.max(needed, (long) scratch.length * 2)));
        }
    }

    private byte[] takeScratch(int total) {
        byte[] result = total == 0 ? EMPTY : Arrays.copyOf(scratch, total);
        if (scratch != null && scratch.length > SCRATCH_KEEP_BYTES) scratch = null;
        return result;
    }
}
