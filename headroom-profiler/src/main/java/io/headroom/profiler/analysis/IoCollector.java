package io.headroom.profiler.analysis;

import io.headroom.profiler.analysis.ProfileReport.IoEntry;
import io.headroom.profiler.analysis.ProfileReport.IoProfile;
import jdk.jfr.consumer.RecordedEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Socket reads and writes per remote endpoint, file reads and writes per path; not thread-safe. */
final class IoCollector {
    private final Map<String, Totals> sockets = new HashMap<>();
    private final Map<String, Totals> files = new HashMap<>();

    void acceptSocketRead(RecordedEvent event) {
        sockets.computeIfAbsent(endpoint(event), k -> new Totals()).read(event, "bytesRead");
    }

    void acceptSocketWrite(RecordedEvent event) {
        sockets.computeIfAbsent(endpoint(event), k -> new Totals()).write(event, "bytesWritten");
    }

    void acceptFileRead(RecordedEvent event) {
        files.computeIfAbsent(path(event), k -> new Totals()).read(event, "bytesRead");
    }

    void acceptFileWrite(RecordedEvent event) {
        files.computeIfAbsent(path(event), k -> new Totals()).write(event, "bytesWritten");
    }

    /** {@code host:port}, the address when the host name was not resolved; IPv6 addresses in brackets. */
    static String endpoint(RecordedEvent event) {
        String host = event.hasField("host") ? Numbers.orEmpty(event.getString("host")) : "";
        if (host.isEmpty() && event.hasField("address")) host = Numbers.orEmpty(event.getString("address"));
        if (host.isEmpty()) host = FrameNames.UNKNOWN;
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) host = "[" + host + "]";
        int port = event.hasField("port") ? event.getInt("port") : 0;
        return port > 0 ? host + ":" + port : host;
    }

    private static String path(RecordedEvent event) {
        String path = event.hasField("path") ? Numbers.orEmpty(event.getString("path")) : "";
        return path.isEmpty() ? FrameNames.UNKNOWN : path;
    }

    IoProfile result(int limit) {
        return new IoProfile(top(sockets, limit), top(files, limit));
    }

    private static List<IoEntry> top(Map<String, Totals> byName, int limit) {
        List<IoEntry> entries = new ArrayList<>();
        byName.forEach((name, t) -> entries.add(new IoEntry(name, t.reads, t.bytesRead, Numbers.millis(t.readNanos),
                Numbers.millis(t.maxReadNanos), t.writes, t.bytesWritten, Numbers.millis(t.writeNanos),
                Numbers.millis(t.maxWriteNanos))));
        entries.sort(Comparator.comparingDouble(IoEntry::totalMillis).reversed().thenComparing(IoEntry::name));
        return entries.subList(0, Math.min(limit, entries.size()));
    }

    private static final class Totals {
        long reads, bytesRead, readNanos, maxReadNanos;
        long writes, bytesWritten, writeNanos, maxWriteNanos;

        void read(RecordedEvent event, String bytesField) {
            long nanos = Numbers.nanos(event.getDuration());
            reads++;
            bytesRead += bytes(event, bytesField);
            readNanos += nanos;
            maxReadNanos = Math.max(maxReadNanos, nanos);
        }

        void write(RecordedEvent event, String bytesField) {
            long nanos = Numbers.nanos(event.getDuration());
            writes++;
            bytesWritten += bytes(event, bytesField);
            writeNanos += nanos;
            maxWriteNanos = Math.max(maxWriteNanos, nanos);
        }

        /** A read that hit the end of the stream reports -1 bytes on some JDKs: it moved none. */
        private static long bytes(RecordedEvent event, String field) {
            return event.hasField(field) ? Math.max(0, event.getLong(field)) : 0;
        }
    }
}
