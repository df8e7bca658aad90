package io.headroom.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One shoot-out run: which transport ({@code socket}, {@code netty} or {@code jdk}), the loopback URL to GET, how
 * many VUs (each a virtual thread with its own session), and the two bounds of the closed loop: a duration and a
 * total request count (split evenly across VUs), whichever ends first. {@code requestTimeout} bounds each request;
 * {@code think} is a pause after each request (zero: back-to-back).
 */
public record ShootoutSettings(String transport, URI url, int vus, Duration duration, long maxRequests,
                               int nettyEventLoopThreads, Duration requestTimeout, Duration think) {
    public static final int DEFAULT_VUS = 50;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(12);
    public static final long DEFAULT_MAX_REQUESTS = 5_000_000;

    public ShootoutSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(think, "think");
        if (think.isNegative()) throw new IllegalArgumentException("--think-millis must be >= 0");
        if (vus < 1) throw new IllegalArgumentException("--vus must be at least 1");
        if (maxRequests < vus) throw new IllegalArgumentException("--max-requests must be at least --vus");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be > 0");
        if (nettyEventLoopThreads < 1) throw new IllegalArgumentException("--netty-threads must be at least 1");
    }
}
