package io.headroom.bench.h2;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP/2 shoot-out (docs/transport-choice.md, "HTTP/2"): {@code connections} virtual threads (VUs), each with
 * its own connection, sending batches of {@code streams} concurrent GETs over h2c with prior knowledge and blocking
 * until all ended (k6's http.batch, as a Headroom VU would), against one loopback URL until a duration or a request budget runs out. Prints one {@code RESULT} line with the
 * requests, errors and the JVM's CPU seconds (the caller also measures the whole process with /usr/bin/time).
 */
public final class H2Shootout {
    /** One way of sending a GET over a shared HTTP/2 connection and blocking until its response ended. */
    interface Client extends AutoCloseable {
        /** Opens the connections; {@code connection} picks one by index in each {@link #get} call. */
        void open(URI url, int connections) throws Exception;

        /** Starts GET {@code url} on connection {@code connection}; completes true on a 200 with its whole body. */
        java.util.concurrent.CompletableFuture<Boolean> start(int connection) throws Exception;

        /** Sends {@code n} GETs at once on {@code connection} and waits for all (k6's http.batch); the 200s. */
        default int batch(int connection, int n) throws Exception {
            @SuppressWarnings("unchecked")
            java.util.concurrent.CompletableFuture<Boolean>[] all = new java.util.concurrent.CompletableFuture[n];
            for (int i = 0; i < n; i++) all[i] = start(connection);
            int ok = 0;
            for (var f : all) {
                if (f.get(10, TimeUnit.SECONDS)) ok++;
            }
            return ok;
        }

        @Override
        void close() throws Exception;
    }

    private H2Shootout() {}

    public static void main(String[] args) throws Exception {
        String clientName = "netty";
        URI url = null;
        int connections = 10;
        int streams = 10;
        long durationSeconds = 10;
        long maxRequests = 20_000_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--client" -> clientName = value;
                case "--url" -> url = URI.create(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--streams" -> streams = Integer.parseInt(value);
                case "--duration-seconds" -> durationSeconds = Long.parseLong(value);
                case "--max-requests" -> maxRequests = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        if (url == null) {
            System.err.println("usage: H2Shootout --client netty|jetty --url http://127.0.0.1:PORT/ [--connections 10]"
                    + " [--streams 10] [--duration-seconds 10] [--max-requests N]");
            System.exit(2);
        }
        Client client = switch (clientName) {
            case "netty" -> new NettyH2Client();
            case "jetty" -> new JettyH2Client();
            case "headroom" -> new HeadroomH2Client();
            default -> throw new IllegalArgumentException("unknown client " + clientName);
        };
        client.open(url, connections);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        long budget = maxRequests;
        int vus = connections; // one VU per connection, each sending batches of `streams` concurrent requests
        CountDownLatch done = new CountDownLatch(vus);
        List<Thread> threads = new ArrayList<>(vus);
        long startNanos = System.nanoTime();
        for (int v = 0; v < vus; v++) {
            int connection = v;
            int batchSize = streams;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    long mine = 0;
                    long mineErrors = 0;
                    while (System.nanoTime() - endNanos < 0 && requests.get() < budget) {
                        int ok;
                        try {
                            ok = client.batch(connection, batchSize);
                        } catch (Exception e) {
                            ok = 0;
                        }
                        mine += batchSize;
                        mineErrors += batchSize - ok;
                        if (mine >= 640) {
                            requests.addAndGet(mine);
                            errors.addAndGet(mineErrors);
                            mine = 0;
                            mineErrors = 0;
                        }
                    }
                    requests.addAndGet(mine);
                    errors.addAndGet(mineErrors);
                } finally {
                    done.countDown();
                }
            }));
        }
        // Steady state: the JVM's CPU per request after the first third of the run (start-up and JIT left out).
        Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds) / 3);
        long markRequests = requests.get();
        long markCpu = processCpuNanos();
        done.await(durationSeconds + 30, TimeUnit.SECONDS);
        long steadyRequests = requests.get() - markRequests;
        double steadyCpu = (processCpuNanos() - markCpu) / 1e9;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        client.close();
        double cpuSeconds = processCpuNanos() / 1e9;
        System.out.printf(Locale.ROOT, "RESULT client=%s requests=%d errors=%d seconds=%.2f req_per_s=%.0f jvm_cpu_s=%.2f"
                        + " req_per_jvm_cpu_s=%.0f steady_req_per_jvm_cpu_s=%.0f%n", clientName, requests.get(),
                errors.get(), seconds, requests.get() / seconds, cpuSeconds, requests.get() / cpuSeconds,
                steadyRequests / steadyCpu);
        System.exit(errors.get() == requests.get() ? 1 : 0);
    }

    private static long processCpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }
}
