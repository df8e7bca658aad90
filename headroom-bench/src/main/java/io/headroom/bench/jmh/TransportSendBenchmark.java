package io.headroom.bench.jmh;

import io.headroom.bench.bare.BareSocketTransport;
import io.headroom.bench.netty.NettyHttpTransport;
import io.headroom.http.HttpRequest;
import io.headroom.http.HttpResponse;
import io.headroom.http.HttpSession;
import io.headroom.http.HttpSessionOptions;
import io.headroom.http.HttpTransport;
import io.headroom.http.socket.SocketHttpTransport;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One keep-alive GET round trip per operation through a transport's session against an in-process loopback server
 * that allocates nothing per request, so that {@code -prof gc}'s {@code gc.alloc.rate.norm} is the client's
 * allocation per request (encode, decode, response objects; for Netty also its event loop's share). The JMH thread
 * is a platform thread, not a virtual one: time per op includes two loopback wake-ups and is a rough figure;
 * the allocation figure is the point. Run: {@code java -cp headroom-bench.jar org.openjdk.jmh.Main
 * TransportSendBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class TransportSendBenchmark {
    @Param({"socket", "netty", "bare"})
    public String transport;

    private CannedHttpServer server;
    private HttpTransport httpTransport;
    private HttpSession session;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = new CannedHttpServer();
        httpTransport = switch (transport) {
            case "socket" -> new SocketHttpTransport();
            case "netty" -> new NettyHttpTransport();
            case "bare" -> new BareSocketTransport();
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        };
        session = httpTransport.newSession(new HttpSessionOptions(java.time.Duration.ofSeconds(5), 0, false,
                List.of(), true, "headroom-bench"));
        request = HttpRequest.get(server.url().toString());
        HttpResponse first = session.send(request);
        if (first.failed() || first.status() != 200) {
            throw new IllegalStateException("canned server did not answer 200: " + first.error());
        }
    }

    @Benchmark
    public HttpResponse get() {
        return session.send(request);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        session.close();
        httpTransport.close();
        server.close();
    }
}
