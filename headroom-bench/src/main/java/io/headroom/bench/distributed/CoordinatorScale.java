package io.headroom.bench.distributed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.engine.ScenarioRun;
import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.result.RunResult;
import io.headroom.distributed.Coordinator;
import io.headroom.distributed.Messages;
import io.headroom.distributed.SnapshotCodec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Issue 15's "100 agents simulated": one real {@link Coordinator} (this JVM, {@code coordinator} mode) fed by N fake
 * agents (another JVM, {@code agents} mode) over real loopback HTTP, each fake agent on its own connection, replaying
 * the control-channel bodies one real agent sent ({@link SnapshotRecorder}): registration, the start barrier,
 * heartbeats every 500 ms, one snapshot a second (all agents on the same instant, as real agents are), done.
 * bench/distributed.sh runs both, each pinned to its own CPU, and reads the {@code key=value} lines they print.
 *
 * <pre>
 * CoordinatorScale coordinator AGENTS PORT SCENARIO SECONDS   prints agents, outcome, iterations (merged), intervals,
 *                                                             bytes, run_cpu_s (this JVM's CPU from the barrier to
 *                                                             the merged result), overrun_ms (the result's lateness)
 * CoordinatorScale agents AGENTS HOST:PORT RECORDED_DIR       prints expected_iterations (AGENTS × recorded),
 *                                                             snapshot POST latency p50/p99/max ms, failures
 *                                                             (agents that did not finish), heartbeat_failures
 * </pre>
 */
public final class CoordinatorScale {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CoordinatorScale() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("coordinator")) {
            coordinator(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], Long.parseLong(args[4]));
        } else if (args.length == 4 && args[0].equals("agents")) {
            agents(Integer.parseInt(args[1]), args[2], Path.of(args[3]));
        } else {
            System.err.println("usage: CoordinatorScale coordinator AGENTS PORT SCENARIO SECONDS | agents AGENTS HOST:PORT RECORDED_DIR");
            System.exit(2);
        }
    }

    // ---- the coordinator side ----

    private static void coordinator(int agents, int port, String scenario, long seconds) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ScenarioSpec spec = new ScenarioSpec(scenario, new ExecutorSpec.ConstantArrivalRate(1, Duration.ofSeconds(1),
                Duration.ofSeconds(seconds), 1, 1), Duration.ZERO, Duration.ofSeconds(1), Map.of());
        RunSpec run = new RunSpec("coordinator-scale", List.of(new ScenarioRun(spec, vu -> ctx -> { })), List.of(),
                Duration.ofSeconds(seconds + 60), Map.of());
        try (Coordinator c = Coordinator.start(new InetSocketAddress("127.0.0.1", port),
                new Coordinator.Config(agents, "sim", "sim", Messages.RunOptions.NONE, Duration.ofSeconds(120)))) {
            AtomicLong cpuAtStart = new AtomicLong();
            AtomicLong wallAtStart = new AtomicLong();
            c.onStart(() -> {
                cpuAtStart.set(os.getProcessCpuTime());
                wallAtStart.set(System.nanoTime());
            });
            System.err.println("coordinator: waiting for " + agents + " agents on 127.0.0.1:" + c.address().getPort());
            RunResult r = c.run(run, RunListener.NONE);
            long cpu = os.getProcessCpuTime() - cpuAtStart.get();
            long wall = System.nanoTime() - wallAtStart.get();
            System.out.println("agents=" + agents);
            System.out.println("outcome=" + r.outcome().name().toLowerCase());
            System.out.println("iterations=" + (long) r.counter(BuiltinMetrics.ITERATIONS).count());
            System.out.println("intervals=" + r.intervals().size());
            System.out.println("duration_s=" + r.info().duration().toMillis() / 1000.0);
            System.out.println("bytes=" + c.bytesReceived());
            System.out.println("run_cpu_s=" + cpu / 1e9);
            System.out.println("run_wall_s=" + wall / 1e9);
            // from the barrier to the merged result, less the agents' run and the barrier's lead: the merge's lag
            System.out.println("overrun_ms=" + Math.max(0, (wall - r.info().duration().toNanos()) / 1_000_000));
        }
    }

    // ---- the fake agents ----

    private record Recorded(List<byte[]> snapshots, Map<Integer, byte[]> heartbeats, byte[] done, long iterations) {}

    private static Recorded load(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        List<byte[]> snapshots = new ArrayList<>();
        Map<Integer, byte[]> heartbeats = new TreeMap<>();
        byte[] done = null;
        long iterations = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith("snapshot-")) {
                byte[] body = Files.readAllBytes(f);
                snapshots.add(body);
                for (IntervalSnapshot.SeriesSnapshot s : SnapshotCodec.decode(body).series()) {
                    if (s instanceof IntervalSnapshot.CounterSnapshot c && c.metric().equals(BuiltinMetrics.ITERATIONS)) {
                        iterations += (long) c.sum();
                    }
                }
            } else if (name.startsWith("heartbeat-")) {
                heartbeats.put(Integer.parseInt(name.substring(10, 14)), Files.readAllBytes(f));
            } else if (name.equals("done.json")) {
                done = Files.readAllBytes(f);
            }
        }
        if (snapshots.isEmpty() || done == null) throw new IOException(dir + ": no snapshot-*.bin or no done.json recorded");
        return new Recorded(snapshots, heartbeats, done, iterations);
    }

    private static void agents(int agents, String coordinator, Path dir) throws Exception {
        Recorded recorded = load(dir);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        AtomicLong heartbeatFailures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("fake-agent-" + i).start(() -> {
                try {
                    fakeAgent(index, "http://" + coordinator, recorded, latencies, heartbeatFailures);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.err.println("fake agent " + index + ": " + e);
                }
            }));
        }
        for (Thread t : threads) t.join(Duration.ofMinutes(30));
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.println("expected_iterations=" + recorded.iterations() * agents);
        System.out.println("snapshots_per_agent=" + recorded.snapshots().size());
        System.out.println("snapshot_bytes_per_agent=" + recorded.snapshots().stream().mapToLong(b -> b.length).sum());
        System.out.println("snapshot_post_p50_ms=" + at(sorted, 0.50) / 1e6);
        System.out.println("snapshot_post_p99_ms=" + at(sorted, 0.99) / 1e6);
        System.out.println("snapshot_post_max_ms=" + (sorted.isEmpty() ? 0 : sorted.getLast() / 1e6));
        System.out.println("failures=" + failures.get());
        System.out.println("heartbeat_failures=" + heartbeatFailures.get());
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static void fakeAgent(int index, String base, Recorded recorded, ConcurrentLinkedQueue<Long> latencies,
                                  AtomicLong heartbeatFailures) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] register = JSON.writeValueAsBytes(new Messages.Register(1, "sim", "sim", index, "sim-" + index, 100_000 + index));
        String agentId = JSON.readTree(post(client, base + "/v1/register", register, null, 0, 30)).get("agentId").asText();
        byte[] ready = JSON.writeValueAsBytes(new Messages.Ready(agentId, 0, 100_000));
        var start = JSON.readTree(post(client, base + "/v1/ready", ready, null, 0, 300));
        if (start.hasNonNull("abort")) throw new IOException("the coordinator called the start off: " + start.get("abort").asText());
        long startEpochNanos = start.get("startEpochNanos").asLong();
        parkUntilEpoch(startEpochNanos);
        long startNanos = System.nanoTime();
        Thread heartbeats = Thread.ofVirtual().start(() -> {
            for (long k = 0; !Thread.currentThread().isInterrupted(); k++) {
                long second = Math.min(k / 2, recorded.snapshots().size());
                byte[] hb = recorded.heartbeats().getOrDefault((int) second, recorded.heartbeats().isEmpty() ? null
                        : recorded.heartbeats().values().iterator().next());
                try {
                    post(client, base + "/v1/heartbeat", withAgent(hb == null ? "{}".getBytes() : hb, agentId), null, 0, 10);
                } catch (Exception e) {
                    if (Thread.currentThread().isInterrupted()) return;
                    heartbeatFailures.incrementAndGet();
                }
                long next = startNanos + (k + 1) * 500_000_000L;
                for (long left; (left = next - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(left);
                    if (Thread.currentThread().isInterrupted()) return;
                }
            }
        });
        try {
            for (int k = 0; k < recorded.snapshots().size(); k++) {
                long due = startNanos + (k + 1) * 1_000_000_000L;
                for (long left; (left = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
                long sent = System.nanoTime();
                byte[] answer = post(client, base + "/v1/snapshot", recorded.snapshots().get(k), agentId, k, 30);
                latencies.add(System.nanoTime() - sent);
                if (new String(answer).contains("stopNow")) throw new IOException("told to stop at once: " + new String(answer));
            }
            post(client, base + "/v1/done", withAgent(recorded.done(), agentId), null, 0, 30);
        } finally {
            heartbeats.interrupt();
        }
    }

    private static byte[] withAgent(byte[] json, String agentId) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.put("agentId", agentId);
        return JSON.writeValueAsBytes(node);
    }

    private static byte[] post(HttpClient client, String url, byte[] body, String agentId, long seq, int timeoutSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (agentId != null) {
            b.header("X-Headroom-Agent", agentId).header("X-Headroom-Seq", Long.toString(seq))
                    .header("Content-Type", "application/octet-stream");
        } else {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException(url + ": HTTP " + r.statusCode() + " " + new String(r.body()));
        return r.body();
    }

    private static void parkUntilEpoch(long epochNanos) {
        while (true) {
            Instant now = Instant.now();
            long left = epochNanos - (now.getEpochSecond() * 1_000_000_000L + now.getNano());
            if (left <= 0) return;
            LockSupport.parkNanos(left);
        }
    }
}
