package io.headroom.script.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * What a URL or a header must be to be sent, checked on the text known at load time, so that a plan whose
 * every request would fail (a relative URL without a base URL, a space in a URL, port 99999, CR/LF in a header:
 * header injection) is a plan error rather than a run that fails every request. The parts of a template that
 * are only known at run time are checked when the request is sent (the transport answers k6's error codes 1020
 * for a URL, 1000 for a header, and sends nothing). Stateless.
 */
final class RequestRules {
    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private RequestRules() {}

    /** Why {@code url} cannot be a base URL, or empty when it can: absolute http(s), a host, a port 1..65535. */
    static Optional<String> baseUrlProblem(String url) {
        if (url == null || url.isBlank()) return Optional.of("expected an absolute http:// or https:// URL, found an empty string");
        Optional<String> chars = forbiddenUrlChar(url);
        if (chars.isPresent()) return chars;
        return absoluteProblem(url);
    }

    /**
     * Why a request URL cannot be sent, judged on its literal parts (the text between references), or empty when
     * nothing known now rules it out.
     *
     * @param hasBaseUrl whether a base URL is set (by the plan or the command line) or was set wrongly (reported
     *                   already), so a relative URL is no problem of its own
     */
    static Optional<String> requestUrlProblem(Template url, boolean hasBaseUrl) {
        for (String literal : url.literalParts()) {
            Optional<String> chars = forbiddenUrlChar(literal);
            if (chars.isPresent()) return chars;
        }
        String head = url.literalPrefix();
        if (url.isConstant() || head.contains("/") || head.contains("?")) {
            // The authority is known now when the URL is constant or the literal start reaches past it.
            int schemeEnd = head.indexOf("://");
            // A scheme only when it is the URL's start (RFC 3986 §3.1), not "://" inside a query like ?to=http://...
            if (schemeEnd > 0 && SCHEME.matcher(head.substring(0, schemeEnd)).matches()) {
                String scheme = head.substring(0, schemeEnd);
                // Lower case only: the sender takes just "http://" and "https://" as absolute.
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    return Optional.of("expected an http:// or https:// URL (or a path relative to baseUrl), found scheme '"
                            + scheme + "' in \"" + url.source() + "\"");
                }
                int authorityEnd = firstOf(head, schemeEnd + 3, "/?#");
                if (url.isConstant() || authorityEnd >= 0) {
                    String known = authorityEnd >= 0 ? head.substring(0, authorityEnd) : head;
                    return absoluteProblem(known).map(p -> p + " (in \"" + url.source() + "\")");
                }
                return Optional.empty();
            }
        }
        boolean startsWithReference = head.isEmpty() && !url.isConstant();
        boolean absolute = head.startsWith("http://") || head.startsWith("https://");
        if (!hasBaseUrl && !startsWithReference && !absolute) {
            return Optional.of("relative URL \"" + url.source() + "\" needs a baseUrl: set 'baseUrl' at the top of the plan"
                    + " or pass --base-url, or write an absolute http:// URL");
        }
        return Optional.empty();
    }

    /** Why a header name cannot be sent (RFC 9110 §5.1: a token), or empty. */
    static Optional<String> headerNameProblem(String name) {
        if (name.isEmpty()) return Optional.of("a header name cannot be empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return Optional.of("header name \"" + printable(name) + "\" has " + describe(c)
                        + ", which a header name cannot contain (RFC 9110 §5.6.2: letters, digits and !#$%&'*+-.^_`|~)");
            }
        }
        return Optional.empty();
    }

    /** Why a header value's known text cannot be sent (RFC 9110 §5.5: no CR, LF or NUL: header injection), or empty. */
    static Optional<String> headerValueProblem(List<String> literalParts) {
        for (String text : literalParts) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    return Optional.of("header value has " + describe(c) + ", which would end the header and inject"
                            + " what follows (RFC 9110 §5.5); remove it");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> absoluteProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("expected an absolute http:// or https:// URL, found \"" + printable(url) + "\" (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return Optional.of("expected an absolute http:// or https:// URL, found \"" + printable(url) + "\"");
        }
        if (uri.getHost() == null) {
            // What the sender resolves URLs with (java.net.URI) finds no host here: every request would fail with 1020.
            return Optional.of("expected a host name after " + scheme + "://, found \"" + printable(url) + "\"");
        }
        int port = uri.getPort();
        if (port != -1 && (port < 1 || port > 65535)) {
            return Optional.of("port " + port + " is outside 1..65535 in \"" + printable(url) + "\"");
        }
        return Optional.empty();
    }

    private static Optional<String> forbiddenUrlChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.of("a URL cannot contain " + describe(c) + " (found in \"" + printable(text)
                        + "\"); percent-encode it, e.g. a space as %20");
            }
        }
        return Optional.empty();
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) if (chars.indexOf(s.charAt(i)) >= 0) return i;
        return -1;
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\r' -> "a carriage return (CR)";
            case '\n' -> "a line feed (LF)";
            case '\t' -> "a tab";
            case 0 -> "a NUL character";
            default -> String.format("the character U+%04X", (int) c);
        };
    }

    /** The text with CR, LF and other control characters shown as escapes, so a message stays on one line. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
