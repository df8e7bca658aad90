package io.headroom.http.socket;

import java.net.IDN;
import java.net.URI;
import java.util.Locale;

/**
 * Where one hop goes: scheme, host (lower case, IPv6 without brackets, IDN in ASCII form) and port (the scheme's
 * default filled in). {@link #parse} returns null for anything that is not an absolute http(s) URL with a host and
 * a valid port, which the session reports as k6's invalid-URL error.
 */
record Target(boolean https, String host, int port, boolean ipv6) {

    static Target parse(URI url) {
        if (url == null || !url.isAbsolute() || url.isOpaque()) return null;
        String scheme = url.getScheme();
        boolean https;
        if ("http".equalsIgnoreCase(scheme)) https = false;
        else if ("https".equalsIgnoreCase(scheme)) https = true;
        else return null;
        String host = url.getHost();
        int port = url.getPort();
        if (host == null) {
            // java.net.URI gives no host for names it deems invalid (underscores, non-ASCII); browsers and Go accept them.
            String authority = url.getAuthority();
            if (authority == null) return null;
            int at = authority.lastIndexOf('@');
            String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0 && hostPort.indexOf(']') < colon) {
                String digits = hostPort.substring(colon + 1);
                if (!digits.isEmpty()) {
                    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 5) return null;
                    port = Integer.parseInt(digits);
                }
                hostPort = hostPort.substring(0, colon);
            }
            host = hostPort;
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#')) return null;
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException notAHostName) {
                return null;
            }
        }
        boolean ipv6 = host.startsWith("[");
        if (ipv6) {
            if (!host.endsWith("]")) return null;
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) return null;
        if (port == -1) port = https ? 443 : 80;
        if (port < 1 || port > 65535) return null;
        return new Target(https, host.toLowerCase(Locale.ROOT), port, ipv6);
    }

    boolean defaultPort() {
        return port == (https ? 443 : 80);
    }

    boolean hostIsIpLiteral() {
        if (ipv6) return true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    /** "host:port" for messages. */
    String authority() {
        return (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
