package io.headroom.output;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.LiveOutputHealth;

/**
 * One output pushed or streamed while a run goes ({@code --out KIND=ARG}): Prometheus remote-write, OTLP, k6's JSON and
 * CSV streams. It receives the engine's once-a-second {@link IntervalSnapshot} and must hand the
 * slow part (network, disk) to its own thread through a bounded queue, so a slow or dead receiver costs dropped
 * batches, never a stalled run. Made by its {@link OutputKind}.
 *
 * <p>Threading: {@link #accept} is called from the engine's one progress thread, never from a virtual user;
 * {@link #health} from any thread; {@link #close} once, after the last {@link #accept}.
 */
public interface LiveOutput extends AutoCloseable {
    /** The output as the user named it, without credentials, for messages: {@code json=results.json}. */
    String description();

    /**
     * One interval's raw series (deltas of that second), ended at {@code endedAtEpochMillis}. Returns at once: no
     * I/O, no waiting on the receiver.
     */
    void accept(IntervalSnapshot snapshot, long endedAtEpochMillis);

    /** What was delivered and dropped so far; thread-safe. */
    LiveOutputHealth health();

    /**
     * Delivers what is still queued, waiting at most the output's documented flush budget (a few seconds), then
     * stops its thread; what is still undelivered then counts as dropped. Never throws.
     */
    @Override
    void close();
}
