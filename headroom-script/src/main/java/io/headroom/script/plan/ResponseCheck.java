package io.headroom.script.plan;

import com.jayway.jsonpath.JsonPath;
import io.headroom.script.ExpectedStatuses;
import io.headroom.script.JsonPaths;
import io.headroom.script.Response;
import io.headroom.script.Vu;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One check of a plan's request step, recorded in {@code checks{check:<name>}}. A failed request (status
 * 0) fails every check but {@code json: {exists: false}}. Immutable and thread-safe.
 */
sealed interface ResponseCheck {
    String name();

    boolean test(Response response, Vu vu);

    /** {@code status: 200}, {@code status: [200, 201]}, {@code status: "200-299"}. */
    record Status(String name, ExpectedStatuses statuses) implements ResponseCheck {
        public boolean test(Response r, Vu vu) {
            return statuses.contains(r.status());
        }
    }

    enum Match { EQUALS, CONTAINS, MATCHES }

    /** {@code header: {name: X-Id, equals|contains|matches: ...}}; {@code matches} searches with a regex. */
    record Header(String name, String header, Match match, Template expected, Pattern pattern) implements ResponseCheck {
        public boolean test(Response r, Vu vu) {
            String value = r.header(header);
            if (value == null) return false;
            return switch (match) {
                case EQUALS -> value.equals(expected.render(vu));
                case CONTAINS -> value.contains(expected.render(vu));
                case MATCHES -> pattern.matcher(value).find();
            };
        }
    }

    /** {@code body: {contains: ...}} or {@code body: {matches: regex}} (a search, not a full match). */
    record Body(String name, Template contains, Pattern pattern) implements ResponseCheck {
        public boolean test(Response r, Vu vu) {
            if (r.error() != null) return false;
            return pattern != null ? pattern.matcher(r.body()).find() : r.body().contains(contains.render(vu));
        }
    }

    /**
     * {@code json: {path: $.token, exists: true}} or {@code json: {path: $.count, equals: 5}}; an indefinite
     * path ({@code $..id}) checks its first match.
     */
    record Json(String name, JsonPath path, Boolean exists, Template equals) implements ResponseCheck {
        public boolean test(Response r, Vu vu) {
            Object value = Extractor.firstMatch(path, r.read(path));
            if (exists != null) return exists == (value != null);
            return equalsExpected(value, equals.renderValue(vu));
        }

        static boolean equalsExpected(Object actual, Object expected) {
            if (actual == null || expected == null) return actual == expected;
            if (actual instanceof Number a) {
                try {
                    BigDecimal e = new BigDecimal(expected.toString().strip());
                    return new BigDecimal(a.toString()).compareTo(e) == 0;
                } catch (NumberFormatException ex) {
                    return false;
                }
            }
            return JsonPaths.asText(actual).equals(JsonPaths.asText(expected));
        }
    }

    /** {@code duration: {below: 500ms}}: the service time of the request's last hop. */
    record Timing(String name, Duration below) implements ResponseCheck {
        public boolean test(Response r, Vu vu) {
            return r.error() == null && r.timings().durationNanos() < below.toNanos();
        }
    }
}
