package io.headroom.cli;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.RunSpec;
import io.headroom.core.result.RunResult;
import io.headroom.distributed.Coordinator;
import io.headroom.distributed.Messages;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code headroom run PLAN --agents N [--listen HOST:PORT]}: this process coordinates N agents instead of running
 * the plan itself. Without {@code --listen} it starts the N agents on this machine ({@link LocalAgents}) and they
 * dial a loopback port; with it, it waits for N agents to dial in from anywhere ({@code headroom agent
 * --coordinator HOST:PORT PLAN}). Everything after the run (summary, reports, exit code) is the single-process
 * path of {@link RunSession}. One per run.
 */
final class DistributedRun implements RunSession.Stoppable, AutoCloseable {
    /** How long a coordinator waits for its agents to register, and then to be ready, by default. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final int agents;
    private final InetSocketAddress listen;
    private final Path plan;
    private final Messages.RunOptions options;
    private final Duration wait;
    private final PrintWriter err;
    private volatile Coordinator coordinator;
    private volatile boolean stopped;
    private LocalAgents local;

    DistributedRun(int agents, InetSocketAddress listen, Path plan, Messages.RunOptions options, Duration wait, PrintWriter err) {
        this.agents = agents;
        this.listen = listen;
        this.plan = plan;
        this.options = options;
        this.wait = wait == null ? DEFAULT_WAIT : wait;
        this.err = err;
    }

    /** The coordinator's merged result of the run; see {@link Coordinator#run}. */
    RunResult run(RunSpec spec, RunListener listener) {
        String hash = PlanHash.of(plan);
        if (hash == null) throw new UsageException(plan + ": cannot read the plan file");
        InetSocketAddress bind = listen != null ? listen : new InetSocketAddress("127.0.0.1", 0);
        try {
            coordinator = Coordinator.start(bind, new Coordinator.Config(agents, version(), hash, options, wait));
        } catch (IOException e) {
            throw new UsageException("--listen " + bind.getHostString() + ":" + bind.getPort() + ": cannot listen: " + e.getMessage());
        }
        InetSocketAddress at = coordinator.address();
        coordinator.onStart(() -> {
            err.println("headroom: " + agents + " agent(s) ready; the run starts now");
            err.flush();
        });
        if (listen == null) {
            local = LocalAgents.start(agents, at, plan, coordinator::processEnded, err);
        } else {
            err.println("headroom: waiting up to " + this.wait.toSeconds() + " s for " + agents + " agent(s) on "
                    + at.getHostString() + ":" + at.getPort() + ": headroom agent --coordinator HOST:" + at.getPort() + " " + plan);
            err.flush();
        }
        if (stopped) coordinator.stop();
        return coordinator.run(spec, listener);
    }

    /** Request bytes the coordinator received from all agents (for the cost per agent-second). */
    long bytesReceived() {
        return coordinator == null ? 0 : coordinator.bytesReceived();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void stop() {
        stopped = true;
        Coordinator c = coordinator;
        if (c != null) c.stop();
    }

    @Override
    public void stopNow() {
        stopped = true;
        Coordinator c = coordinator;
        if (c != null) c.stopNow();
    }

    /**
     * Ends the run's processes: local agents get a few seconds to hear "stop" from the still-open coordinator and
     * exit, then the coordinator closes (any agent elsewhere loses it and stops by itself), then any local agent
     * still alive is killed by its PID.
     */
    @Override
    public void close() {
        Coordinator c = coordinator;
        if (c != null) c.stopNow();
        // agents that reported exit at once; the others hear "stop now" at their next heartbeat (every 500 ms)
        if (local != null) local.awaitExit(3_000);
        if (c != null) c.close();
        if (local != null) local.close();
    }
}
