package io.headroom.profiler;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A JFR recording with the JDK's "profile" settings, running inside a local JVM that Headroom attached to
 * by pid; stop it and fetch the data with {@link #stopAndWrite}, and always {@link #close} it.
 *
 * <p>Why this route: the Attach API ({@code VirtualMachine.attach(pid)}) only asks the target to start its
 * local JMX agent ({@code startLocalManagementAgent}, a supported, documented operation that loads no code
 * into it), and everything else goes through the public {@code jdk.management.jfr.FlightRecorderMXBean}.
 * That gives a recording id Headroom owns and closes, settings set per event, and the data streamed back
 * over the connection ({@code openStream}/{@code readStream}), so the target never writes a file to a path
 * Headroom must share with it. The {@code JFR.start} diagnostic command would need {@code jcmd} on the PATH
 * or the JDK's internal attach classes, and returns only text.
 *
 * <p>Safety: the recording is created with a maximum duration, so even if Headroom is killed the target
 * stops recording on its own; its disk buffer is bounded too. Thread-safe: a shutdown hook may stop or
 * close it while another thread waits.
 */
public final class AttachedRecording implements AutoCloseable {
    /** JFR's own configuration: execution samples every 10 ms, allocation samples, locks over 10 ms. */
    public static final String SETTINGS = "profile";
    /** The target keeps at most this much recording on its disk, dropping the oldest data beyond it. */
    static final long MAX_SIZE_BYTES = 512L * 1024 * 1024;
    private static final int BLOCK_SIZE_BYTES = 4 * 1024 * 1024;
    private static final ObjectName FLIGHT_RECORDER = objectName("jdk.management.jfr:type=FlightRecorder");
    /** Parks, monitor waits and sleeps shorter than this are not recorded (JFR's "profile" default). */
    public static final String WAIT_THRESHOLD = "10 ms";
    /** Socket and file reads and writes shorter than this are not recorded. */
    public static final String IO_THRESHOLD = "1 ms";
    /**
     * Per-thread CPU is measured every 10 s by "profile"; a short recording would get none, so Headroom asks
     * for every second. It walks the platform threads once a second: cheap.
     */
    static final Map<String, String> SETTING_OVERRIDES = Map.ofEntries(
            Map.entry("jdk.ThreadCPULoad#period", "1 s"),
            // The wall-clock flame graph and the I/O summaries: every wait and every socket or file read and
            // write that lasted at least the threshold, with its stack. Set here rather than trusting the
            // target's "profile" file, whose thresholds differ between JDK releases.
            Map.entry("jdk.ThreadPark#threshold", WAIT_THRESHOLD),
            Map.entry("jdk.JavaMonitorEnter#threshold", WAIT_THRESHOLD),
            Map.entry("jdk.JavaMonitorWait#enabled", "true"),
            Map.entry("jdk.JavaMonitorWait#threshold", WAIT_THRESHOLD),
            Map.entry("jdk.ThreadSleep#enabled", "true"),
            Map.entry("jdk.ThreadSleep#threshold", WAIT_THRESHOLD),
            Map.entry("jdk.SocketRead#enabled", "true"),
            Map.entry("jdk.SocketRead#threshold", IO_THRESHOLD),
            Map.entry("jdk.SocketWrite#enabled", "true"),
            Map.entry("jdk.SocketWrite#threshold", IO_THRESHOLD),
            Map.entry("jdk.FileRead#enabled", "true"),
            Map.entry("jdk.FileRead#threshold", IO_THRESHOLD),
            Map.entry("jdk.FileWrite#enabled", "true"),
            Map.entry("jdk.FileWrite#threshold", IO_THRESHOLD));

    private final long pid;
    private final JMXConnector connector; // null when recording this JVM
    private final FlightRecorderMXBean recorder;
    private final long recordingId;
    private final String jvmDescription;
    private boolean stopped;
    private boolean closed;

    private AttachedRecording(long pid, JMXConnector connector, MBeanServerConnection server, FlightRecorderMXBean recorder,
                              Duration safetyLimit) throws ProfilerException {
        this.pid = pid;
        this.connector = connector;
        this.recorder = recorder;
        this.jvmDescription = describe(server);
        long id;
        try {
            id = recorder.newRecording();
        } catch (RuntimeException e) {
            throw failure("cannot create a JFR recording in pid " + pid, e);
        }
        this.recordingId = id;
        try {
            recorder.setPredefinedConfiguration(id, SETTINGS);
            Map<String, String> settings = new HashMap<>(recorder.getRecordingSettings(id));
            settings.putAll(SETTING_OVERRIDES);
            recorder.setRecordingSettings(id, settings);
            recorder.setRecordingOptions(id, Map.of(
                    "name", "headroom-profile",
                    "disk", "true",
                    "maxSize", Long.toString(MAX_SIZE_BYTES),
                    "duration", Math.max(1, safetyLimit.toSeconds()) + " s"));
            recorder.startRecording(id);
        } catch (RuntimeException e) {
            closeQuietly();
            throw failure("cannot start a JFR recording in pid " + pid, e);
        }
    }

    /**
     * Attaches to the local JVM {@code pid} and starts recording. The current JVM's own pid is allowed and
     * records this JVM (for profiling Headroom itself).
     *
     * @param safetyLimit the target stops recording by itself after this long, in case Headroom dies
     * @throws ProfilerException when there is no such process, it is not an attachable JVM (another user,
     *                           {@code -XX:+DisableAttachMechanism}, not HotSpot), or it has no JFR
     */
    public static AttachedRecording start(long pid, Duration safetyLimit) throws ProfilerException {
        if (pid == ProcessHandle.current().pid()) return startInThisJvm(safetyLimit);
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new ProfilerException("there is no running process with pid " + pid
                    + " (list local JVMs with 'jps -l' or 'jcmd')");
        }
        if (!looksLikeJvm(pid)) {
            throw new ProfilerException("pid " + pid + " is not a Java process (it is not among the local JVMs that "
                    + "'jps' lists and has no libjvm loaded). Headroom attaches only to JVMs: attaching signals the "
                    + "process (SIGQUIT), which would stop many other programs");
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
            throw new ProfilerException("cannot attach to pid " + pid + ": " + e.getMessage() + ". Profiling needs a "
                    + "HotSpot JVM (JDK 11 or newer) run by the same user, started without -XX:+DisableAttachMechanism", e);
        }
        JMXConnector connector;
        try {
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        } catch (IOException e) {
            throw new ProfilerException("attached to pid " + pid + " but cannot connect to its management agent at "
                    + address + ": " + e.getMessage(), e);
        }
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            if (!server.isRegistered(FLIGHT_RECORDER)) {
                throw new ProfilerException("pid " + pid + " has no JDK Flight Recorder (it needs JDK 11 or newer, "
                        + "or 8u272 with JFR)");
            }
            FlightRecorderMXBean recorder = JMX.newMXBeanProxy(server, FLIGHT_RECORDER, FlightRecorderMXBean.class);
            return new AttachedRecording(pid, connector, server, recorder, safetyLimit);
        } catch (IOException e) {
            closeConnector(connector);
            throw new ProfilerException("lost the connection to pid " + pid + ": " + e.getMessage(), e);
        } catch (ProfilerException | RuntimeException e) {
            closeConnector(connector);
            throw e;
        }
    }

    /**
     * Whether {@code pid} is a HotSpot JVM: listed by the attach provider (its perf-data file exists), or on
     * Linux with {@code libjvm} mapped. When neither can be checked the answer is yes and attach decides.
     */
    static boolean looksLikeJvm(long pid) {
        String id = Long.toString(pid);
        try {
            if (VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id))) return true;
        } catch (RuntimeException e) {
            // No attach provider listing: fall through to the next check.
        }
        Path maps = Path.of("/proc", id, "maps");
        if (!Files.isReadable(maps)) return true;
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains("/libjvm."));
        } catch (IOException | UncheckedIOException e) {
            return true;
        }
    }

    /** Starts recording the JVM this code runs in (no attach needed). */
    public static AttachedRecording startInThisJvm(Duration safetyLimit) throws ProfilerException {
        MBeanServerConnection server = ManagementFactory.getPlatformMBeanServer();
        FlightRecorderMXBean recorder = ManagementFactory.getPlatformMXBean(FlightRecorderMXBean.class);
        return new AttachedRecording(ProcessHandle.current().pid(), null, server, recorder, safetyLimit);
    }

    /** The recorded JVM's pid. */
    public long pid() {
        return pid;
    }

    /** The recorded JVM's name and version, such as {@code OpenJDK 64-Bit Server VM 21.0.5+11}; empty if unknown. */
    public String jvmDescription() {
        return jvmDescription;
    }

    /**
     * Stops the recording (if the safety limit has not stopped it already) and copies its data into
     * {@code jfrFile}, replacing it. Call once.
     *
     * @throws ProfilerException when the target went away or refused, or the file cannot be written
     */
    public synchronized void stopAndWrite(Path jfrFile) throws ProfilerException {
        if (closed) throw new IllegalStateException("recording already closed");
        if (stopped) throw new IllegalStateException("recording already stopped");
        stopped = true;
        try {
            if (isRunning()) recorder.stopRecording(recordingId);
            long stream = recorder.openStream(recordingId, Map.of("blockSize", Integer.toString(BLOCK_SIZE_BYTES)));
            try (OutputStream out = Files.newOutputStream(jfrFile, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                byte[] block;
                while ((block = recorder.readStream(stream)) != null) out.write(block);
            } finally {
                recorder.closeStream(stream);
            }
        } catch (IOException e) {
            throw new ProfilerException("cannot write the recording to " + jfrFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failure("cannot fetch the recording from pid " + pid, e);
        }
    }

    private boolean isRunning() {
        for (RecordingInfo info : recorder.getRecordings()) {
            if (info.getId() == recordingId) return "RUNNING".equals(info.getState()) || "DELAYED".equals(info.getState());
        }
        return false;
    }

    /** Discards the recording in the target (stopping it if still running) and disconnects; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        closeQuietly();
        closeConnector(connector);
    }

    private void closeQuietly() {
        try {
            recorder.closeRecording(recordingId);
        } catch (IOException | RuntimeException e) {
            // The target may have exited; its recording went with it.
        }
    }

    private static void closeConnector(JMXConnector connector) {
        if (connector == null) return;
        try {
            connector.close();
        } catch (IOException | RuntimeException e) {
            // Disconnecting from a JVM that is gone: nothing left to release.
        }
    }

    private static String describe(MBeanServerConnection server) {
        try {
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            return runtime.getVmName() + " " + runtime.getVmVersion();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A proxy call failed: JMX wraps I/O failures (the target exited) in UndeclaredThrowableException. */
    private ProfilerException failure(String what, RuntimeException e) {
        Throwable cause = e instanceof UndeclaredThrowableException u && u.getCause() != null ? u.getCause() : e;
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        boolean gone = !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new ProfilerException(what + (gone ? ": the process has exited" : ": " + detail), e);
    }

    static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
