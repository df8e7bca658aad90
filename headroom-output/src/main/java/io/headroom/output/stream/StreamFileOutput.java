package io.headroom.output.stream;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.PushQueue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * A file that grows while the run goes, one {@link LineFormat} block a second ({@code --out json=FILE},
 * {@code --out csv=FILE}): written and flushed on its own thread, so {@code tail -f} follows the run and a slow disk
 * costs dropped seconds, never a stalled run ({@value #QUEUE_INTERVALS} intervals may wait). A name ending in
 * {@code .gz} is gzip-compressed, as k6 does. At most {@link #MAX_BYTES} bytes (before compression) are written;
 * the intervals after that are dropped and reported. The file is opened (created or truncated) when the run starts:
 * an interrupted run leaves every second written so far.
 */
final class StreamFileOutput implements LiveOutput {
    /** The most bytes one streamed file takes (before gzip): 1 GiB. */
    static final long MAX_BYTES = 1L << 30;
    /** Intervals that may wait for a slow disk; older ones are dropped first. */
    static final int QUEUE_INTERVALS = 60;
    /** How long the end of a run waits for the last intervals to be written. */
    static final Duration FLUSH_BUDGET = Duration.ofSeconds(5);

    private final String description;
    private final LineFormat format;
    private final Writer writer;
    private final long maxBytes;
    private final PushQueue<Interval> queue;
    private long written;
    private boolean full;
    /** Engine thread only: where the last interval ended, so each interval's own length is known even after drops. */
    private long lastOffsetMillis;

    StreamFileOutput(String kind, Path file, LineFormat format, OutputContext context, long maxBytes) throws IOException {
        this.description = kind + "=" + file;
        this.format = format;
        this.maxBytes = maxBytes;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        if (file.getFileName().toString().endsWith(".gz")) out = new GZIPOutputStream(out, 64 * 1024, true);
        this.writer = new OutputStreamWriter(new BufferedOutputStream(out, 64 * 1024), StandardCharsets.UTF_8);
        String header = format.header();
        writer.write(header);
        writer.flush();
        written = header.length();
        this.queue = new PushQueue<>(description, QUEUE_INTERVALS, this::write, context.warnings());
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void accept(IntervalSnapshot snapshot, long endedAtEpochMillis) {
        long lengthMillis = snapshot.offsetMillis() - lastOffsetMillis;
        lastOffsetMillis = snapshot.offsetMillis();
        queue.offer(new Interval(snapshot, endedAtEpochMillis, lengthMillis));
    }

    @Override
    public LiveOutputHealth health() {
        return queue.health();
    }

    @Override
    public void close() {
        queue.close(FLUSH_BUDGET);
        try {
            writer.close();
        } catch (IOException e) {
            // every interval was flushed when it was written; what close adds is the gzip trailer at most
        }
    }

    /** On the queue's thread only. */
    private PushQueue.Delivery write(Interval interval) {
        if (full) return new PushQueue.Delivery.Rejected(limitReached());
        StringBuilder lines = new StringBuilder(8192);
        format.lines(interval.snapshot(), interval.endedAtEpochMillis(), interval.lengthMillis(), lines);
        if (written + lines.length() > maxBytes) {
            full = true;
            return new PushQueue.Delivery.Rejected(limitReached());
        }
        try {
            writer.append(lines);
            writer.flush();
            written += lines.length();
            return PushQueue.Delivery.SENT;
        } catch (IOException e) {
            return new PushQueue.Delivery.Rejected("cannot write: " + e.getMessage());
        }
    }

    private String limitReached() {
        return "the file reached its limit of " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes")
                + " (docs/limits.md); later seconds are not written";
    }

    private record Interval(IntervalSnapshot snapshot, long endedAtEpochMillis, long lengthMillis) {}
}
