package io.headroom.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One virtual user's cookies with the storage and matching rules of RFC 6265 §5 (the model of Go's
 * {@code net/http/cookiejar}, which k6 uses): {@code Set-Cookie} is stored per domain and path, sent back on
 * requests whose host domain-matches and whose path path-matches, dropped when expired, and {@code Secure}
 * cookies go only over https. Without a public-suffix list, a {@code Domain} attribute without a dot (such as
 * {@code com}) is accepted only when it equals the host. Expiry uses wall-clock epoch milliseconds from the
 * injected clock. Thread-safe by one monitor per jar: owned by one session, whose batch lanes (parallel HTTP/1.1
 * connections of one VU) may use it at once; it is never shared between VUs, so the monitor is uncontended outside
 * a batch.
 */
public final class CookieJar {
    /** A stored cookie; {@code expiresAtEpochMillis} is {@link Long#MAX_VALUE} for a session cookie. */
    public record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                         boolean httpOnly, long expiresAtEpochMillis) {}

    /** Bounds memory when a server sets cookies with ever-changing names; RFC 6265 §6.1 asks for at least 3000. */
    static final int MAX_COOKIES = 3000;

    private static final Comparator<Cookie> LONGER_PATH_FIRST =
            (a, b) -> Integer.compare(b.path().length(), a.path().length());

    private final LongSupplier epochMillisClock;
    /** In creation order, which is the tie-break when sending (RFC 6265 §5.4 step 2). */
    private final ArrayList<Cookie> cookies = new ArrayList<>();
    /** Reused per request so that matching allocates nothing when no cookie matches. */
    private final ArrayList<Cookie> matches = new ArrayList<>();

    public CookieJar() {
        this(System::currentTimeMillis);
    }

    public CookieJar(LongSupplier epochMillisClock) {
        this.epochMillisClock = epochMillisClock;
    }

    public synchronized boolean isEmpty() {
        return cookies.isEmpty();
    }

    /** A snapshot of the unexpired cookies, oldest first. */
    public synchronized List<Cookie> cookies() {
        removeExpired(epochMillisClock.getAsLong());
        return List.copyOf(cookies);
    }

    public synchronized void clear() {
        cookies.clear();
    }

    /**
     * Applies one {@code Set-Cookie} header value received from {@code host} (lower case, no port) for a request
     * to {@code requestPath}; an invalid or rejected cookie is ignored, as user agents do (RFC 6265 §5.3).
     */
    public synchronized void setCookie(String host, String requestPath, String setCookieValue) {
        long nowMillis = epochMillisClock.getAsLong();
        int semicolon = setCookieValue.indexOf(';');
        String pair = semicolon < 0 ? setCookieValue : setCookieValue.substring(0, semicolon);
        int eq = pair.indexOf('=');
        if (eq < 0) return;
        String name = pair.substring(0, eq).strip();
        String value = pair.substring(eq + 1).strip();
        if (name.isEmpty()) return;

        String domainAttribute = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        long expiresAt = Long.MAX_VALUE;
        boolean maxAgeSeen = false;
        int from = semicolon;
        while (from >= 0) {
            int next = setCookieValue.indexOf(';', from + 1);
            String av = next < 0 ? setCookieValue.substring(from + 1) : setCookieValue.substring(from + 1, next);
            from = next;
            int avEq = av.indexOf('=');
            String attribute = (avEq < 0 ? av : av.substring(0, avEq)).strip().toLowerCase(Locale.ROOT);
            String attributeValue = avEq < 0 ? "" : av.substring(avEq + 1).strip();
            switch (attribute) {
                case "expires" -> {
                    if (!maxAgeSeen) {
                        long parsed = parseCookieDate(attributeValue);
                        if (parsed != Long.MIN_VALUE) expiresAt = parsed;
                    }
                }
                case "max-age" -> {
                    Long seconds = parseMaxAge(attributeValue);
                    if (seconds != null) {
                        maxAgeSeen = true;
                        expiresAt = seconds <= 0 ? Long.MIN_VALUE : saturatedAdd(nowMillis, seconds);
                    }
                }
                case "domain" -> {
                    if (!attributeValue.isEmpty()) {
                        String d = attributeValue.startsWith(".") ? attributeValue.substring(1) : attributeValue;
                        domainAttribute = d.toLowerCase(Locale.ROOT);
                    }
                }
                case "path" -> path = attributeValue.startsWith("/") ? attributeValue : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> { /* SameSite and extensions do not change what a non-browser client sends */ }
            }
        }

        String domain;
        boolean hostOnly;
        if (domainAttribute == null || domainAttribute.isEmpty()) {
            domain = host;
            hostOnly = true;
        } else {
            if (!domainMatches(host, domainAttribute)) return;
            // No public-suffix list: refuse a bare top-level domain unless it is the host itself.
            if (domainAttribute.indexOf('.') < 0 && !domainAttribute.equals(host)) return;
            domain = domainAttribute;
            hostOnly = false;
        }
        if (path == null) path = defaultPath(requestPath);

        int existing = indexOf(name, domain, path);
        if (expiresAt <= nowMillis) {
            if (existing >= 0) cookies.remove(existing);
            return;
        }
        Cookie cookie = new Cookie(name, value, domain, hostOnly, path, secure, httpOnly, expiresAt);
        if (existing >= 0) {
            cookies.set(existing, cookie); // keeps the old creation order, RFC 6265 §5.3 step 11.3
        } else {
            if (cookies.size() >= MAX_COOKIES) removeExpired(nowMillis);
            if (cookies.size() >= MAX_COOKIES) cookies.remove(0);
            cookies.add(cookie);
        }
    }

    /**
     * The {@code Cookie} header value for a request to {@code host} (lower case) and {@code requestPath} over a
     * secure channel or not, longest path first (RFC 6265 §5.4), or null when no cookie applies.
     */
    public synchronized String cookieHeader(boolean secureChannel, String host, String requestPath) {
        if (cookies.isEmpty()) return null;
        long nowMillis = epochMillisClock.getAsLong();
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        matches.clear();
        boolean expiredSeen = false;
        for (int i = 0; i < cookies.size(); i++) {
            Cookie c = cookies.get(i);
            if (c.expiresAtEpochMillis() <= nowMillis) {
                expiredSeen = true;
                continue;
            }
            if (c.secure() && !secureChannel) continue;
            boolean hostOk = c.hostOnly() ? c.domain().equals(host) : domainMatches(host, c.domain());
            if (hostOk && pathMatches(path, c.path())) matches.add(c);
        }
        if (expiredSeen) removeExpired(nowMillis);
        if (matches.isEmpty()) return null;
        if (matches.size() > 1) matches.sort(LONGER_PATH_FIRST); // stable: ties stay in creation order
        StringBuilder header = new StringBuilder(32 * matches.size());
        for (int i = 0; i < matches.size(); i++) {
            if (i > 0) header.append("; ");
            Cookie c = matches.get(i);
            header.append(c.name()).append('=').append(c.value());
        }
        matches.clear();
        return header.toString();
    }

    private int indexOf(String name, String domain, String path) {
        for (int i = 0; i < cookies.size(); i++) {
            Cookie c = cookies.get(i);
            if (c.name().equals(name) && c.domain().equals(domain) && c.path().equals(path)) return i;
        }
        return -1;
    }

    private void removeExpired(long nowMillis) {
        cookies.removeIf(c -> c.expiresAtEpochMillis() <= nowMillis);
    }

    /** RFC 6265 §5.1.3; an IP address matches only itself. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) return true;
        if (!host.endsWith(domain) || host.length() <= domain.length()) return false;
        if (host.charAt(host.length() - domain.length() - 1) != '.') return false;
        return !isIpLiteral(host);
    }

    /** RFC 6265 §5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) return true;
        if (!requestPath.startsWith(cookiePath)) return false;
        return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
    }

    /** RFC 6265 §5.1.4: the directory of the request path. */
    static String defaultPath(String requestPath) {
        if (requestPath == null || requestPath.isEmpty() || requestPath.charAt(0) != '/') return "/";
        int lastSlash = requestPath.lastIndexOf('/');
        return lastSlash == 0 ? "/" : requestPath.substring(0, lastSlash);
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0 || host.startsWith("[")) return true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) return false;
        }
        return true;
    }

    private static Long parseMaxAge(String s) {
        if (s.isEmpty()) return null;
        char first = s.charAt(0);
        if (first != '-' && (first < '0' || first > '9')) return null;
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException tooManyDigits) {
            return first == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long nowMillis, long seconds) {
        if (seconds > (Long.MAX_VALUE - nowMillis) / 1000) return Long.MAX_VALUE - 1;
        return nowMillis + seconds * 1000;
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};

    /**
     * The lenient cookie-date algorithm of RFC 6265 §5.1.1 (it accepts RFC 1123, RFC 850, asctime and the
     * Netscape {@code 21-Oct-2015} forms alike); returns epoch milliseconds, or {@link Long#MIN_VALUE} when
     * the date is invalid (the attribute is then ignored).
     */
    static long parseCookieDate(String s) {
        int hour = -1, minute = -1, second = -1, day = -1, month = -1, year = -1;
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isDelimiter(s.charAt(i))) i++;
            int start = i;
            while (i < n && !isDelimiter(s.charAt(i))) i++;
            if (start == i) continue;
            String token = s.substring(start, i);
            if (hour < 0) {
                int[] hms = parseTime(token);
                if (hms != null) {
                    hour = hms[0];
                    minute = hms[1];
                    second = hms[2];
                    continue;
                }
            }
            if (day < 0) {
                int digits = leadingDigits(token);
                if (digits >= 1 && digits <= 2 && digits == token.length()) {
                    day = Integer.parseInt(token);
                    continue;
                }
            }
            if (month < 0 && token.length() >= 3) {
                String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
                int m = java.util.Arrays.asList(MONTHS).indexOf(prefix);
                if (m >= 0) {
                    month = m + 1;
                    continue;
                }
            }
            if (year < 0) {
                int digits = leadingDigits(token);
                if (digits >= 2 && digits <= 4) year = Integer.parseInt(token.substring(0, digits));
            }
        }
        if (hour < 0 || day < 0 || month < 0 || year < 0) return Long.MIN_VALUE;
        if (year >= 70 && year <= 99) year += 1900;
        else if (year >= 0 && year <= 69) year += 2000;
        if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return Long.MIN_VALUE;
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.DateTimeException invalidDay) {
            return Long.MIN_VALUE;
        }
    }

    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40) || (c >= 0x5b && c <= 0x60)
                || (c >= 0x7b && c <= 0x7e);
    }

    private static int leadingDigits(String token) {
        int d = 0;
        while (d < token.length() && token.charAt(d) >= '0' && token.charAt(d) <= '9') d++;
        return d;
    }

    private static int[] parseTime(String token) {
        String[] parts = token.split(":", -1);
        if (parts.length != 3) return null;
        int[] hms = new int[3];
        for (int p = 0; p < 3; p++) {
            String part = p == 2 ? part2(parts[2]) : parts[p];
            if (part.isEmpty() || part.length() > 2 || leadingDigits(part) != part.length()) return null;
            hms[p] = Integer.parseInt(part);
        }
        return hms;
    }

    /** The seconds field may be followed by non-digits (RFC 6265 §5.1.1 time-field). */
    private static String part2(String s) {
        return s.substring(0, leadingDigits(s));
    }
}
