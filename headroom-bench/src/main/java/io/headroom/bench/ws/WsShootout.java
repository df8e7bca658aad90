package io.headroom.bench.ws;

import io.headroom.demo.DemoWebSocketServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The WebSocket client shoot-out behind docs/transport-choice.md, "WebSocket": the JDK's {@code java.net.http.WebSocket},
 * Jetty 12's WebSocket client and Netty's codec-http WebSocket client, each wrapped the same way for a blocking
 * caller (a queue filled by the library's callbacks, a virtual thread waiting on it). Measures the heap held per open
 * session at N sessions (used heap after a full GC, minus the same before the sessions) and echo round trips per
 * process CPU-second (C sessions on virtual threads, each sending and waiting for its echo, for S seconds) against
 * the demo's {@code /ws/echo} in the same JVM (its event loop's CPU counts too, alike for every candidate) or an
 * external URL. Run: {@code java -cp headroom-bench.jar io.headroom.bench.ws.WsShootout jdk|jetty|netty SESSIONS
 * CONCURRENCY SECONDS [ws://url]}, one candidate per JVM.
 */
public final class WsShootout {
    /** One open session as a blocking caller sees it. */
    interface Conn {
        void send(String text) throws Exception;

        String receive() throws Exception;

        void close();
    }

    interface Candidate extends AutoCloseable {
        Conn open(URI uri) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String which = args[0];
        int sessions = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        DemoWebSocketServer demo = args.length > 4 ? null : DemoWebSocketServer.start(0);
        URI uri = URI.create(args.length > 4 ? args[4] : demo.baseUrl() + "/ws/echo");
        try (Candidate c = switch (which) {
            case "jdk" -> new Jdk();
            case "jetty" -> new Jetty();
            case "netty" -> new Netty();
            default -> throw new IllegalArgumentException(which);
        }) {
            // warm-up
            Conn w = c.open(uri);
            for (int i = 0; i < 2000; i++) {
                w.send("warm");
                w.receive();
            }
            w.close();
            long before = usedAfterGc();
            List<Conn> open = new ArrayList<>();
            try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                List<java.util.concurrent.Future<Conn>> fs = new ArrayList<>();
                for (int i = 0; i < sessions; i++) fs.add(vt.submit(() -> c.open(uri)));
                for (var f : fs) open.add(f.get(60, TimeUnit.SECONDS));
            }
            long after = usedAfterGc();
            double perSessionKiB = (after - before) / 1024.0 / sessions;
            // echo round trips on C of the open sessions
            LongAdder trips = new LongAdder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            CountDownLatch done = new CountDownLatch(concurrency);
            for (int i = 0; i < concurrency; i++) {
                Conn conn = open.get(i % open.size());
                Thread.ofVirtual().start(() -> {
                    try {
                        while (System.nanoTime() < deadline) {
                            conn.send("{\"id\":1,\"text\":\"hello\"}");
                            conn.receive();
                            trips.increment();
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("%s sessions=%d heapPerSessionKiB=%.1f trips=%d trips/s=%.0f cpuS=%.2f trips/cpuS=%.0f%n",
                    which, sessions, perSessionKiB, trips.sum(), trips.sum() / wall, cpu, trips.sum() / cpu);
            for (Conn conn : open) conn.close();
        } finally {
            if (demo != null) demo.close();
        }
        System.exit(0);
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The JDK's client: one shared HttpClient (one selector thread), a listener filling a queue. */
    static final class Jdk implements Candidate {
        final HttpClient client = HttpClient.newHttpClient();

        public Conn open(URI uri) throws Exception {
            BlockingQueue<String> q = new ArrayBlockingQueue<>(64);
            WebSocket ws = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                final StringBuilder sb = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    sb.append(data);
                    if (last) {
                        q.offer(sb.toString());
                        sb.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            return new Conn() {
                public void send(String text) throws Exception {
                    ws.sendText(text, true).get();
                }

                public String receive() throws Exception {
                    return q.take();
                }

                public void close() {
                    ws.abort();
                }
            };
        }

        public void close() {
            client.close();
        }
    }

    /** Jetty 12's client: its own thread pool and selector, a listener filling a queue. */
    static final class Jetty implements Candidate {
        final WebSocketClient client = new WebSocketClient();

        Jetty() throws Exception {
            // Jetty's defaults (64 connections, 1,024 queued per destination) are for browsers, not for load.
            client.getHttpClient().setMaxConnectionsPerDestination(100_000);
            client.getHttpClient().setMaxRequestsQueuedPerDestination(100_000);
            client.start();
        }

        public Conn open(URI uri) throws Exception {
            BlockingQueue<String> q = new ArrayBlockingQueue<>(64);
            Session s = client.connect(new QueueListener(q), uri).get(30, TimeUnit.SECONDS);
            return new Conn() {
                public void send(String text) throws Exception {
                    Callback.Completable cb = new Callback.Completable();
                    s.sendText(text, cb);
                    cb.get();
                }

                public String receive() throws Exception {
                    return q.take();
                }

                public void close() {
                    s.disconnect();
                }
            };
        }

        public void close() throws Exception {
            client.stop();
        }
    }

    /** Public: Jetty finds the listener's methods by reflection. */
    public static final class QueueListener implements Session.Listener.AutoDemanding {
        private final BlockingQueue<String> q;

        public QueueListener(BlockingQueue<String> q) {
            this.q = q;
        }

        @Override
        public void onWebSocketText(String message) {
            q.offer(message);
        }
    }

    /** Netty's codec on one NIO event loop: a handler filling a queue. */
    static final class Netty implements Candidate {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

        public Conn open(URI uri) throws Exception {
            BlockingQueue<String> q = new ArrayBlockingQueue<>(64);
            CompletableFuture<Void> handshake = new CompletableFuture<>();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel c) {
                    c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                                    WebSocketVersion.V13, null, false, new DefaultHttpHeaders())),
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                        handshake.complete(null);
                                    }
                                }

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                    q.offer(f.text());
                                }
                            });
                }
            }).connect(uri.getHost(), uri.getPort()).sync().channel();
            handshake.get(30, TimeUnit.SECONDS);
            return new Conn() {
                public void send(String text) throws Exception {
                    ch.writeAndFlush(new TextWebSocketFrame(text)).sync();
                }

                public String receive() throws Exception {
                    return q.take();
                }

                public void close() {
                    ch.close();
                }
            };
        }

        public void close() {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
