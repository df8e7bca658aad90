package io.headroom.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Version-independent HTTP rules (RFC 9110) that every transport applies the same way: which methods are
 * idempotent, which responses have no body, and how a redirect changes the next request. Stateless and
 * thread-safe.
 */
public final class HttpSemantics {
    private HttpSemantics() {}

    /** RFC 9110 §9.2.2: a repeated idempotent request has the same effect, so it may be retried on a stale connection. */
    public static boolean isIdempotent(HttpMethod method) {
        return method.idempotent();
    }

    /** RFC 9110 §6.4.1: responses to HEAD, 1xx, 204 and 304 never carry content, whatever their headers say. */
    public static boolean responseHasBody(HttpMethod requestMethod, int status) {
        if (status < 200 || status == 204 || status == 304) return false;
        return requestMethod != HttpMethod.HEAD;
    }

    /** The status codes of RFC 9110 §15.4 a client follows automatically. */
    public static boolean isFollowedRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The method of the request that follows a redirect, as browsers (Fetch standard) and k6 do: 303 turns every
     * method but GET and HEAD into GET; 301 and 302 turn POST into GET (RFC 9110 §15.4.2/§15.4.3 allow it for
     * historical reasons); 307 and 308 keep the method and the body.
     */
    public static HttpMethod redirectMethod(int status, HttpMethod method) {
        if (status == 303 && method != HttpMethod.GET && method != HttpMethod.HEAD) return HttpMethod.GET;
        if ((status == 301 || status == 302) && method == HttpMethod.POST) return HttpMethod.GET;
        return method;
    }

    /**
     * Resolves a Location header against the URL that answered (RFC 9110 §10.2.2, RFC 3986 §5), dropping any
     * fragment. Characters browsers tolerate but {@link URI} rejects (spaces, non-ASCII) are percent-encoded
     * first. Returns null when the result is not an absolute http(s) URL with a host.
     */
    public static URI resolveLocation(URI base, String location) {
        if (location == null || location.isBlank()) return null;
        String withoutFragment = location.strip();
        int hash = withoutFragment.indexOf('#');
        if (hash >= 0) withoutFragment = withoutFragment.substring(0, hash);
        URI resolved;
        try {
            URI ref = new URI(escapeIllegal(withoutFragment));
            // URI.resolve mishandles a base with an empty path ("http://h" + "a" gives "http://ha").
            URI effectiveBase = base.getRawPath() == null || base.getRawPath().isEmpty()
                    ? URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/")
                    : base;
            resolved = withoutFragment.isEmpty() ? effectiveBase : effectiveBase.resolve(ref);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        String scheme = resolved.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
        if (resolved.getRawAuthority() == null) return null;
        return resolved;
    }

    private static String escapeIllegal(String s) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            char c = s.charAt(i);
            clean = c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`'
                    && c != '{' && c != '|' && c != '}';
        }
        if (clean) return s;
        StringBuilder out = new StringBuilder(s.length() + 16);
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`'
                    && c != '{' && c != '|' && c != '}') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
