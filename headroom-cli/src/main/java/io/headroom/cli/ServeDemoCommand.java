package io.headroom.cli;

import io.headroom.demo.DemoCertificate;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoGrpcServer;
import io.headroom.demo.DemoH2cFront;
import io.headroom.demo.DemoServer;
import io.headroom.demo.DemoWebSocketServer;
import io.headroom.demo.FaultSettings;
import io.headroom.demo.DemoTlsFront;
import io.headroom.demo.ServiceTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code headroom serve-demo}: runs the demo shop on loopback until interrupted. */
@Command(name = "serve-demo", description = "Run the demo shop service on 127.0.0.1 until Ctrl-C.",
        mixinStandardHelpOptions = true)
final class ServeDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).",
            defaultValue = "8080")
    int port;

    @Option(names = "--h2c-port", paramLabel = "PORT", description = "Also serve the shop over HTTP/2 without TLS "
            + "(h2c, prior knowledge) on this 127.0.0.1 port, for plans with httpVersion: \"2\" (0 picks a free one; "
            + "default: HTTP/1.1 only).")
    Integer h2cPort;

    @Option(names = "--ws-port", paramLabel = "PORT", description = "Also serve WebSocket endpoints on this 127.0.0.1 port "
            + "(0 picks a free one; default: none): /ws/echo (echo), /ws/orders (send {\"watch\": ID}, get its status pushes), "
            + "/ws/chat (broadcast), for examples/08-websocket.yaml.")
    Integer wsPort;

    @Option(names = {"--tls-port", "--tls"}, paramLabel = "PORT", description = "Also serve the shop over TLS on this"
            + " 127.0.0.1 port, h2 or HTTP/1.1 as the client picks by ALPN, with a self-signed certificate made at"
            + " start (plans trust it with http: {insecureSkipTlsVerify: true}; 0 picks a free one).")
    Integer tlsPort;

    @Option(names = "--tls-cert-out", paramLabel = "FILE", description = "With --tls-port: write the certificate"
            + " (PEM) here, for curl --cacert FILE or a trust store.")
    Path tlsCertOut;

    @Option(names = "--grpc-port", paramLabel = "PORT", description = "Also serve the gRPC inventory service (GetStock,"
            + " WatchStock, ReserveStock, CheckStock; server reflection on; plaintext) on this 127.0.0.1 port, for"
            + " examples/09-grpc.yaml (0 picks a free one; default: no gRPC).")
    Integer grpcPort;

    @Option(names = "--workers", description = "Worker pool size: bounds concurrency and so capacity (default ${DEFAULT-VALUE}).",
            defaultValue = "" + DemoConfig.DEFAULT_WORKER_THREADS)
    int workers;

    @Option(names = "--error-rate", description = "Fraction of shop requests answered 500, 0..1 (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double errorRate;

    @Option(names = "--added-latency-ms", description = "Extra milliseconds every shop request takes (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long addedLatencyMillis;

    @Option(names = "--spike-rate", description = "Fraction of shop requests that get a latency spike, 0..1 (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double spikeRate;

    @Option(names = "--spike-ms", description = "Length of a latency spike in milliseconds (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long spikeMillis;

    @Option(names = "--stall-every-ms", description = "Stall mode: cycle length C in ms (with --stall-pause-ms P < C).",
            defaultValue = "0")
    long stallEveryMillis;

    @Option(names = "--stall-pause-ms", description = "Stall mode: the last P ms of every cycle the shop answers nothing.",
            defaultValue = "0")
    long stallPauseMillis;

    @Option(names = "--leak-kb-per-request", paramLabel = "KB",
            description = "Memory leak: every shop request retains this many KiB (capped at a quarter of the heap;"
                    + " default ${DEFAULT-VALUE}).", defaultValue = "0")
    long leakKbPerRequest;

    @Option(names = "--service-ms", paramLabel = "MS",
            description = "A fixed service time in ms for every shop endpoint, replacing the defaults"
                    + " (e.g. 1 for a fast, knowable target in benchmarks; default: the per-endpoint defaults).")
    Double serviceMillis;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        FaultSettings faults;
        try {
            faults = new FaultSettings(errorRate, spikeRate, spikeMillis, addedLatencyMillis, stallEveryMillis,
                    stallPauseMillis, leakKbPerRequest);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (workers < 1) throw new UsageException("--workers must be at least 1, got " + workers);
        // Checked here: the JDK's "port out of range" would surface as an unexpected failure with a stack trace.
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be a TCP port 0..65535 (0 picks a free one), got " + port);
        }
        if (h2cPort != null && (h2cPort < 0 || h2cPort > 65535)) {
            throw new UsageException("--h2c-port must be a TCP port 0..65535 (0 picks a free one), got " + h2cPort);
        }
        if (wsPort != null && (wsPort < 0 || wsPort > 65535)) {
            throw new UsageException("--ws-port must be a TCP port 0..65535 (0 picks a free one), got " + wsPort);
        }
        if (tlsPort != null && (tlsPort < 0 || tlsPort > 65535)) {
            throw new UsageException("--tls-port must be a TCP port 0..65535 (0 picks a free one), got " + tlsPort);
        }
        if (tlsCertOut != null && tlsPort == null) throw new UsageException("--tls-cert-out needs --tls-port");
        if (grpcPort != null && (grpcPort < 0 || grpcPort > 65535)) {
            throw new UsageException("--grpc-port must be a TCP port 0..65535 (0 picks a free one), got " + grpcPort);
        }
        DemoConfig config = DemoConfig.defaults().withPort(port).withWorkerThreads(workers).withFaults(faults);
        if (serviceMillis != null) {
            try {
                config = config.withAllServiceTimes(ServiceTime.fixedMillis(serviceMillis));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--service-ms: " + e.getMessage());
            }
        }
        DemoServer server;
        try {
            server = DemoServer.start(config);
        } catch (IOException e) {
            throw new UsageException("cannot start the demo shop on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        DemoH2cFront h2c = null;
        if (h2cPort != null) {
            try {
                h2c = DemoH2cFront.start(h2cPort, server.baseUrl());
            } catch (RuntimeException e) {
                server.close();
                throw new UsageException("cannot serve h2c on 127.0.0.1:" + h2cPort + ": " + e.getMessage());
            }
        }
        DemoTlsFront tls = null;
        if (tlsPort != null) {
            try {
                DemoCertificate certificate = DemoCertificate.generate();
                if (tlsCertOut != null) Files.writeString(tlsCertOut, certificate.certificatePem());
                tls = DemoTlsFront.start(tlsPort, server.baseUrl(), certificate);
            } catch (IOException | RuntimeException e) {
                if (h2c != null) h2c.close();
                server.close();
                throw new UsageException("cannot serve TLS on 127.0.0.1:" + tlsPort + ": " + e.getMessage());
            }
        }
        DemoH2cFront front = h2c;
        DemoWebSocketServer ws = null;
        if (wsPort != null) {
            try {
                ws = DemoWebSocketServer.start(wsPort);
            } catch (RuntimeException e) {
                if (front != null) front.close();
                if (tls != null) tls.close();
                server.close();
                throw new UsageException("cannot serve WebSocket on 127.0.0.1:" + wsPort + ": " + e.getMessage());
            }
        }
        DemoWebSocketServer wsServer = ws;
        DemoTlsFront tlsFront = tls;
        DemoGrpcServer grpc = null;
        if (grpcPort != null) {
            try {
                grpc = DemoGrpcServer.start(grpcPort, true);
            } catch (IOException | RuntimeException e) {
                if (front != null) front.close();
                if (tlsFront != null) tlsFront.close();
                if (wsServer != null) wsServer.close();
                server.close();
                throw new UsageException("cannot serve gRPC on 127.0.0.1:" + grpcPort + ": " + e.getMessage());
            }
        }
        DemoGrpcServer inventory = grpc;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (inventory != null) inventory.close();
            if (wsServer != null) wsServer.close();
            if (tlsFront != null) tlsFront.close();
            if (front != null) front.close();
            server.close();
            stopped.countDown();
        }, "headroom-demo-shutdown"));
        out.println(DemoServer.describe(config));
        out.println("Demo shop listening on " + server.baseUrl() + "  (pid " + ProcessHandle.current().pid()
                + "; Ctrl-C to stop)");
        if (front != null) {
            out.println("HTTP/2 (h2c, prior knowledge) on " + front.baseUrl() + ": run plans with http: {httpVersion: \"2\"},"
                    + " e.g. BASE_URL=" + front.baseUrl() + " headroom run examples/07-http2.yaml");
        }
        if (wsServer != null) {
            out.println("WebSocket on " + wsServer.baseUrl() + "/ws/echo, /ws/orders, /ws/chat: e.g. WS_URL=" + wsServer.baseUrl()
                    + " headroom run examples/08-websocket.yaml");
        }
        if (tlsFront != null) {
            out.println("HTTPS (h2 or HTTP/1.1 by ALPN, self-signed certificate) on " + tlsFront.baseUrl()
                    + ": trust it with http: {insecureSkipTlsVerify: true}, e.g. headroom run examples/07-http2.yaml"
                    + " -e BASE_URL=" + tlsFront.baseUrl() + " -e INSECURE_TLS=true"
                    + (tlsCertOut != null ? "; curl --cacert " + tlsCertOut + " " + tlsFront.baseUrl() + "/health" : ""));
        }
        if (inventory != null) {
            out.println("gRPC (plaintext, reflection on) on " + inventory.target() + ": " + DemoGrpcServer.describe()
                    + "; e.g. GRPC_TARGET=" + inventory.target() + " headroom run examples/09-grpc.yaml");
        }
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }
}
