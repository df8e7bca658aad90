package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo shop in its own JVM, as a real target would be: its threads do not share this JVM's cores
 * and virtual-thread carriers with the generator under test, so a burst of answers at a pause's end does
 * not delay the generator's schedule. Started and stopped by the test that owns it.
 */
final class StallingShopProcess implements AutoCloseable {
    private final Process process;
    private final URI baseUrl;
    private final long startNanos;

    private StallingShopProcess(Process process, URI baseUrl, long startNanos) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.startNanos = startNanos;
    }

    /** Starts a shop with {@code workers} workers, every service time fixed at {@code serviceMillis}, and the stall (0, 0: none). */
    static StallingShopProcess start(int workers, double serviceMillis, long cycleMillis, long pauseMillis) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), StallingShopProcess.class.getName(),
                Integer.toString(workers), Double.toString(serviceMillis), Long.toString(cycleMillis), Long.toString(pauseMillis));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        String[] parts = line == null ? new String[0] : line.strip().split(" ");
        if (parts.length != 2 || !parts[0].startsWith("http://")) {
            process.destroyForcibly();
            throw new IOException("the shop process did not start: " + line);
        }
        return new StallingShopProcess(process, URI.create(parts[0]), Long.parseLong(parts[1]));
    }

    URI baseUrl() {
        return baseUrl;
    }

    /**
     * The shop's {@link DemoServer#startNanos()}: time zero of its stall schedule. {@link System#nanoTime()} reads
     * the machine's monotonic clock (CLOCK_MONOTONIC on Linux), so it compares with this JVM's.
     */
    long startNanos() {
        return startNanos;
    }

    /** Turns stall mode on through the shop's {@code POST /admin/faults}; the pauses count from the shop's start. */
    void stall(long cycleMillis, long pauseMillis) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/admin/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stallEveryMillis\": " + cycleMillis
                        + ", \"stallPauseMillis\": " + pauseMillis + "}"))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException("the shop refused the stall: " + response.body());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    /** The child: starts the shop on a free loopback port, prints its URL, and serves until killed. */
    public static void main(String[] args) throws Exception {
        DemoConfig config = DemoConfig.defaults().withWorkerThreads(Integer.parseInt(args[0]))
                .withAllServiceTimes(io.headroom.demo.ServiceTime.fixedMillis(Double.parseDouble(args[1])))
                .withFaults(io.headroom.demo.FaultSettings.NONE.withStall(Long.parseLong(args[2]), Long.parseLong(args[3])));
        // the shop must answer the test's HTTP on loopback only, which DemoServer enforces by default
        DemoServer server = DemoServer.start(config);
        System.out.println(server.baseUrl() + " " + server.startNanos());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
