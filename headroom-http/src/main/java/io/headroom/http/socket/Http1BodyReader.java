package io.headroom.http.socket;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a response body (RFC 9112 §6–7) from an {@link Http1ReadBuffer} by its framing: a fixed Content-Length
 * (read straight from the socket into the body array, no second copy), the chunked transfer coding, or until the
 * connection closes. Keeps at most {@code keepBytes} of it: the rest is still read, so the framing holds, the
 * connection stays reusable and every byte is counted, but it is dropped through the read buffer as it streams,
 * so an endless body costs no memory beyond the kept prefix ({@link #truncated} then says so). Chunked and
 * close-delimited bodies are gathered in a scratch array kept between responses unless it grew large. Allocates
 * the body array per response, nothing else in steady state. Owned by one session; not thread-safe.
 */
final class Http1BodyReader {
    static final byte[] EMPTY = new byte[0];
    /** A chunked or close-delimited body is gathered here; kept between responses unless it grew large. */
    private static final int SCRATCH_KEEP_BYTES = 256 * 1024;

    private final Http1ReadBuffer in;
    private byte[] scratch;
    /** Whether the body read last was longer than what was kept. */
    boolean truncated;

    Http1BodyReader(Http1ReadBuffer in) {
        this.in = in;
    }

    /** A body of exactly {@code length} bytes, of which the first {@code keepBytes} are returned. */
    byte[] readFixed(long length, int keepBytes) throws IOException {
        truncated = length > keepBytes;
        if (length == 0) return EMPTY;
        int keep = (int) Math.min(length, keepBytes);
        byte[] result = keep == 0 ? EMPTY : new byte[keep];
        int have = in.drainBuffered(result, 0, result.length);
        // The rest goes straight from the socket into the body: no second copy through the read buffer.
        while (have < result.length) {
            int n = in.readDirect(result, have, result.length - have);
            if (n < 0) throw new UnexpectedEofException(false);
            have += n;
        }
        if (length > keep) in.skip(length - keep);
        return result;
    }

    /**
     * The data of a chunked body up to its last (zero-size) chunk, of which the first {@code keepBytes} are returned;
     * the trailer section is left unread.
     */
    byte[] readChunked(int keepBytes) throws IOException {
        truncated = false;
        int total = 0;
        while (true) {
            in.readLine();
            long size = parseChunkSize();
            if (size == 0) break;
            int chunk = (int) Math.min(size, keepBytes - total);
            if (chunk > 0) {
                ensureScratch(total + chunk, keepBytes);
                int fromBuffer = in.drainBuffered(scratch, total, chunk);
                total += fromBuffer;
                int remaining = chunk - fromBuffer;
                while (remaining > 0) {
                    int n = in.readDirect(scratch, total, remaining);
                    if (n < 0) throw new UnexpectedEofException(false);
                    total += n;
                    remaining -= n;
                }
            }
            if (size > chunk) {
                truncated = true;
                in.skip(size - chunk);
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

    /**
     * Everything until the server closes the connection (RFC 9112 §6.3 rules 4 and 8), of which the first
     * {@code keepBytes} are returned.
     */
    byte[] readUntilClose(int keepBytes) throws IOException {
        truncated = false;
        int total = Math.min(in.buffered(), keepBytes);
        if (total > 0) {
            ensureScratch(Math.max(total, 8 * 1024), keepBytes);
            in.drainBuffered(scratch, 0, total);
        }
        while (total < keepBytes) {
            if (scratch == null || total == scratch.length) ensureScratch(total + 1, keepBytes);
            int n = in.readDirect(scratch, total, scratch.length - total);
            if (n < 0) return takeScratch(total);
            total += n;
        }
        // At the limit: the rest is dropped, and the body was truncated only if there was a rest.
        long counted = in.responseBytes;
        boolean more = in.buffered() > 0;
        in.skipUntilClose();
        truncated = more || in.responseBytes > counted;
        return takeScratch(total);
    }

    /** Grows the scratch array to hold {@code needed} bytes, doubling, but never past {@code cap}. */
    private void ensureScratch(int needed, int cap) {
        if (scratch == null) {
            scratch = new byte[Math.min(Math.max(needed, 8 * 1024), Math.max(needed, cap))];
        } else if (scratch.length < needed) {
            scratch = Arrays.copyOf(scratch, (int) Math.min(cap, Math.max(needed, (long) scratch.length * 2)));
        }
    }

    /** The scratch array's size now: what a body in progress holds at most (0 when none is kept). */
    int scratchBytes() {
        return scratch == null ? 0 : scratch.length;
    }

    private byte[] takeScratch(int total) {
        byte[] result = total == 0 ? EMPTY : Arrays.copyOf(scratch, total);
        if (scratch != null && scratch.length > SCRATCH_KEEP_BYTES) scratch = null;
        return result;
    }
}
