package io.headroom.cli;

import java.net.InetSocketAddress;

/** {@code [HOST:]PORT} of a coordinator's {@code --listen} (no host: every interface, for agents on other hosts). */
final class ListenAddress {
    private ListenAddress() {}

    static InetSocketAddress parse(String option, String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "0.0.0.0" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) host = "0.0.0.0";
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": expected [HOST:]PORT such as 0.0.0.0:7070, got '" + text + "'");
        }
    }
}
