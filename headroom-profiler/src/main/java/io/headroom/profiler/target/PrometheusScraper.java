package io.headroom.profiler.target;

import io.headroom.core.metric.Metrics;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --monitor-prometheus URL}: scrapes a target's Prometheus text endpoint once a second on a thread of
 * its own and records the chosen metrics as gauges {@code target_<name>} (labels become tags), from the
 * engine's interval thread, which only reads the last scrape and so never waits for the network. A failed
 * scrape keeps the previous values out of the next interval and is reported once. Thread-safe.
 */
public final class PrometheusScraper implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofMillis(900);

    /** One sample of the text format: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final URI url;
    private final Set<String> names;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AtomicReference<List<Sample>> latest = new AtomicReference<>(List.of());
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;

    /** A scraper of {@code url} keeping the metrics named in {@code names}; not started. */
    public PrometheusScraper(URI url, Set<String> names) {
        this.url = url;
        this.names = Set.copyOf(names);
        this.thread = Thread.ofPlatform().daemon().name("headroom-prometheus-scraper").unstarted(this::loop);
    }

    /** Scrapes once (so a wrong URL fails before the run), then keeps scraping every second. */
    public void start() throws IOException {
        latest.set(scrape());
        thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(1_000);
                latest.set(scrape());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                latest.set(List.of());
                problem.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    private List<Sample> scrape() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "text/plain").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() != 200) throw new IOException(url + " answered " + response.statusCode());
        List<Sample> chosen = new ArrayList<>();
        for (Sample s : parse(response.body())) if (names.contains(s.name())) chosen.add(s);
        return chosen;
    }

    /** Engine thread: records the last scrape's chosen samples. */
    public void sample(Metrics metrics) {
        for (Sample s : latest.get()) {
            metrics.gauge("target_" + s.name().replace(':', '_'), ValueType.DEFAULT, Tags.of(s.labels())).set(s.value());
        }
    }

    /** The first scrape failure, or null. */
    public String problem() {
        return problem.get();
    }

    /** Parses the Prometheus text exposition format; comments and malformed lines are skipped. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int i = 0;
            while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ' && line.charAt(i) != '\t') i++;
            String name = line.substring(0, i);
            Map<String, String> labels = new LinkedHashMap<>();
            if (i < line.length() && line.charAt(i) == '{') {
                i = labels(line, i + 1, labels);
                if (i < 0) continue;
            }
            String[] rest = line.substring(i).strip().split("\\s+");
            if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) continue;
            try {
                samples.add(new Sample(name, labels, parseValue(rest[0])));
            } catch (NumberFormatException malformed) {
                // not a sample line we understand: skipped
            }
        }
        return samples;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Reads {@code k="v",...}} from {@code from}; returns the index after the closing brace, -1 if malformed. */
    private static int labels(String line, int from, Map<String, String> into) {
        int i = from;
        while (i < line.length()) {
            while (i < line.length() && (line.charAt(i) == ',' || line.charAt(i) == ' ')) i++;
            if (i < line.length() && line.charAt(i) == '}') return i + 1;
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') return -1;
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length() && line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            if (j >= line.length()) return -1;
            into.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
