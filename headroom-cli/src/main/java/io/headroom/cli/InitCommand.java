package io.headroom.cli;

import io.headroom.report.OutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code headroom init}: writes a commented plan of the right shape and thresholds for one test type. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a commented plan for a test type.",
                "load: expected traffic; stress: capacity, in steps for 'headroom capacity'; soak: leaks over hours; "
                        + "spike: bursts; breakpoint: ramp the arrival rate until the SLO breaks."})
final class InitCommand implements Callable<Integer> {
    /** The test shapes {@code init} knows. */
    enum Shape { LOAD, STRESS, SOAK, SPIKE, BREAKPOINT }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", description = "One of: ${COMPLETION-CANDIDATES}.",
            converter = ShapeConverter.class, completionCandidates = ShapeNames.class)
    Shape shape;

    @Option(names = "--url", paramLabel = "URL", required = true,
            description = "The URL to test, e.g. http://127.0.0.1:8080/products (base URL and path are split).")
    String url;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the plan (default: TYPE.yaml).")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--url: not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new UsageException("--url: expected an absolute http(s) URL like http://127.0.0.1:8080/products, got \"" + url + "\"");
        }
        String base = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Path file = output != null ? output : Path.of(shape.name().toLowerCase(Locale.ROOT) + ".yaml");
        if (Files.exists(file) && !force) throw new UsageException(file + " exists; choose another --output or add --force");
        if (!SummaryFiles.write("--output", file, plan(shape, base, path), spec.commandLine().getOut(),
                spec.commandLine().getErr())) {
            return ExitCode.OUTPUTS_NOT_WRITTEN.code();
        }
        // With -o -, stdout holds the plan alone.
        if (!OutputFile.isStdout(file)) spec.commandLine().getOut().println("Wrote " + file + " (" + shape.name().toLowerCase(Locale.ROOT)
                + " test of " + base + path + "). Check it with: headroom validate " + file);
        return ExitCode.OK.code();
    }

    static String plan(Shape shape, String baseUrl, String path) {
        String header = switch (shape) {
            case LOAD -> """
                    # Load test: does the service meet its objectives at the traffic you expect?
                    # Use it for: expected traffic (a normal busy day). For capacity use stress or breakpoint,
                    # for leaks soak, for bursts spike (headroom init TYPE --url URL).
                    # Ramp up to the expected users, hold, ramp down; the thresholds are your objectives.
                    # Realistic: ramp 5-10 minutes, hold 30-60 minutes at your expected peak users.
                    """;
            case STRESS -> """
                    # Stress test: how much can the service take, and how does it fail?
                    # Use it for: capacity. Steps of growing concurrency, each held long enough to settle, so that
                    # 'headroom capacity summary.json' can fit the Universal Scalability Law to the steps
                    # (knee, peak concurrency, maximum throughput, where the SLO breaks).
                    # Realistic: hold each step 2-5 minutes and go to 2-3x the expected peak.
                    """;
            case SOAK -> """
                    # Soak test: does the service stay healthy under steady load for hours?
                    # Use it for: leaks (memory, connections, threads, disk) and slow drift in latency.
                    # Realistic: 4-12 hours at about the average daily load; raise maxDuration with the duration.
                    # Compare the first and last minutes: 'headroom diagnose' and the report's charts.
                    """;
            case SPIKE -> """
                    # Spike test: what happens when traffic jumps suddenly (a sale, a push, a retry storm),
                    # and does the service recover afterwards?
                    # Use it for: bursts. Realistic: jump to 5-10x normal within seconds, hold 1-3 minutes,
                    # then watch the recovery for several minutes.
                    """;
            case BREAKPOINT -> """
                    # Breakpoint test: raise the arrival rate steadily until the objectives break, then stop.
                    # Use it for: capacity, when you want the highest rate that still meets the SLO. Open model:
                    # requests keep arriving on schedule even when the service slows down, so queueing shows.
                    # The abortOnFail threshold stops the run once the SLO breaks; the last rate that held is the
                    # answer (see the live progress and 'headroom diagnose'). Do not run it against production.
                    """;
        };
        String body = switch (shape) {
            case LOAD -> """
                    thresholds:
                      http_req_duration: ["p(95)<500", "p(99)<1000"]   # milliseconds
                      http_req_failed: ["rate<0.01"]
                      checks: ["rate>0.99"]
                    scenarios:
                      average_day:
                        executor: ramping-vus
                        startVUs: 0
                        stages:
                          - {duration: 1m, target: 20}   # ramp up to the expected users
                          - {duration: 5m, target: 20}   # hold
                          - {duration: 30s, target: 0}   # ramp down
                    %s
                          - think: 1s..3s                # real users pause between actions
                    """;
            case STRESS -> """
                    thresholds:
                      http_req_failed: ["rate<0.05"]
                    scenarios:
                      steps:
                        executor: ramping-vus
                        startVUs: 1
                        gracefulRampDown: 10s
                        stages:                          # short ramps, long holds: one load level per hold
                          - {duration: 1m, target: 5}
                          - {duration: 5s, target: 10}
                          - {duration: 1m, target: 10}
                          - {duration: 5s, target: 20}
                          - {duration: 1m, target: 20}
                          - {duration: 5s, target: 40}
                          - {duration: 1m, target: 40}
                          - {duration: 5s, target: 80}
                          - {duration: 1m, target: 80}
                    %s
                    """;
            case SOAK -> """
                    maxDuration: 5h                      # safety bound; keep it above the duration
                    thresholds:
                      http_req_duration: ["p(95)<500"]
                      http_req_failed: ["rate<0.01"]
                    scenarios:
                      steady:
                        executor: constant-vus
                        vus: 10
                        duration: 4h
                    %s
                          - think: 1s..3s
                    """;
            case SPIKE -> """
                    thresholds:
                      http_req_failed: ["rate<0.05"]
                      http_req_duration: ["p(99)<2000"]
                    scenarios:
                      burst:
                        executor: ramping-vus
                        startVUs: 5
                        gracefulRampDown: 10s
                        stages:
                          - {duration: 1m, target: 5}    # normal traffic
                          - {duration: 10s, target: 50}  # the spike
                          - {duration: 2m, target: 50}   # hold it
                          - {duration: 10s, target: 5}   # back to normal
                          - {duration: 3m, target: 5}    # recovery: do latency and errors settle again?
                    %s
                          - think: 500ms..1s
                    """;
            case BREAKPOINT -> """
                    thresholds:
                      http_req_failed: [{threshold: "rate<0.05", abortOnFail: true, delayAbortEval: 10s}]
                      http_req_duration: [{threshold: "p(95)<500", abortOnFail: true, delayAbortEval: 10s}]
                    scenarios:
                      ramp:
                        executor: ramping-arrival-rate
                        startRate: 10
                        timeUnit: 1s
                        preAllocatedVUs: 20
                        maxVUs: 500                      # dropped_iterations > 0 means the generator, not the target, ran out
                        stages:
                          - {duration: 10m, target: 1000}  # climbs until a threshold stops it
                    %s
                    """;
        };
        // Indented to sit under the scenario (text blocks strip common indentation, so spelled out).
        String flow = "    flow:\n"
                + "      - get: " + yamlString(path) + "\n"
                + "        name: main\n"
                + "        checks: [{status: 200}]";
        return header + "name: " + shape.name().toLowerCase(Locale.ROOT) + "\n"
                + "baseUrl: ${ENV:BASE_URL:-" + baseUrl + "}\n\n"
                + body.formatted(flow.stripTrailing()).stripTrailing() + "\n";
    }

    private static String yamlString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Parses TYPE case-insensitively, listing the valid names otherwise. */
    static final class ShapeConverter implements picocli.CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            try {
                return Shape.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown test type '" + value + "'; expected one of load, stress, soak, spike, breakpoint");
            }
        }
    }

    /** The TYPE names for help and completion. */
    static final class ShapeNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Shape.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
