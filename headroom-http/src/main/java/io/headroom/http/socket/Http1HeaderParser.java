package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Parses a response's header section (RFC 9112 §4–5) from an {@link Http1ReadBuffer}: the status line, then header
 * fields into {@link #headers} (common names are shared constants), noting what frames the body — Content-Length,
 * Transfer-Encoding, Connection and Content-Encoding. Also reads a chunked body's trailer section. Each section is
 * bounded in bytes and field lines, so an endless or bloated one fails the request instead of growing memory. The
 * only allocations are the header Strings and {@link HttpHeader}s. Owned by one session; not thread-safe.
 */
final class Http1HeaderParser {
    private final Http1ReadBuffer in;
    final ArrayList<HttpHeader> headers = new ArrayList<>();

    int status;
    int minorVersion;
    /** -1 when absent. */
    long contentLength;
    boolean chunked;
    /** A transfer coding other than chunked or identity ends the body with the connection (RFC 9112 §6.3). */
    boolean otherTransferCoding;
    boolean connectionClose;
    boolean connectionKeepAlive;
    /** Null for none or identity. */
    String contentEncoding;

    /** Bytes of the header (or trailer) section this response may still use, CRLFs included. */
    private int bytesLeft;
    /** Field lines this section may still have. */
    private int fieldsLeft;
    private int maxBytes;
    private int maxFields;

    Http1HeaderParser(Http1ReadBuffer in) {
        this.in = in;
    }

    /**
     * Reads the status line and the header fields up to the empty line, in at most {@code maxSectionBytes} bytes
     * (status line, fields and the empty line, CRLFs included) and {@code maxFieldLines} field lines (an obs-fold
     * continuation counts as one); past either it throws an {@link ExchangeFailure} with
     * {@link HttpErrorCode#RESPONSE_HEADER_TOO_LARGE} or {@link HttpErrorCode#RESPONSE_TOO_MANY_HEADERS}.
     */
    void readHead(int maxSectionBytes, int maxFieldLines) throws IOException {
        maxBytes = maxSectionBytes;
        maxFields = maxFieldLines;
        bytesLeft = maxSectionBytes;
        fieldsLeft = maxFieldLines;
        readStatusLine();
        readHeaderFields();
    }

    /** The next line of the section within what is left of its budget. */
    private void readSectionLine(String section) throws IOException {
        if (!in.readLineWithin(bytesLeft)) {
            throw new ExchangeFailure(new HttpError(HttpErrorCode.RESPONSE_HEADER_TOO_LARGE,
                    "response " + section + " section larger than " + maxBytes + " bytes"), false);
        }
        bytesLeft -= lineBytes();
    }

    /** The bytes the line just read took with its line ending (CRLF or a bare LF). */
    private int lineBytes() {
        int withEnding = in.lineEnd - in.lineStart + 1;
        byte[] b = in.bytes();
        return in.lineEnd < b.length && b[in.lineEnd] == '\r' ? withEnding + 1 : withEnding;
    }

    private void countField(String section) throws ExchangeFailure {
        if (--fieldsLeft < 0) {
            throw new ExchangeFailure(new HttpError(HttpErrorCode.RESPONSE_TOO_MANY_HEADERS,
                    "response " + section + " section has more than " + maxFields + " fields"), false);
        }
    }

    private void readStatusLine() throws IOException {
        readSectionLine("header");
        byte[] b = in.bytes();
        int s = in.lineStart;
        int len = in.lineEnd - in.lineStart;
        // "HTTP/1.x SP 3DIGIT [SP reason-phrase]"
        if (len < 12 || b[s] != 'H' || b[s + 1] != 'T' || b[s + 2] != 'T' || b[s + 3] != 'P'
                || b[s + 4] != '/' || b[s + 5] != '1' || b[s + 6] != '.' || !isDigit(b[s + 7])
                || b[s + 8] != ' ' || !isDigit(b[s + 9]) || !isDigit(b[s + 10])
                || !isDigit(b[s + 11]) || (len > 12 && b[s + 12] != ' ')) {
            throw new MalformedResponseException("bad status line " + in.quoteLine());
        }
        minorVersion = b[s + 7] - '0';
        status = (b[s + 9] - '0') * 100 + (b[s + 10] - '0') * 10 + (b[s + 11] - '0');
        if (status < 100) throw new MalformedResponseException("bad status code " + status);
    }

    private void readHeaderFields() throws IOException {
        headers.clear();
        contentLength = -1;
        chunked = false;
        otherTransferCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        contentEncoding = null;
        while (true) {
            readSectionLine("header");
            if (in.lineIsEmpty()) return;
            countField("header");
            addHeaderLine(true);
        }
    }

    /**
     * The trailer section after a chunked body (RFC 9112 §7.1.2): kept as headers after the header section, with a
     * budget of its own as large as the header section's.
     */
    void readTrailers() throws IOException {
        bytesLeft = maxBytes;
        fieldsLeft = maxFields;
        while (true) {
            readSectionLine("trailer");
            if (in.lineIsEmpty()) return;
            countField("trailer");
            addHeaderLine(false);
        }
    }

    private void addHeaderLine(boolean interpret) throws IOException {
        byte[] b = in.bytes();
        int lineStart = in.lineStart;
        int lineEnd = in.lineEnd;
        byte first = b[lineStart];
        if (first == ' ' || first == '\t') {
            // obs-fold (RFC 9112 §5.2): a user agent replaces it with a space and joins the lines.
            if (headers.isEmpty()) throw new MalformedResponseException("continuation line before any header");
            HttpHeader previous = headers.remove(headers.size() - 1);
            String joined = previous.value() + " " + in.text(in.trimStart(lineStart, lineEnd), in.trimEnd(lineStart, lineEnd));
            headers.add(new HttpHeader(previous.name(), joined));
            return;
        }
        int colon = -1;
        for (int i = lineStart; i < lineEnd; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        // RFC 9112 §5.1: no whitespace between the field name and the colon.
        if (colon <= lineStart || b[colon - 1] == ' ' || b[colon - 1] == '\t') {
            throw new MalformedResponseException("bad header line " + in.quoteLine());
        }
        String name = CommonHeaderNames.lookup(b, lineStart, colon - lineStart);
        boolean known = name != null;
        if (!known) name = new String(b, lineStart, colon - lineStart, StandardCharsets.ISO_8859_1);
        int valueStart = in.trimStart(colon + 1, lineEnd);
        int valueEnd = in.trimEnd(valueStart, lineEnd);
        String value = in.text(valueStart, valueEnd);
        headers.add(new HttpHeader(name, value));
        if (interpret && known) interpret(name, value);
    }

    private void interpret(String name, String value) throws MalformedResponseException {
        switch (name) {
            case CommonHeaderNames.CONTENT_LENGTH -> {
                long parsed = parseContentLength(value);
                if (contentLength >= 0 && contentLength != parsed) {
                    throw new MalformedResponseException("conflicting Content-Length headers");
                }
                contentLength = parsed;
            }
            case CommonHeaderNames.TRANSFER_ENCODING -> {
                int comma = value.lastIndexOf(',');
                String last = (comma < 0 ? value : value.substring(comma + 1)).strip();
                if (last.equalsIgnoreCase("chunked")) chunked = true;
                else if (!last.equalsIgnoreCase("identity")) otherTransferCoding = true;
            }
            case CommonHeaderNames.CONNECTION -> {
                if (hasToken(value, "close")) connectionClose = true;
                if (hasToken(value, "keep-alive")) connectionKeepAlive = true;
            }
            case CommonHeaderNames.CONTENT_ENCODING -> {
                String coding = value.strip();
                if (!coding.isEmpty() && !coding.equalsIgnoreCase("identity")) contentEncoding = coding;
            }
            default -> { /* no framing meaning */ }
        }
    }

    /** Whether a comma-separated list holds {@code token} (case-insensitive), without splitting it. */
    static boolean hasToken(String list, String token) {
        int from = 0;
        int n = list.length();
        while (from < n) {
            int comma = list.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int s = from;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) s++;
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) e--;
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, token.length())) return true;
            from = end + 1;
        }
        return false;
    }

    private static long parseContentLength(String value) throws MalformedResponseException {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 18) throw new MalformedResponseException("bad Content-Length \"" + v + "\"");
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new MalformedResponseException("bad Content-Length \"" + v + "\"");
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
