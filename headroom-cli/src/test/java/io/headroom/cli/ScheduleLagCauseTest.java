package io.headroom.cli;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats;
import io.headroom.core.result.GeneratorHealth;
import io.headroom.core.result.RunResult;
import io.headroom.core.result.ScheduleLagCauses;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Whose delay a late start was: the target's (every VU busy waiting on it, so an iteration waited for a new VU) or
 * the generator's own (a VU was free, yet the generator started the iteration late). The positive control of each
 * is the negative control of the other: a target that stalls is not blamed on the generator, and a generator
 * frozen by SIGSTOP (what a CPU hog or the hypervisor does to it) is not blamed on the target.
 */
@Isolated("times the generator: other tests in this JVM would starve it")
class ScheduleLagCauseTest {
    @TempDir
    Path dir;
    private ServerSocket target;
    private final AtomicInteger requests = new AtomicInteger();
    /** The target answers nothing before this System.nanoTime() (0: no stall). */
    private final AtomicLong stallUntilNanos = new AtomicLong();
    private static final byte[] OK_RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    /**
     * A loopback target that answers at once, or, once {@code stallAfter} requests arrived, holds every answer for
     * {@code stallMillis}. Raw sockets, a virtual thread per connection: a burst of new connections after a stall or
     * a freeze is accepted at once (the JDK's HttpServer accepts on one thread and made such bursts take seconds).
     */
    private String startTarget(int stallAfter, long stallMillis) throws IOException {
        target = new ServerSocket();
        target.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        Thread.ofVirtual().start(() -> {
            while (!target.isClosed()) {
                try {
                    Socket socket = target.accept();
                    Thread.ofVirtual().start(() -> serve(socket, stallAfter, stallMillis));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return "http://127.0.0.1:" + target.getLocalPort();
    }

    private void serve(Socket socket, int stallAfter, long stallMillis) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[4096];
            int matched = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i]; // the CR LF CR LF that ends each request head (GETs without bodies)
                    matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                            ? matched + 1 : (b == '\r' ? 1 : 0);
                    if (matched < 4) continue;
                    matched = 0;
                    if (requests.incrementAndGet() == stallAfter) stallUntilNanos.set(System.nanoTime() + stallMillis * 1_000_000);
                    long wait = stallUntilNanos.get() - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    out.write(OK_RESPONSE);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client closed the connection, or the test ended
        }
    }

    @AfterEach
    void stopTarget() throws IOException {
        if (target != null) target.close();
    }

    private Path plan(String baseUrl, int rate, int seconds, int preAllocated, int maxVus) throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: lag-causes
                baseUrl: %s
                scenarios:
                  open:
                    executor: constant-arrival-rate
                    rate: %d
                    timeUnit: 1s
                    duration: %ds
                    preAllocatedVUs: %d
                    maxVUs: %d
                    flow:
                      - get: /
                """.formatted(baseUrl, rate, seconds, preAllocated, maxVus));
        return plan;
    }

    @Test
    void aStallingTargetIsTheTargetsLagAndTheRunStaysValid() throws Exception {
        // 200/s on 4 VUs: a 700 ms stall holds every VU, so about 140 arrivals wait for VUs started for them.
        // In its own JVM, as a user runs it: inside this test JVM, warmed by every run before it, a new VU starts
        // faster than the scheduler's own jitter, and an arrival's wait for it is then (rightly) not the target's.
        String url = startTarget(100, 700);
        Path json = dir.resolve("stall.json");
        Path log = dir.resolve("stall.log");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", plan(url, 200, 3, 4, 400).toString(), "--json", json.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String run = Files.readString(log);
        RunResult result = JsonSummary.read(json);
        GeneratorHealth health = result.generatorHealth();
        // ~140 arrivals found every VU held by the stall; those started while the scheduler kept its schedule are the
        // target's (on a starved machine the scheduler itself falls behind for some: those are rightly the generator's)
        assertThat(lagCount(result, BuiltinMetrics.LAG_CAUSE_TARGET)).as("iterations that waited for a VU the target held: %s", health)
                .isGreaterThan(10);
        // the stall is in the latency (coordinated-omission-correct), and it is not the generator's
        assertThat(p99(result, BuiltinMetrics.HTTP_REQ_DURATION)).isGreaterThan(300);
        ScheduleLagCauses causes = health.lagCauses();
        assertThat(causes.measured()).isTrue();
        assertThat(causes.tailNote()).as("%s", health).isEmpty();
        // A machine that other processes starve may make even this run late for the generator's own reasons (rightly
        // invalid); only then is the verdict not asserted.
        assumeThat(health.invalid() && health.otherCpuAvgFraction() + health.stealAvgFraction() >= GeneratorHealth.OTHER_CPU_SUSPECT_FRACTION)
                .as("machine busy: %s", health).isFalse();
        assertThat(health.invalid()).as("%s%n%s", health, run).isFalse();
        assertThat(child.exitValue()).as("%s", run).isZero();
        assertThat(run).doesNotContain("generator's own pauses").doesNotContain(io.headroom.report.ConsoleSummary.INVALID_RUN_HEADLINE);
    }

    @Test
    void aFrozenGeneratorIsTheGeneratorsLagAndTheReportsSaySo() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill"))).isTrue();
        String url = startTarget(Integer.MAX_VALUE, 0);
        Path json = dir.resolve("frozen.json");
        Path log = dir.resolve("child.log");
        // The generator in its own JVM, so that it can be frozen from here; 200/s on plenty of free VUs.
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", plan(url, 200, 6, 50, 400).toString(), "--json", json.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // past the cold JVM's first second, whose own slowness is not what this test is about
            while (requests.get() < 300 && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(requests.get()).as("requests before the freeze: %s", Files.readString(log)).isGreaterThanOrEqualTo(300);
            // Two freezes of 800 ms: every thread of the generator stops, its VUs idle, as a CPU hog on its core would
            for (int i = 0; i < 2; i++) {
                signal("STOP", child.pid());
                Thread.sleep(800);
                signal("CONT", child.pid());
                Thread.sleep(700);
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String printed = Files.readString(log);
        assertThat(child.exitValue()).as(printed).isEqualTo(ExitCode.INVALID_RUN.code());
        GeneratorHealth health = JsonSummary.read(json).generatorHealth();
        ScheduleLagCauses causes = health.lagCauses();
        // 2 x 800 ms at 200/s: about 320 arrivals fell into the freezes, each started late for the generator's own pause
        assertThat(causes.lateByGenerator()).as("%s", health).isGreaterThan(200);
        // (a machine that other processes starve also slows the VUs, whose waits for new VUs then read as the target's)
        assertThat(causes.lateByTarget()).as("%s", health).isLessThan(causes.lateByGenerator());
        assertThat(causes.generatorLagP99Millis()).isGreaterThan(GeneratorHealth.MAX_SCHEDULE_LAG_P99_MILLIS);
        assertThat(health.reasons()).anySatisfy(r -> assertThat(r).contains("with a VU free: the generator's own delay"));
        // Which percentiles the freezes decide: on a machine that other processes starve, the burst after each thaw
        // can take the target seconds (its own queue), and then the slowest iterations are rightly not the generator's.
        boolean machineBusy = health.otherCpuAvgFraction() + health.stealAvgFraction() >= GeneratorHealth.OTHER_CPU_SUSPECT_FRACTION;
        assumeThat(causes.tailNote().isEmpty() && machineBusy).as("machine busy: %s", health).isFalse();
        assertThat(causes.tailNote()).as("%s", health).isPresent();
        assertThat(causes.tailFromPercentile()).isLessThanOrEqualTo(99);
        assertThat(health.reasons()).anySatisfy(r -> assertThat(r)
                .contains("and above are within the generator's own pauses: not the target's"));
        assertThat(printed).contains("within the generator's own pauses: not the target's");
    }

    private static long lagCount(RunResult result, String cause) {
        return result.series().stream()
                .filter(s -> s.metric().equals(BuiltinMetrics.SCHEDULE_LAG) && cause.equals(s.tags().get(BuiltinMetrics.LAG_CAUSE_TAG)))
                .mapToLong(s -> ((SeriesStats.TrendStats) s.stats()).count()).sum();
    }

    private static double p99(RunResult result, String metric) {
        List<SeriesResult> all = result.series().stream().filter(s -> s.metric().equals(metric) && s.tags().isEmpty()).toList();
        assertThat(all).isNotEmpty();
        return ((SeriesStats.TrendStats) all.getFirst().stats()).percentile(99);
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
