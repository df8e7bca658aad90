package io.headroom.http.socket;

import io.headroom.http.HttpError;
import io.headroom.http.HttpErrorCode;
import io.headroom.http.HttpHeader;
import io.headroom.http.HttpMethod;
import io.headroom.http.HttpSessionOptions;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The HEADERS of one HTTP/2 request, from the same inputs and in the same order as the HTTP/1.1 head
 * ({@code SocketHttpSession.encodeHead}): pseudo-headers first ({@code :authority} from a Host header when one is
 * given), then User-Agent, default headers not overridden by the request, request headers, credentials from the
 * URL, content-length and cookies. Names are lower-cased and the connection-specific fields HTTP/2 forbids
 * (RFC 9113 §8.2.2) are dropped. Stateless.
 */
final class Http2RequestHeaders {
    private Http2RequestHeaders() {}

    static Http2Headers build(HttpMethod method, URI url, Target target, List<HttpHeader> headers,
                              HttpSessionOptions options, String jarCookies, int bodyLength) throws ExchangeFailure {
        Http2Headers h = new DefaultHttp2Headers(true, headers.size() + 4);
        List<HttpHeader> defaults = options.defaultHeaders();
        String host = find(headers, "Host");
        if (host == null) host = find(defaults, "Host");
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path = path + "?" + url.getRawQuery();
        h.method(method.name()).scheme(target.https() ? "https" : "http")
                .authority(host != null ? host : authority(target)).path(path);
        String userAgent = options.userAgent();
        if (find(headers, "User-Agent") == null && find(defaults, "User-Agent") == null && userAgent != null
                && !userAgent.isEmpty()) {
            h.add("user-agent", userAgent);
        }
        boolean authorizationGiven = false;
        for (HttpHeader d : defaults) {
            if (find(headers, d.name()) != null) continue;
            authorizationGiven |= d.is("Authorization");
            jarCookies = add(h, d, jarCookies);
        }
        for (HttpHeader r : headers) {
            authorizationGiven |= r.is("Authorization");
            jarCookies = add(h, r, jarCookies);
        }
        String userInfo = url.getUserInfo();
        if (userInfo != null && !authorizationGiven) {
            h.add("authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        if (bodyLength > 0 || method.expectsContent()) h.add("content-length", Integer.toString(bodyLength));
        if (jarCookies != null) h.add("cookie", jarCookies);
        return h;
    }

    /** Adds one user header unless HTTP/2 forbids or the session sets it; returns the jar cookies still to send. */
    private static String add(Http2Headers h, HttpHeader header, String jarCookies) throws ExchangeFailure {
        String name = header.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection",
                 "upgrade" -> {
                return jarCookies;
            }
            case "te" -> {
                if (!header.value().strip().equalsIgnoreCase("trailers")) return jarCookies;
            }
            default -> { }
        }
        if (name.isEmpty() || !isToken(name)) throw invalid("invalid header name \"" + header.name() + "\"");
        String value = header.value();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) throw invalid("invalid value for header " + header.name());
        }
        if (name.equals("cookie") && jarCookies != null) {
            h.add(name, value + "; " + jarCookies);
            return null;
        }
        h.add(name, value);
        return jarCookies;
    }

    private static String authority(Target target) {
        String host = target.ipv6() ? "[" + target.host() + "]" : target.host();
        return target.defaultPort() ? host : host + ":" + target.port();
    }

    private static String find(List<HttpHeader> headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).is(name)) return headers.get(i).value();
        }
        return null;
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static ExchangeFailure invalid(String message) {
        return new ExchangeFailure(new HttpError(HttpErrorCode.GENERIC, message), false);
    }
}
