/**
 * A lean Netty HTTP/1.1 client behind {@link io.headroom.http.HttpTransport}, kept only as the measured
 * alternative to the socket transport (docs/transport-choice.md); not registered as a service.
 *
 * <p><b>Allocation.</b> Per request: a {@code DefaultFullHttpRequest} with its headers, the write task Netty
 * queues when a write comes from outside the event loop, the decoder's {@code HttpObject}s, the header Strings and
 * list, the body array and the response record (about 2.7 KB per GET in {@code TransportSendBenchmark}, against
 * 0.57 KB for the socket transport). The hand-over itself allocates nothing: each channel's
 * {@code ResponseHandoffHandler} is reused for every exchange instead of a future per request.
 *
 * <p><b>Threading.</b> The transport and its event loop group are shared by all VUs. A session and its channel
 * belong to one VU; the VU's thread writes (Netty hands the write to the channel's event loop) and parks; the
 * event loop gathers the response into the handler's fields, publishes them with a volatile flag and unparks the
 * VU. No locks; sessions share nothing mutable.
 */
package io.headroom.bench.netty;
