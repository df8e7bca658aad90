package io.headroom.cli;

import io.headroom.core.result.AgentResult;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import io.headroom.report.JsonSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code headroom run --agents N} as a user runs it: real child processes (the coordinator, and the agents it
 * starts), the demo shop on loopback, real signals (SIGKILL, SIGINT), and PIDs checked at the end: nothing of
 * Headroom is left running.
 */
class DistributedRunTest {
    private static DemoChild demo;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoChild.start();
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) demo.close();
    }

    @Test
    void threeAgentsIssueTheSingleProcessTotalsOfExample03AndAreListed() throws Exception {
        Path plan = Examples.dir().resolve("03-arrival-rate.yaml");
        Path single = dir.resolve("single.json");
        Path distributed = dir.resolve("distributed.json");
        Child one = Child.start(dir, "run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet", "--accept-invalid-run",
                "--json", single.toString());
        assertThat(one.waitFor(240)).as(one.log()).isZero();
        // this machine is shared with other builds: a starved generator must not decide this test (98)
        Child three = Child.start(dir, "run", plan.toString(), "--agents", "3", "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                "--accept-invalid-run", "--json", distributed.toString(), "--html", dir.resolve("report.html").toString());
        List<ProcessHandle> agents = three.awaitChildren(3, 120);
        assertThat(three.waitFor(300)).as(three.log()).isZero();
        three.assertNoDescendantLeft();
        for (ProcessHandle a : agents) assertThat(a.isAlive()).as("agent pid " + a.pid()).isFalse();

        RunResult a = JsonSummary.read(single);
        RunResult b = JsonSummary.read(distributed);
        double expected = a.counter("iterations").count();
        String about = "distributed: " + b.info().scenarios() + " " + b.info().metadata() + " " + b.generatorHealth().reasons()
                + "\nsingle: " + a.info().scenarios() + " " + a.generatorHealth().reasons() + "\n" + three.log();
        assertThat(expected).as(about).isEqualTo(500);
        // the partition is exact: every arrival of the plan was dealt to exactly one agent, issued or dropped
        long dropped = b.info().scenarios().getFirst().droppedIterations();
        assertThat(b.counter("iterations").count() + dropped).as(about).isEqualTo(expected);
        // and a run whose agents kept to the plan (none dropped an iteration) issued the single process's iterations
        // (a generator starved by other processes drops iterations, and says so: an invalid run)
        if (dropped == 0) assertThat(b.counter("iterations").count()).as(about).isBetween(expected * 0.995, expected * 1.005);
        else assertThat(b.generatorHealth().invalid() || !b.generatorHealth().vuShortages().isEmpty()).as(about).isTrue();
        assertThat(b.counter("http_reqs").count()).isEqualTo(b.counter("iterations").count());
        assertThat(b.trend("http_req_duration").count()).isEqualTo((long) b.counter("http_reqs").count());
        assertThat(b.outcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(b.agents()).extracting(AgentResult::index).containsExactly(0, 1, 2);
        assertThat(b.agents()).extracting(AgentResult::segment).containsExactly("0:1/3", "1/3:2/3", "2/3:1");
        assertThat(b.agents()).extracting(AgentResult::state).containsOnly(AgentResult.State.COMPLETED);
        assertThat(b.agents()).allSatisfy(x -> assertThat(x.health().measured()).isTrue());
        assertThat(b.checks()).singleElement().satisfies(c -> assertThat(c.passes() + c.fails()).isEqualTo((long) b.counter("iterations").count()));
        assertThat(a.agents()).isEmpty();
        // every report works on the merged result: the per-second history holds every iteration (the HTML charts)
        double inHistory = b.intervals().stream().flatMap(p -> p.series().stream())
                .filter(x -> x.metric().equals("iterations") && x.tags().isEmpty()).mapToDouble(x -> x.count()).sum();
        assertThat(inHistory).as(about).isEqualTo(b.counter("iterations").count());
        assertThat(b.intervals()).as(about).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < b.intervals().size(); i++) {
            assertThat(b.intervals().get(i).offsetMillis()).isGreaterThanOrEqualTo(b.intervals().get(i - 1).offsetMillis());
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("arrival-rate");
        double[] offsets = b.agents().stream().mapToDouble(AgentResult::startOffsetMillis).toArray();
        System.out.println("start offsets (ms) of the 3 agents around the barrier instant: " + java.util.Arrays.toString(offsets)
                + "; control bytes received: " + b.info().metadata().get("headroom.controlBytesReceived")
                + " over " + b.info().duration().toMillis() + " ms");
    }

    @Test
    void aKilledAgentEndsTheRunWithItsCodeAValidSummaryAndNoProcessLeft() throws Exception {
        Path plan = longPlan();
        Path json = dir.resolve("lost.json");
        Child coordinator = Child.start(dir, "run", plan.toString(), "--agents", "3", "--quiet", "--json", json.toString());
        List<ProcessHandle> agents = coordinator.awaitChildren(3, 120);
        coordinator.awaitStarted(240);
        TimeUnit.SECONDS.sleep(4); // well into the run: every agent streamed a few seconds
        ProcessHandle victim = agents.get(1);
        long killedAt = System.nanoTime();
        new ProcessBuilder("kill", "-KILL", Long.toString(victim.pid())).inheritIO().start().waitFor();
        int code = coordinator.waitFor(60);
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertThat(code).as(coordinator.log()).isEqualTo(ExitCode.AGENT_LOST.code());
        // measured 14 s here at a load average of 20 on 2 cores, each step starved; a quiet machine takes a few
        assertThat(seconds).as("the run ends within seconds of the kill").isLessThan(25);
        System.out.println("coordinator exit " + seconds + " s after the SIGKILL of agent pid " + victim.pid());
        coordinator.assertNoDescendantLeft();
        for (ProcessHandle a : agents) assertThat(a.isAlive()).as("agent pid " + a.pid()).isFalse();

        RunResult r = JsonSummary.read(json);
        assertThat(r.outcome()).isEqualTo(RunOutcome.AGENT_LOST);
        String lost = r.info().metadata().get("headroom.agentLost");
        assertThat(lost).contains("pid " + victim.pid()).contains("s into the run").contains("SIGKILL");
        assertThat(r.agents()).hasSize(3);
        AgentResult gone = r.agents().stream().filter(x -> x.state() == AgentResult.State.LOST).findFirst().orElseThrow();
        assertThat(lost).startsWith("agent " + gone.index());
        // what was measured is there: about 4 s of all three agents at 30 iterations/s (fewer on a starved machine)
        assertThat(r.counter("iterations").count()).isPositive();
        // a hard stop may cut an iteration between its request and its check, never the other way round
        long checks = r.checks().stream().mapToLong(c -> c.passes() + c.fails()).sum();
        // A second's snapshot reads the series one after another, so an iteration that records its request and its
        // check between two reads puts its check in this second and its request in the next, which a lost agent never
        // sends: at most one such iteration per VU of the lost agent (maxVUs 20).
        assertThat(checks).isPositive().isLessThanOrEqualTo((long) r.counter("http_reqs").count() + 20);
        assertThat(coordinator.log()).contains("was lost");
    }

    @Test
    void agentsWhoseCoordinatorIsKilledStopByThemselves() throws Exception {
        Child coordinator = Child.start(dir, "run", longPlan().toString(), "--agents", "2", "--quiet");
        List<ProcessHandle> agents = coordinator.awaitChildren(2, 120);
        coordinator.awaitStarted(240);
        TimeUnit.SECONDS.sleep(3);
        // positive control: with their coordinator alive, the agents are running the load
        for (ProcessHandle a : agents) assertThat(a.isAlive()).isTrue();
        new ProcessBuilder("kill", "-KILL", Long.toString(coordinator.pid())).inheritIO().start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle a : agents) {
            while (a.isAlive() && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(100);
        }
        for (ProcessHandle a : agents) {
            boolean alive = a.isAlive();
            if (alive) a.destroyForcibly();
            assertThat(alive).as("agent pid " + a.pid() + " still running 20 s after its coordinator was killed").isFalse();
        }
    }

    @Test
    void ctrlCAtTheCoordinatorStopsEveryAgentAndWritesThePartialSummary() throws Exception {
        // (a Ctrl-C before the start is the same: exit 130, an empty interrupted summary; not tested separately)
        Path json = dir.resolve("interrupted.json");
        Child coordinator = Child.start(dir, "run", longPlan().toString(), "--agents", "2", "--quiet", "--json", json.toString());
        List<ProcessHandle> agents = coordinator.awaitChildren(2, 120);
        coordinator.awaitStarted(240);
        TimeUnit.SECONDS.sleep(4);
        new ProcessBuilder("kill", "-INT", Long.toString(coordinator.pid())).inheritIO().start().waitFor();
        assertThat(coordinator.waitFor(90)).as(coordinator.log()).isEqualTo(130);
        coordinator.assertNoDescendantLeft();
        for (ProcessHandle a : agents) assertThat(a.isAlive()).isFalse();
        RunResult r = JsonSummary.read(json);
        assertThat(r.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(r.agents()).as(r.info().metadata() + "\n" + coordinator.log()).hasSize(2)
                .extracting(AgentResult::state).containsOnly(AgentResult.State.STOPPED);
        assertThat(r.counter("iterations").count()).isPositive();
    }

    @Test
    void anAgentWithAnotherPlanIsRefusedAndTheMatchingOneIsAccepted() throws Exception {
        Path plan = shortPlan("ok");
        Path other = shortPlan("other");
        int port = freePort();
        Path json = dir.resolve("listen.json");
        Child coordinator = Child.start(dir, "run", plan.toString(), "--agents", "1", "--listen", "127.0.0.1:" + port,
                "--agent-wait", "240s", "--quiet", "--accept-invalid-run", "--json", json.toString());
        Child refused = Child.start(dir, "agent", "--coordinator", "127.0.0.1:" + port, other.toString());
        assertThat(refused.waitFor(240)).as(refused.log()).isEqualTo(2);
        assertThat(refused.log()).contains("refused").contains("give every agent the same plan file");
        // negative control: the same plan file's copy is accepted, and the run goes through
        Path copy = dir.resolve("copy.yaml");
        Files.copy(plan, copy);
        Child accepted = Child.start(dir, "agent", "--coordinator", "127.0.0.1:" + port, copy.toString());
        assertThat(accepted.waitFor(240)).as(accepted.log()).isZero();
        assertThat(coordinator.waitFor(60)).as(coordinator.log()).isZero();
        assertThat(JsonSummary.read(json).agents()).singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(AgentResult.State.COMPLETED));
    }

    @Test
    void aRunShortOfAgentsDoesNotStartAndNamesWhoIsMissing() throws Exception {
        Child coordinator = Child.start(dir, "run", shortPlan("ok").toString(), "--agents", "2", "--listen", "127.0.0.1:" + freePort(),
                "--agent-wait", "2s", "--quiet");
        assertThat(coordinator.waitFor(180)).as(coordinator.log()).isEqualTo(ExitCode.AGENT_LOST.code());
        assertThat(coordinator.log()).contains("did not start").contains("agent 0 never registered").contains("agent 1 never registered");
    }

    private Path longPlan() throws IOException {
        return plan("long", "30/s for 60s", """
                name: long
                baseUrl: %s
                scenarios:
                  steady:
                    executor: constant-arrival-rate
                    rate: 30
                    timeUnit: 1s
                    duration: 60s
                    preAllocatedVUs: 5
                    maxVUs: 20
                    flow:
                      - get: /products?limit=5
                        checks:
                          - status: 200
                """.formatted(demo.baseUrl()));
    }

    private Path shortPlan(String name) throws IOException {
        return plan(name, "2 s", """
                name: %s
                baseUrl: %s
                scenarios:
                  quick:
                    executor: constant-arrival-rate
                    rate: 10
                    timeUnit: 1s
                    duration: 2s
                    preAllocatedVUs: 2
                    flow:
                      - get: /products?limit=5
                """.formatted(name, demo.baseUrl()));
    }

    private Path plan(String name, String what, String text) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "# " + what + "\n" + text, StandardCharsets.UTF_8);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A {@code headroom} child JVM (the test's class path), its output in a file. */
    record Child(Process process, Path logFile) {
        static Child start(Path dir, String... args) throws IOException {
            List<String> command = new ArrayList<>(LocalAgents.javaCommand().subList(0, 1));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            Path log = Files.createTempFile(dir, "child", ".log");
            ProcessBuilder builder = new ProcessBuilder(TerminalSignals.withTerminalDefaults(command)).redirectErrorStream(true).redirectOutput(log.toFile());
            // this machine is shared and busy: seconds of silence are normal here, so only 20 s of it counts as a
            // lost peer; a killed agent is seen at once (its exit) and a killed coordinator in 1.5 s (its closed port)
            builder.environment().put("HEADROOM_LOST_AFTER_MS", "20000");
            Process p = builder.start();
            p.getOutputStream().close();
            return new Child(p, log);
        }

        long pid() {
            return process.pid();
        }

        int waitFor(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("no exit within " + seconds + " s:\n" + log());
            }
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return e.toString();
            }
        }

        /** The agents this coordinator started, once {@code n} are running. */
        List<ProcessHandle> awaitChildren(int n, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                List<ProcessHandle> children = process.children().toList();
                if (children.size() >= n) return children;
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new AssertionError("fewer than " + n + " agents started:\n" + log());
        }

        /** Waits for the coordinator's line that every agent is ready and the run starts. */
        void awaitStarted(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (log().contains("the run starts now")) return;
                if (!process.isAlive()) throw new AssertionError("the coordinator ended before the start:\n" + log());
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new AssertionError("the run did not start within " + seconds + " s:\n" + log());
        }

        /** After the coordinator's exit: none of the processes it started is still running. */
        void assertNoDescendantLeft() {
            // children are reparented once the coordinator is gone; it was the one to stop them (by PID)
            assertThat(process.isAlive()).isFalse();
        }
    }
}
