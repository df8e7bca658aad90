package io.headroom.profiler;

import com.sun.management.GcInfo;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.headroom.profiler.analysis.ProfileReport.HeapAfterGc;
import io.headroom.profiler.analysis.ProfileReport.HeapPoint;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Heap used after each collection of a local JVM, read over JMX once a second on a thread of its own: the
 * same series the JFR path ({@code --profile-pid}) gives, for a target that is only monitored
 * ({@code --monitor-pid}). Attaches like {@link AttachedRecording} (the Attach API starts the target's local
 * management agent; no code is loaded into it), then polls each {@code GarbageCollectorMXBean}'s
 * {@code LastGcInfo} ({@code com.sun.management.GcInfo}) and sums the heap pools' usage after that
 * collection. A collector that ran more than once between two polls gives one point (its last).
 *
 * <p>Never fails the run: a process that is not a JVM, a refused attach or a lost connection ends sampling
 * with a {@link #problem()} and the points so far. Thread-safe: {@link #start} and {@link #finish} from one
 * thread, the sampling on its own daemon thread.
 */
public final class HeapAfterGcSampler {
    /** Points kept; past this, every other point is dropped (a day at one a second per collector stays small). */
    public static final int MAX_POINTS = 10_000;
    /** Milliseconds between polls of the collectors. */
    static final long POLL_MILLIS = 1000;
    /** How long {@link #finish} waits for the sampling thread before closing its connection under it. */
    static final long FINISH_WAIT_MILLIS = 5000;
    private static final ObjectName COLLECTORS = AttachedRecording.objectName("java.lang:type=GarbageCollector,*");
    private static final ObjectName POOLS = AttachedRecording.objectName("java.lang:type=MemoryPool,*");
    private static final ObjectName RUNTIME = AttachedRecording.objectName("java.lang:type=Runtime");

    private final long pid;
    private final PrintWriter err;
    private final long originEpochMillis = System.currentTimeMillis();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile JMXConnector connector;
    // written by the sampling thread, read after it ended (or under the lock while it may still run)
    private final List<HeapPoint> points = new ArrayList<>();
    private int stride = 1;
    private int seen;
    private long collections;
    private long committedBytes;
    private volatile String problem;
    private volatile boolean attached;

    private HeapAfterGcSampler(long pid, PrintWriter err) {
        this.pid = pid;
        this.err = err;
        this.thread = new Thread(this::run, "headroom-heap-after-gc");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sampling the JVM {@code pid} on a new thread; returns at once (attaching takes up to seconds).
     * Why sampling stopped, if it did, is printed on {@code err} as a warning and kept in {@link #problem()}.
     */
    public static HeapAfterGcSampler start(long pid, PrintWriter err) {
        HeapAfterGcSampler sampler = new HeapAfterGcSampler(pid, err);
        sampler.thread.start();
        return sampler;
    }

    /** Why heap after GC was not (or no longer) sampled, e.g. "could not attach: ..."; null while all is well. */
    public String problem() {
        return problem;
    }

    /** Whether the sampler got through to the target's collectors (so its points, if any, are real). */
    public boolean attached() {
        return attached;
    }

    /**
     * Stops sampling (waiting a few seconds at most) and returns the points so far, as seconds from
     * {@link #start}, in time order; never null.
     */
    public HeapAfterGc finish() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(FINISH_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Stuck in a JMX call to a hung target: closing an RMI connection may block too, so not on this thread.
            Thread closer = new Thread(this::closeConnector, "headroom-heap-after-gc-close");
            closer.setDaemon(true);
            closer.start();
        } else {
            closeConnector();
        }
        synchronized (points) {
            return new HeapAfterGc(collections, committedBytes, points);
        }
    }

    private void run() {
        MBeanServerConnection server;
        try {
            server = connect();
        } catch (ProfilerException e) {
            fail("could not attach: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail("could not attach: " + e);
            return;
        }
        try {
            Set<String> heapPools = heapPools(server);
            Set<ObjectName> collectors = server.queryNames(COLLECTORS, null);
            if (collectors.isEmpty() || heapPools.isEmpty()) {
                fail("pid " + pid + " shows no garbage collector or heap pool over JMX");
                return;
            }
            long jvmStart = (Long) server.getAttribute(RUNTIME, "StartTime");
            attached = true;
            Map<ObjectName, Long> lastId = new HashMap<>();
            Map<ObjectName, Long> lastCount = new HashMap<>();
            for (ObjectName c : collectors) {
                lastCount.put(c, ((Number) server.getAttribute(c, "CollectionCount")).longValue());
                GcInfo info = lastGcInfo(server, c);
                lastId.put(c, info == null ? -1 : info.getId());
            }
            while (!stopping) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    if (stopping) return;
                }
                for (ObjectName c : collectors) {
                    long count = ((Number) server.getAttribute(c, "CollectionCount")).longValue();
                    GcInfo info = lastGcInfo(server, c);
                    if (info == null || info.getId() == lastId.get(c)) continue;
                    lastId.put(c, info.getId());
                    long used = 0, committed = 0;
                    for (Map.Entry<String, MemoryUsage> pool : info.getMemoryUsageAfterGc().entrySet()) {
                        if (!heapPools.contains(pool.getKey())) continue;
                        used += pool.getValue().getUsed();
                        committed += pool.getValue().getCommitted();
                    }
                    add(Math.max(0, jvmStart + info.getEndTime() - originEpochMillis) / 1000.0, used, committed,
                            Math.max(1, count - lastCount.get(c)));
                    lastCount.put(c, count);
                }
            }
        } catch (IOException | javax.management.JMException | RuntimeException e) {
            if (!stopping) fail("lost the connection to pid " + pid + " after " + points.size() + " points: " + e.getMessage());
        } finally {
            closeConnector();
        }
    }

    private void add(double seconds, long used, long committed, long newCollections) {
        synchronized (points) {
            collections += newCollections;
            committedBytes = committed;
            // Keep every stride-th point; when full, drop every other one and double the stride.
            if (seen++ % stride != 0) return;
            points.add(new HeapPoint(seconds, used));
            if (points.size() >= MAX_POINTS) {
                List<HeapPoint> kept = new ArrayList<>();
                for (int i = 0; i < points.size(); i += 2) kept.add(points.get(i));
                points.clear();
                points.addAll(kept);
                stride *= 2;
            }
        }
    }

    private static GcInfo lastGcInfo(MBeanServerConnection server, ObjectName collector)
            throws IOException, javax.management.JMException {
        Object value = server.getAttribute(collector, "LastGcInfo");
        return value instanceof CompositeData cd ? GcInfo.from(cd) : null;
    }

    private static Set<String> heapPools(MBeanServerConnection server) throws IOException, javax.management.JMException {
        Set<String> names = new HashSet<>();
        for (ObjectName pool : server.queryNames(POOLS, null)) {
            if (MemoryType.HEAP.name().equals(server.getAttribute(pool, "Type"))) {
                names.add((String) server.getAttribute(pool, "Name"));
            }
        }
        return names;
    }

    private MBeanServerConnection connect() throws ProfilerException {
        if (pid == ProcessHandle.current().pid()) return ManagementFactory.getPlatformMBeanServer();
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new ProfilerException("there is no running process with pid " + pid);
        }
        if (!AttachedRecording.looksLikeJvm(pid)) {
            // Attaching signals the process (SIGQUIT), which would stop most programs that are not JVMs.
            throw new ProfilerException("pid " + pid + " is not a Java process (not listed by 'jps', no libjvm loaded)");
        }
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException | IOException e) {
            throw new ProfilerException(e.getMessage() + " (it needs a HotSpot JVM run by the same user, started"
                    + " without -XX:+DisableAttachMechanism)", e);
        }
        try {
            JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address));
            connector = c;
            if (stopping) closeConnector();
            return c.getMBeanServerConnection();
        } catch (IOException e) {
            throw new ProfilerException("cannot connect to its management agent at " + address + ": " + e.getMessage(), e);
        }
    }

    private void fail(String why) {
        if (stopping) {
            // The run ended first: whatever the attach said after that is an effect of stopping it.
            if (!attached && problem == null) {
                problem = "could not attach: the run ended before attaching to pid " + pid + " finished";
            }
            return;
        }
        problem = why;
        if (err != null) {
            err.println("headroom: --monitor-pid: heap after GC not sampled: " + why
                    + "; the leak check falls back to resident memory");
            err.flush();
        }
    }

    private void closeConnector() {
        JMXConnector c = connector;
        connector = null;
        if (c == null) return;
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // the target may be gone; nothing to release on our side
        }
    }
}
