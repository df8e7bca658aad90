/**
 * The demo shop service: a small JSON-over-HTTP/1.1 shop on loopback whose capacity, latency distribution
 * and faults are known in advance, so that {@code headroom demo} has something honest to load-test and the
 * integration tests can check Headroom's numbers against the truth. Start it with
 * {@link io.headroom.demo.DemoServer#start(io.headroom.demo.DemoConfig)}.
 *
 * <p>Dependencies: JDK only ({@code com.sun.net.httpserver} and a hand-written JSON writer/reader for the
 * tiny flat payloads), so that starting the demo pulls in nothing and no JSON library's behaviour becomes
 * part of what the integration tests measure.
 *
 * <p>Threading: the HTTP server hands every exchange to its own virtual thread, which answers
 * {@code /health} and {@code /admin/*} itself and queues shop requests (FIFO) for a fixed pool of platform
 * worker threads; a worker holds its request while it "works" (sleeps for a drawn service time). Fault switches are one immutable {@link io.headroom.demo.FaultSettings}
 * swapped atomically; statistics are {@code LongAdder}s and atomics. Nothing here is on Headroom's own hot
 * path.
 */
package io.headroom.demo;
