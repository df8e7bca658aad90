package io.headroom.report;

import io.headroom.core.metric.Tags;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A threshold selector in k6 notation, {@code http_req_duration} or {@code http_req_duration{name:/login,method:POST}},
 * split into the metric name and the tags a series must carry. Values keep everything after the first
 * {@code :} of their pair, so {@code url:http://host/x} selects that URL.
 */
record Selector(String metric, Tags tags) {

    static Selector parse(String selector) {
        String text = selector.strip();
        int open = text.indexOf('{');
        if (open < 0 || !text.endsWith("}")) return new Selector(text, Tags.empty());
        Map<String, String> tags = new LinkedHashMap<>();
        String body = text.substring(open + 1, text.length() - 1);
        for (String pair : body.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) continue;
            tags.put(pair.substring(0, colon).strip(), unquote(pair.substring(colon + 1).strip()));
        }
        return new Selector(text.substring(0, open).strip(), Tags.of(tags));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
