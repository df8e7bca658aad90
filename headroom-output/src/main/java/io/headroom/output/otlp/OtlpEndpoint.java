package io.headroom.output.otlp;

import io.headroom.report.Redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The receiver of {@code --out otlp=URL}, checked, and the OTLP transport its scheme picks: {@code http://} and
 * {@code https://} are OTLP/HTTP with protobuf bodies (a URL without a path gets OTLP's {@code /v1/metrics}, as
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} does), {@code grpc://} (plaintext) and {@code grpcs://} (TLS) are OTLP/gRPC,
 * host and port only. Immutable.
 *
 * @param transport how the batches travel
 * @param url       the URL to post to (HTTP) or {@code grpc[s]://host:port} (gRPC), never null
 */
record OtlpEndpoint(Transport transport, URI url) {
    /** OTLP's two transports; gRPC's default port is 4317, HTTP's 4318. */
    enum Transport { HTTP_PROTOBUF, GRPC }

    OtlpEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(url, "url");
    }

    static final String EXAMPLES = "http://127.0.0.1:4318/v1/metrics (OTLP/HTTP) or grpc://127.0.0.1:4317 (OTLP/gRPC)";

    /**
     * Reads {@code text} as typed after {@code otlp=}.
     *
     * @throws IllegalArgumentException naming what is wrong, without the URL's credentials
     */
    static OtlpEndpoint parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("otlp: '" + Redaction.text(text) + "' is not a URL (" + e.getReason()
                    + "); expected " + EXAMPLES);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("grpc")
                || scheme.equals("grpcs"))) {
            throw new IllegalArgumentException("otlp: expected an http://, https://, grpc:// or grpcs:// URL such as "
                    + EXAMPLES + ", got '" + Redaction.text(text) + "'");
        }
        if (scheme.startsWith("grpc")) {
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/") || uri.getRawQuery() != null) {
                throw new IllegalArgumentException("otlp: a grpc:// receiver is host and port only (the method is"
                        + " OTLP's MetricsService/Export), got '" + Redaction.text(text) + "'");
            }
            return new OtlpEndpoint(Transport.GRPC, uri);
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            uri = uri.resolve("/v1/metrics");
        }
        return new OtlpEndpoint(Transport.HTTP_PROTOBUF, uri);
    }

    /** True for {@code https://} and {@code grpcs://}. */
    boolean tls() {
        return url.getScheme().toLowerCase(Locale.ROOT).endsWith("s");
    }

    /** The port, or OTLP's default for the transport (4317 gRPC, 4318 HTTP, 443 with TLS). */
    int port() {
        if (url.getPort() > 0) return url.getPort();
        if (tls()) return 443;
        return transport == Transport.GRPC ? 4317 : 4318;
    }

    /** {@code otlp=URL} without user info or query, for messages and the summary. */
    String description() {
        String shown = url.getRawQuery() == null ? url.toString() : url.toString().substring(0, url.toString().indexOf('?')) + "?…";
        return "otlp=" + Redaction.text(shown);
    }
}
