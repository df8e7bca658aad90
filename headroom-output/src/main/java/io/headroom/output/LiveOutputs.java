package io.headroom.output;

import io.headroom.core.engine.RunListener;
import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.metric.IntervalPoint;
import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.core.threshold.ThresholdSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

/**
 * The run's {@code --out} outputs together: opens them, feeds each the engine's interval snapshots
 * ({@link #around}), passes their warnings to the progress printer on the engine's thread, and closes them all at
 * once (each within its own flush budget, in parallel, so N outputs do not wait N times). {@link #NONE} when the
 * command line has no {@code --out}.
 */
public final class LiveOutputs implements AutoCloseable {
    /** No outputs: {@link #around} returns its argument. */
    public static final LiveOutputs NONE = new LiveOutputs(List.of());

    private final List<LiveOutput> outputs;
    private final ConcurrentLinkedQueue<String> warnings = new ConcurrentLinkedQueue<>();
    /** Every warning raised, for a run without live progress to show them after it (a few per output at most). */
    private final ConcurrentLinkedQueue<String> raised = new ConcurrentLinkedQueue<>();

    private LiveOutputs(List<LiveOutput> outputs) {
        this.outputs = outputs;
    }

    /**
     * Opens every requested output; when one cannot be opened, those already open are closed and the
     * {@link IOException} names the output.
     */
    public static LiveOutputs open(List<OutputRequest> requests, String testId, List<ThresholdSpec> thresholds,
                                   UnaryOperator<String> redact, Map<String, String> metadata) throws IOException {
        if (requests.isEmpty()) return NONE;
        List<LiveOutput> opened = new ArrayList<>();
        LiveOutputs outs = new LiveOutputs(opened);
        OutputContext context = new OutputContext(testId, thresholds, redact, metadata, outs::warn);
        for (OutputRequest r : requests) {
            try {
                opened.add(r.open(context));
            } catch (IOException e) {
                outs.close();
                throw new IOException("--out " + r + ": " + e.getMessage(), e);
            }
        }
        return outs;
    }

    /** The opened outputs' descriptions, in command-line order. */
    public List<String> descriptions() {
        return outputs.stream().map(LiveOutput::description).toList();
    }

    /** True when no output was asked for. */
    public boolean isEmpty() {
        return outputs.isEmpty();
    }

    /**
     * {@code delegate} plus these outputs: every call reaches {@code delegate} as before, each interval snapshot
     * also goes to every output (stamped with the wall clock), and the outputs' warnings reach
     * {@code delegate.onWarning} on the engine's thread.
     */
    public RunListener around(RunListener delegate) {
        if (outputs.isEmpty()) return delegate;
        return new RunListener() {
            @Override
            public void onProgress(List<ScenarioProgress> scenarios) {
                delegate.onProgress(scenarios);
                passWarnings(delegate);
            }

            @Override
            public void onInterval(IntervalPoint point) {
                delegate.onInterval(point);
            }

            @Override
            public boolean wantsIntervalSnapshots() {
                return true;
            }

            @Override
            public void onIntervalSnapshot(IntervalSnapshot snapshot) {
                if (delegate.wantsIntervalSnapshots()) delegate.onIntervalSnapshot(snapshot);
                long now = System.currentTimeMillis();
                for (LiveOutput o : outputs) o.accept(snapshot, now);
                passWarnings(delegate);
            }

            @Override
            public void onExemplars(List<io.headroom.core.metric.Exemplar> slowest) {
                if (delegate.wantsIntervalSnapshots()) delegate.onExemplars(slowest);
            }

            @Override
            public void onAbort(String reason) {
                delegate.onAbort(reason);
            }

            @Override
            public void onWarning(String message) {
                delegate.onWarning(message);
            }
        };
    }

    /** Each output's delivered and dropped batches, in command-line order; thread-safe. */
    public List<LiveOutputHealth> health() {
        return outputs.stream().map(LiveOutput::health).toList();
    }

    /** Warnings the outputs raised that no progress callback has passed on yet (those of the last seconds). */
    public List<String> pendingWarnings() {
        List<String> out = new ArrayList<>();
        for (String w; (w = warnings.poll()) != null; ) out.add(w);
        return out;
    }

    /** Every warning the outputs raised during the run, in order (for a run whose progress showed none). */
    public List<String> allWarnings() {
        return List.copyOf(raised);
    }

    private void warn(String message) {
        raised.add(message);
        warnings.add(message);
    }

    /** Closes every output in parallel; returns when the last one has (each bounded by its flush budget). */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (LiveOutput o : outputs) closing.add(Thread.ofVirtual().name("headroom-out-close").start(o::close));
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void passWarnings(RunListener delegate) {
        for (String w; (w = warnings.poll()) != null; ) delegate.onWarning(w);
    }
}
