package io.headroom.script.plan;

import com.jayway.jsonpath.JsonPath;
import io.headroom.script.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a value out of a response into a VU variable: {@code {json: $.token}}, {@code {header: X-Id}},
 * {@code {regex: 'id=(\d+)'}} (the first group, or the whole match without groups). Returns null when
 * nothing matched. Immutable and thread-safe.
 */
sealed interface Extractor {
    Object extract(Response response);

    /** An indefinite path ({@code $..id}, {@code $[*].id}) takes its first match, so the variable holds one value. */
    record FromJson(JsonPath path) implements Extractor {
        public Object extract(Response r) {
            return firstMatch(path, r.read(path));
        }
    }

    /** The value of a definite path as it is; the first element of an indefinite path's matches, or null for none. */
    static Object firstMatch(JsonPath path, Object value) {
        if (path.isDefinite() || !(value instanceof java.util.List<?> list)) return value;
        return list.isEmpty() ? null : list.get(0);
    }

    record FromHeader(String header) implements Extractor {
        public Object extract(Response r) {
            return r.header(header);
        }
    }

    record FromRegex(Pattern pattern) implements Extractor {
        public Object extract(Response r) {
            Matcher m = pattern.matcher(r.body());
            if (!m.find()) return null;
            return m.groupCount() >= 1 ? m.group(1) : m.group();
        }
    }
}
