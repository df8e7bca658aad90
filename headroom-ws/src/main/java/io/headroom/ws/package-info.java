/**
 * The WebSocket client of virtual users: {@link io.headroom.ws.WsClient} opens sessions over Netty's WebSocket codec
 * (RFC 6455 framing, masking, the upgrade, the close handshake), {@link io.headroom.ws.WsConnection} is one session,
 * {@link io.headroom.ws.WsEvent} what it received, {@link io.headroom.ws.WsErrorCode} why it failed (1900–1999) and
 * {@link io.headroom.ws.WsLimits} what bounds it. Knows nothing of metrics: headroom-script's {@code Ws} records them.
 *
 * <p>Threading: one shared NIO event loop (a thread per two cores) decodes every session's frames and queues them as
 * events; a VU's virtual thread sends (a write handed to the event loop; it waits only when the socket's buffer is
 * full) and takes events with a blocking poll. The per-session queue is the only state the two share; nothing is
 * shared between sessions.
 *
 * <p>Allocation: per received message, the decoded frame (pooled buffers, released at once), its text and one event
 * record; per sent message, the frame. About 6 KiB of heap per open session (docs/transport-choice.md, "WebSocket").
 */
package io.headroom.ws;
