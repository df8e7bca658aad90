package io.headroom.output.remotewrite;

import io.headroom.core.metric.IntervalSnapshot;
import io.headroom.core.result.LiveOutputHealth;
import io.headroom.output.LiveOutput;
import io.headroom.output.OutputContext;
import io.headroom.output.OutputKind;
import io.headroom.output.PushQueue;
import io.headroom.report.PrometheusSeries;
import io.headroom.report.Redaction;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --out prometheus-rw=URL}: Prometheus remote-write 1.0 (a snappy-compressed protobuf
 * {@code WriteRequest}, {@code Content-Encoding: snappy}, {@code X-Prometheus-Remote-Write-Version: 0.1.0}) once a
 * second, of the run's totals so far as the pull endpoint has them ({@link PrometheusSeries}: the same names, trends
 * as classic histograms), each series with the run's {@code testid} label. Trends are also sent as native
 * histograms (schema 3) under their base name, until the receiver refuses a request for them (Prometheus without
 * {@code --enable-feature=native-histograms} answers with an error naming native histograms): from then on the
 * output sends classic buckets only, says so once, and resends that batch at once without them. Totals are cumulative, so a dropped batch
 * loses one point of the graph, not a count: the next batch carries it.
 *
 * <p>The engine's thread only adds the interval to the totals and queues an immutable snapshot; encoding,
 * compressing and sending happen on the {@link PushQueue}'s thread, at most {@value #QUEUE_BATCHES} batches
 * waiting, each request bounded by {@link #REQUEST_TIMEOUT}, the last deliveries by {@link #FLUSH_BUDGET}.
 * 2xx is delivered; 5xx, 429 and network failures are retried while no newer batch waits; other answers are
 * dropped (remote-write's rules for a sender).
 */
public final class RemoteWriteOutput implements LiveOutput {
    /** The most batches (seconds of the run) that wait for a slow receiver; older ones are dropped first. */
    public static final int QUEUE_BATCHES = 10;
    /** How long one request may take, connect to last byte of the answer (k6's remote-write default). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long the end of a run waits for the last batches. */
    public static final Duration FLUSH_BUDGET = Duration.ofSeconds(3);
    /** The label every series carries, k6's name for the run's id. */
    public static final String TEST_ID_LABEL = "testid";

    /** The {@code prometheus-rw} kind. */
    public static final OutputKind KIND = new OutputKind() {
        @Override
        public String name() {
            return "prometheus-rw";
        }

        @Override
        public String argumentLabel() {
            return "URL";
        }

        @Override
        public String help() {
            return "push to a Prometheus remote-write receiver once a second, e.g. http://127.0.0.1:9090/api/v1/write";
        }

        @Override
        public void check(String argument) {
            url(argument);
        }

        @Override
        public LiveOutput open(String argument, OutputContext context) throws IOException {
            return new RemoteWriteOutput(url(argument), context);
        }
    };

    private final URI url;
    private final String description;
    private final String testId;
    private final PrometheusSeries series;
    private final HttpClient client;
    private final PushQueue<Batch> queue;
    private long lastTimestampMillis;
    /** Delivery thread only: false once the receiver refused native histograms. */
    private boolean nativeHistograms = true;
    private final java.util.function.Consumer<String> warnings;

    private RemoteWriteOutput(URI url, OutputContext context) throws IOException {
        this.url = url;
        // messages and the summary name the receiver without its query (a token may stand there) or user info
        this.description = KIND.name() + "=" + Redaction.text(url.getRawQuery() == null ? url.toString()
                : url.toString().substring(0, url.toString().indexOf('?')) + "?…");
        this.testId = context.testId();
        this.series = new PrometheusSeries(context.thresholds(), context.redact(), true);
        this.warnings = context.warnings();
        try {
            Snappy.compress(new byte[]{1}); // loads the native library now: a failure stops the run before it starts
        } catch (Throwable e) { // UnsatisfiedLinkError or SnappyError from the loader
            throw new IOException("snappy-java could not load its native library (java.io.tmpdir must allow executables): " + e);
        }
        this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
        this.queue = new PushQueue<>(description, QUEUE_BATCHES, this::send, context.warnings());
    }

    /** A checked remote-write URL: absolute http or https with a host. */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("prometheus-rw: '" + Redaction.text(text) + "' is not a URL (" + e.getReason()
                    + "); expected an http:// or https:// URL such as http://127.0.0.1:9090/api/v1/write");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("prometheus-rw: expected an http:// or https:// URL such as"
                    + " http://127.0.0.1:9090/api/v1/write, got '" + Redaction.text(text) + "'");
        }
        return uri;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void accept(IntervalSnapshot snapshot, long endedAtEpochMillis) {
        series.add(snapshot);
        // strictly increasing per series, or Prometheus answers "out of order sample" (a wall clock may step back)
        long ts = Math.max(endedAtEpochMillis, lastTimestampMillis + 1);
        lastTimestampMillis = ts;
        queue.offer(new Batch(series.snapshot(), ts));
    }

    @Override
    public LiveOutputHealth health() {
        return queue.health();
    }

    @Override
    public void close() {
        queue.close(FLUSH_BUDGET);
        client.shutdownNow();
    }

    private PushQueue.Delivery send(Batch batch) throws InterruptedException {
        boolean withNative = nativeHistograms;
        PushQueue.Delivery d = send(batch, withNative);
        if (withNative && d instanceof PushQueue.Delivery.Problem p && p.problem().toLowerCase(java.util.Locale.ROOT).contains("histogram")) {
            nativeHistograms = false;
            warnings.accept("--out " + description + ": the receiver refused native histograms (" + p.problem()
                    + "); sending classic buckets only");
            return send(batch, false);
        }
        return d;
    }

    private PushQueue.Delivery send(Batch batch, boolean withNative) throws InterruptedException {
        byte[] body;
        try {
            body = Snappy.compress(WriteRequestEncoder.encode(batch.totals(), batch.timestampMillis(), TEST_ID_LABEL, testId,
                    withNative));
        } catch (IOException e) {
            return new PushQueue.Delivery.Rejected("snappy: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", "headroom")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = pending.get(REQUEST_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new PushQueue.Delivery.Retry("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new PushQueue.Delivery.Retry("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
            }
            return new PushQueue.Delivery.Retry("cannot reach the receiver: " + (cause instanceof java.net.ConnectException
                    ? "connection refused" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        int status = response.statusCode();
        if (status / 100 == 2) return PushQueue.Delivery.SENT;
        String problem = "HTTP " + status + answer(response.body());
        return status / 100 == 5 || status == 429 ? new PushQueue.Delivery.Retry(problem) : new PushQueue.Delivery.Rejected(problem);
    }

    /** The receiver's reason, on one short line. */
    private static String answer(String body) {
        if (body == null || body.isBlank()) return "";
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** The totals at one instant; immutable. */
    private record Batch(MetricSnapshots totals, long timestampMillis) {}
}
