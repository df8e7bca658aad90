package io.headroom.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Opens channels to a target, plaintext (h2c) or TLS with the JVM's trust store. Stateless and thread-safe. */
public final class GrpcChannels {
    private GrpcChannels() {}

    /**
     * What a channel is opened with; one channel per distinct value per VU.
     *
     * @param caCert PEM certificates to trust instead of the JVM's trust store (TLS only); null for the JVM's
     */
    public record ChannelSpec(String target, boolean plaintext, int maxMessageBytes, java.nio.file.Path caCert) {
        public ChannelSpec(String target, boolean plaintext, int maxMessageBytes) {
            this(target, plaintext, maxMessageBytes, null);
        }

        public ChannelSpec {
            if (plaintext && caCert != null) throw new IllegalArgumentException("a CA certificate is for TLS, not plaintext");
            if (target == null || target.isBlank()) throw new IllegalArgumentException("a gRPC target such as 127.0.0.1:9090");
            if (maxMessageBytes < 1 || maxMessageBytes > GrpcLimits.MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("maxMessageBytes must be 1.." + GrpcLimits.MAX_MESSAGE_BYTES + ", got " + maxMessageBytes);
            }
        }
    }

    /**
     * A new channel for {@code spec}: it connects lazily, on its first call. The caller closes it
     * ({@link #close(ManagedChannel)}).
     */
    public static ManagedChannel open(ChannelSpec spec) {
        ChannelCredentials credentials;
        if (spec.plaintext()) {
            credentials = InsecureChannelCredentials.create();
        } else if (spec.caCert() != null) {
            try {
                credentials = TlsChannelCredentials.newBuilder().trustManager(spec.caCert().toFile()).build();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + spec.caCert() + ": " + e.getMessage(), e);
            }
        } else {
            credentials = TlsChannelCredentials.create();
        }
        // directExecutor: callbacks run on the transport's thread and hand over to the VU's thread, without a pool between.
        return Grpc.newChannelBuilder(spec.target(), credentials)
                .maxInboundMessageSize(spec.maxMessageBytes())
                .directExecutor()
                .userAgent("headroom")
                .build();
    }

    /**
     * Connects {@code channel} and waits until it is READY, has failed to connect (TRANSIENT_FAILURE: the first
     * call then fails with UNAVAILABLE, as it would have) or {@code max} has passed; so a VU's first call is timed
     * without the connection, as k6's {@code client.connect} is outside {@code grpc_req_duration}.
     *
     * @return the state it ended in
     */
    public static ConnectivityState awaitReady(ManagedChannel channel, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY && state != ConnectivityState.TRANSIENT_FAILURE
                && state != ConnectivityState.SHUTDOWN) {
            long left = end - System.nanoTime();
            if (left <= 0) break;
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            changed.await(left, TimeUnit.NANOSECONDS);
            state = channel.getState(false);
        }
        return state;
    }

    /** Shuts a channel down, waiting up to a second for calls in flight, then cancels what is left. */
    public static void close(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(1, TimeUnit.SECONDS)) channel.shutdownNow();
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
