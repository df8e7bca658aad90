package io.headroom.script.plan;

import io.headroom.http.HttpMethod;
import io.headroom.script.BatchRequest;
import io.headroom.script.Body;
import io.headroom.script.Headers;
import io.headroom.script.Params;
import io.headroom.script.Response;
import io.headroom.script.Vu;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One compiled step of a plan's {@code flow}. Immutable and thread-safe: all per-VU state lives in the {@link Vu}.
 * An open set: each step kind's record sits beside its {@link StepReader} (the request step, shared by the HTTP
 * methods and {@code request}, is here with its parts), and nothing switches over the kinds, so a new kind is its
 * reader class alone.
 */
interface FlowStep {
    void run(Vu vu) throws Exception;

    /**
     * Whether everything this step sends goes through the VU's HTTP session, so that a transport redirected to a
     * loopback responder ({@link io.headroom.http.HttpTransport#redirectedTo}) sends nothing to the target. False
     * unless a kind says so: a new kind with its own client is never warmed up against the target by mistake.
     */
    default boolean sendsOnlyOverHttp() {
        return false;
    }

    /** A named header or form field whose value is a template. */
    record Field(String name, Template value) {}

    /** The body of a request step. */
    sealed interface BodySpec {
        Body render(Vu vu);
    }

    record JsonBody(JsonTemplate json) implements BodySpec {
        public Body render(Vu vu) {
            return new Body.Raw(json.render(vu), "application/json");
        }
    }

    record FormBody(List<Field> fields) implements BodySpec {
        public Body render(Vu vu) {
            StringBuilder sb = new StringBuilder();
            for (Field f : fields) {
                if (!sb.isEmpty()) sb.append('&');
                sb.append(URLEncoder.encode(f.name(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(f.value().render(vu), StandardCharsets.UTF_8));
            }
            return new Body.Raw(sb.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
        }
    }

    /** Text sent as it is; no Content-Type unless the step's headers give one. */
    record TextBody(Template text) implements BodySpec {
        public Body render(Vu vu) {
            return new Body.Raw(text.render(vu).getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /**
     * An HTTP request with its checks and extractions. {@code params} holds everything known at load
     * time (name, tags, timeout, redirects, expected statuses, constant headers); headers with references
     * are rendered per request.
     */
    record Request(HttpMethod method, Template url, List<Field> query, Params params, List<Field> dynamicHeaders,
                   BodySpec body, List<ResponseCheck> checks, Map<String, Extractor> extract) implements FlowStep {
        @Override
        public boolean sendsOnlyOverHttp() {
            return true;
        }

        public void run(Vu vu) {
            Params p = params(vu);
            afterResponse(vu, vu.http().request(method, renderUrl(vu), body == null ? null : body.render(vu), p));
        }

        /** This step as one request of a {@code batch} step, rendered for this VU. */
        BatchRequest toBatchRequest(Vu vu) {
            return new BatchRequest(method, renderUrl(vu), body == null ? null : body.render(vu), params(vu));
        }

        /** The load-time params with the headers that are rendered per request. */
        private Params params(Vu vu) {
            Params p = params;
            if (!dynamicHeaders.isEmpty()) {
                Headers h = Headers.none();
                for (Field f : dynamicHeaders) h = h.with(f.name(), f.value().render(vu));
                p = p.withHeaders(h);
            }
            return p;
        }

        /** The step's extractions, then its checks, on the response {@code r}. */
        void afterResponse(Vu vu, Response r) {
            // Extract first, so a check may compare against a value this very response set.
            // Guarded and indexed: an iterator per request over (mostly empty) step lists is garbage on the hot path.
            if (!extract.isEmpty()) {
                for (Map.Entry<String, Extractor> e : extract.entrySet()) {
                    Object value = e.getValue().extract(r);
                    if (value == null) {
                        vu.vars().remove(e.getKey());
                    } else {
                        vu.vars().put(e.getKey(), value);
                    }
                }
            }
            for (int i = 0; i < checks.size(); i++) {
                ResponseCheck c = checks.get(i);
                vu.check(c.name(), safeTest(c, r, vu));
            }
        }

        private static boolean safeTest(ResponseCheck c, Response r, Vu vu) {
            try {
                return c.test(r, vu);
            } catch (RuntimeException e) {
                return false;
            }
        }

        private String renderUrl(Vu vu) {
            String base = url.render(vu);
            if (query.isEmpty()) return base;
            StringBuilder sb = new StringBuilder(base);
            char sep = base.indexOf('?') >= 0 ? '&' : '?';
            for (Field f : query) {
                sb.append(sep).append(URLEncoder.encode(f.name(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(f.value().render(vu), StandardCharsets.UTF_8));
                sep = '&';
            }
            return sb.toString();
        }
    }
}
