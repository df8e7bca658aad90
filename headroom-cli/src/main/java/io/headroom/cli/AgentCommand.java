package io.headroom.cli;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunSpec;
import io.headroom.distributed.Agent;
import io.headroom.distributed.Messages;
import io.headroom.distributed.RegistrationRefusedException;
import io.headroom.http.HttpTransport;
import io.headroom.script.plan.Plan;
import io.headroom.script.run.Headroom;
import io.headroom.script.run.Warmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code headroom agent --coordinator HOST:PORT [--index N] PLAN}: one agent of a distributed run. It dials the
 * coordinator, registers with its version and the plan's hash, runs the segment it is given with the coordinator's
 * run options, streams its numbers and exits when the run ends; if the coordinator goes away it stops its load by
 * itself within seconds and exits {@link ExitCode#AGENT_LOST}. Prints nothing on stdout.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run one agent of a distributed run: dial the coordinator (headroom run PLAN --agents N --listen",
                "HOST:PORT), run the part of the plan it hands out, stream the numbers to it. See docs/distributed.md."})
final class AgentCommand implements Callable<Integer> {
    /** The index a Kubernetes Indexed Job gives each of its pods. */
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLAN", description = "The same plan file (.yaml, .yml, .java) as the coordinator's.")
    Path target;

    @Option(names = "--coordinator", required = true, paramLabel = "HOST:PORT", description = "Where the coordinator listens.")
    String coordinator;

    @Option(names = "--index", paramLabel = "N", description = "This agent's index, 0..N-1 (default: $" + INDEX_ENV
            + ", else the coordinator hands out the lowest free one).")
    Integer index;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to keep dialling a coordinator that does not answer yet (default 60s).")
    Duration connectTimeout = Duration.ofSeconds(60);

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String hash = PlanHash.of(target);
        if (hash == null) throw new UsageException(target + ": cannot read the plan file");
        Integer asked = index != null ? index : indexFromEnvironment();
        Agent.Identity identity = new Agent.Identity(DistributedRun.version(), hash, asked, host(), ProcessHandle.current().pid());
        try (Agent agent = register(identity)) {
            Messages.Registered r = agent.registration();
            String name = "agent " + r.index() + " of " + r.agents();
            Plan plan = plan(r.options(), err);
            Map<String, String> metadata = new LinkedHashMap<>(RunEnvironment.of(plan.source()));
            metadata.put("command", "agent");
            Agent.Ending ending;
            try (HttpTransport transport = Headroom.defaultTransport()) {
                RunSpec runSpec = plan.toRunSpec(transport, metadata);
                if (!r.options().noWarmup() && Warmup.worthIt(runSpec)) Warmup.run(transport, Warmup.DEFAULT_ITERATIONS);
                Engine engine = new Engine();
                installSignals(engine, err, name);
                ending = agent.run(engine, runSpec);
            }
            if (ending == Agent.Ending.COORDINATOR_LOST) {
                err.println("headroom: " + name + ": lost the coordinator at " + agent.coordinator() + "; stopped the load");
                err.flush();
                return ExitCode.AGENT_LOST.code();
            }
            return ExitCode.OK.code();
        }
    }

    private Agent register(Agent.Identity identity) throws IOException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (true) {
            try {
                return Agent.register(coordinator, identity, ExitCode.AGENT_LOST.code());
            } catch (RegistrationRefusedException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new UsageException("--coordinator " + coordinator + ": no coordinator answered within "
                            + connectTimeout.toSeconds() + " s (" + e.getMessage() + ")");
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UsageException("interrupted while dialling the coordinator");
                }
            }
        }
    }

    /** The plan as the coordinator runs it: the same file with the coordinator's command-line options applied. */
    private Plan plan(Messages.RunOptions o, PrintWriter err) {
        ExecutionShortcut shortcut = new ExecutionShortcut(o.vus(), o.durationMillis() == null ? null : Duration.ofMillis(o.durationMillis()),
                o.iterations());
        Plan plan = PlanSource.load(target, o.env(), shortcut, o.baseUrl(), err);
        if (o.maxDurationMillis() != null) plan = plan.withMaxDuration(Duration.ofMillis(o.maxDurationMillis()));
        if (o.noThresholds()) plan = plan.withoutThresholds();
        if (!o.tags().isEmpty()) plan = RunCommand.withRunTags(plan, o.tags());
        return plan;
    }

    private static Integer indexFromEnvironment() {
        String value = System.getenv(INDEX_ENV);
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("$" + INDEX_ENV + " is not a number: " + value);
        }
    }

    /** The pod name on Kubernetes ($HOSTNAME), else this machine's name. */
    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Ctrl-C, SIGTERM: stop gracefully (the coordinator still gets the numbers); a second one: stop at once. */
    private static void installSignals(Engine engine, PrintWriter err, String name) {
        AtomicInteger count = new AtomicInteger();
        for (String signal : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(signal), s -> {
                    if (count.incrementAndGet() == 1) engine.stop();
                    else engine.stopNow();
                });
            } catch (IllegalArgumentException e) {
                // not available here
            }
        }
    }
}
