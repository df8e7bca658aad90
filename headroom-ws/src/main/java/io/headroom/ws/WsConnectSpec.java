package io.headroom.ws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to connect to: a {@code ws://} or {@code wss://} URI, request headers for the upgrade, the subprotocols
 * offered (RFC 6455 section 1.9; empty: none), the connect timeout (TCP, TLS and upgrade together) and the limits.
 * Immutable.
 */
public record WsConnectSpec(URI uri, List<Header> headers, List<String> subprotocols, Duration connectTimeout, WsLimits limits) {
    /** One upgrade request header. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public WsConnectSpec {
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    /** No headers, no subprotocols, a 10 s connect timeout, the default limits. */
    public static WsConnectSpec of(URI uri) {
        return new WsConnectSpec(uri, List.of(), List.of(), Duration.ofSeconds(10), WsLimits.defaults());
    }

    public WsConnectSpec withLimits(WsLimits l) {
        return new WsConnectSpec(uri, headers, subprotocols, connectTimeout, l);
    }

    public WsConnectSpec withHeaders(List<Header> h) {
        return new WsConnectSpec(uri, h, subprotocols, connectTimeout, limits);
    }

    public WsConnectSpec withSubprotocols(List<String> s) {
        return new WsConnectSpec(uri, headers, s, connectTimeout, limits);
    }

    public WsConnectSpec withConnectTimeout(Duration t) {
        return new WsConnectSpec(uri, headers, subprotocols, t, limits);
    }
}
