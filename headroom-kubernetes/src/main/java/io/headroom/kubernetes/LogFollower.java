package io.headroom.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Follows the coordinator container's log on a thread of its own: relays every line to {@code show} and keeps the
 * result bundle's lines ({@link ResultBundle.Reader}). A stream that ends early can be followed again: the lines
 * already seen are skipped. Not for more than one pod.
 */
final class LogFollower implements AutoCloseable {
    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private final Consumer<String> show;
    private final ResultBundle.Reader bundle = new ResultBundle.Reader();
    private volatile boolean streaming;
    private volatile LogWatch watch;
    private long linesSeen;
    private Thread thread;

    LogFollower(KubernetesClient client, String namespace, String pod, Consumer<String> show) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.show = show;
    }

    /** Starts (or, after its stream ended, restarts) following. */
    synchronized void follow() {
        if (streaming) return;
        streaming = true;
        thread = Thread.ofPlatform().daemon().name("headroom-k8s-log-" + pod).start(this::read);
    }

    private void read() {
        long skip;
        synchronized (this) {
            skip = linesSeen;
        }
        try {
            watch = client.pods().inNamespace(namespace).withName(pod).inContainer(RunObjects.CONTAINER).watchLog();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                long n = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    if (n++ < skip) continue;
                    synchronized (this) {
                        linesSeen = n;
                    }
                    if (!bundle.accept(line)) show.accept(line);
                    if (bundle.exitCode() != null) break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the stream went; the run loop looks at the pod and follows again while it runs
        } finally {
            streaming = false;
        }
    }

    /** True while a stream is open. */
    boolean streaming() {
        return streaming;
    }

    /** The bundle read so far. */
    ResultBundle.Reader bundle() {
        return bundle;
    }

    @Override
    public void close() {
        LogWatch w = watch;
        if (w != null) w.close();
    }
}
