package io.headroom.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** `headroom run` warms its request path up in-process first, and the target sees only the plan's requests. */
class WarmupCliTest {
    @TempDir
    Path dir;
    private HttpServer target;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startTarget() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    private CliRun run(String... extra) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: counted
                baseUrl: http://127.0.0.1:%d
                scenarios:
                  api:
                    executor: shared-iterations
                    vus: 2
                    iterations: 7
                    flow:
                      - get: /counted
                """.formatted(target.getAddress().getPort()));
        String[] args = {"run", plan.toString(), "--quiet", "--accept-invalid-run"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void theWarmUpSendsNothingToTheTarget() throws Exception {
        CliRun run = run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requests.get()).isEqualTo(7);
    }

    @Test
    void noWarmupStartsAtOnceWithTheSameRequests() throws Exception {
        CliRun run = run("--no-warmup");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(requests.get()).isEqualTo(7);
    }
}
