/**
 * HTTP/1.1 over blocking sockets for virtual users: {@link io.headroom.http.socket.SocketHttpTransport} and the
 * per-VU session ({@link io.headroom.http.socket.SocketHttpSession}: redirects, versions, batches), its HTTP/1.1 hops
 * ({@link io.headroom.http.socket.Http1Exchanges}: connections, request encoder, response decoder) and HTTP/2 beside
 * them. This is the hot path of every HTTP load test.
 *
 * <p><b>Allocation.</b> Each session owns one read buffer and one write buffer (8 KB and 4 KB by default,
 * allocated on its first request, grown only for unusually large heads) and reuses them for every request on every
 * connection; the request head is encoded from the request's Strings straight into the write buffer, and small
 * bodies travel in the same write. Response lines are parsed in place in the read buffer; a Content-Length body
 * is read straight from the socket into its final array. Body bytes past the body limit are read into the read
 * buffer and dropped there, so discarding allocates nothing and an endless body holds no more than the limit;
 * the header section is bounded in bytes and fields, so the read buffer grows to the header limit at most.
 * What remains per request is what the
 * {@link io.headroom.http.HttpResponse} contract holds — header Strings (common names are shared constants), the
 * header list, the body array, the timings — plus the response record itself. Connection setup (DNS, sockets,
 * TLS) allocates freely because keep-alive makes it rare. Failures are exceptions without stack traces, turned
 * into data before {@code send} returns.
 *
 * <p><b>Threading.</b> A transport is thread-safe and shared by all VUs; it holds only immutable settings, the TLS
 * socket factories and a lazily started watchdog for large request bodies. A session, its connections, buffers
 * and cookie jar belong to one VU and are used by one thread at a time, so they take no locks; sessions share no
 * mutable state. Calls block: a read or write parks the VU's virtual thread (not its carrier), SO_TIMEOUT
 * recomputed from the request deadline bounds every read, and interrupting the VU's thread ends the exchange
 * with an error and leaves the interrupt flag set.
 *
 * <p><b>HTTP/2.</b> The same sessions speak HTTP/2 when ALPN chooses h2 on https (httpVersion auto or "2") or the
 * request insists on h2c with prior knowledge: {@link io.headroom.http.socket.Http2Connection} runs Netty's HTTP/2
 * codec in an {@code EmbeddedChannel} on the VU's own thread over the same blocking socket (no event loop, no
 * thread hand-over), {@link io.headroom.http.socket.Http2Exchanges} runs a VU's streams within the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS (one stream on a new connection until the server's SETTINGS arrive), and {@link io.headroom.http.socket.Http2Hops} turns requests into streams and
 * streams into responses with the HTTP/1.1 limits. Per HTTP/2 request it allocates more than HTTP/1.1 does (the
 * codec's frame objects, header maps and pooled buffers); docs/transport-choice.md, "HTTP/2", has why it was chosen.
 */
package io.headroom.http.socket;
