package io.headroom.script.plan;

import io.headroom.http.HttpMethod;
import io.headroom.http.HttpSessionOptions;
import io.headroom.script.ExpectedStatuses;
import io.headroom.script.HttpDefaults;
import io.headroom.script.Params;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP request steps: {@code get: URL} (and the other methods) with request options beside it, or
 * {@code request: {method, url, ...}} for any method. Everything known at load time is built once. Stateless.
 */
final class RequestStepReader implements StepReader {
    /** The HTTP methods that are step kinds of their own. */
    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options");
    /** The options of a request step, beside its method key or inside {@code request}. */
    static final KeyTable<Void> OPTIONS = KeyTable.of("name", "headers", "query", "json", "form", "body", "timeout",
            "redirects", "expectedStatuses", "responseBodyLimit", "discardResponseBody", "traceContext", "httpVersion", "tags", "checks",
            "extract");
    private static final KeyTable<Void> STEP_KEYS = KeyTable.of("request");
    private static final KeyTable<Void> REQUEST_KEYS = requestKeys();

    private static KeyTable<Void> requestKeys() {
        List<String> keys = new ArrayList<>(List.of("method", "url"));
        keys.addAll(OPTIONS.keys());
        return KeyTable.of(keys.toArray(String[]::new));
    }

    @Override
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>(METHODS);
        kinds.add("request");
        return kinds;
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        if (kind.key().equals("request")) {
            STEP_KEYS.reportUnknown(r, map, path);
            Optional<YMap> read = r.map(kind.value(), path + ".request", "a mapping with method, url and request options");
            if (read.isEmpty()) return Optional.empty();
            YMap req = read.get();
            REQUEST_KEYS.reportUnknown(r, req, path + ".request");
            Optional<String> methodText = req.has("method") ? r.nonEmptyText(req.get("method"), path + ".request.method", "an HTTP method")
                    : Optional.empty();
            if (!req.has("method")) r.error(kind.keyMark(), path + ".request", "missing 'method'");
            if (!req.has("url")) r.error(kind.keyMark(), path + ".request", "missing 'url'");
            if (methodText.isEmpty() || !req.has("url")) return Optional.empty();
            String method = methodText.get();
            if (!method.matches("[A-Za-z]+")) {
                r.error(req.get("method"), path + ".request.method", "expected an HTTP method such as GET, found \"" + method + "\"");
                return Optional.empty();
            }
            return request(flow, method.toUpperCase(Locale.ROOT), req.get("url"), path + ".request.url", req, path + ".request");
        }
        List<String> allowed = new ArrayList<>(List.of(kind.key()));
        allowed.addAll(OPTIONS.keys());
        r.onlyKeys(map, path, allowed);
        return request(flow, kind.key().toUpperCase(Locale.ROOT), kind.value(), path + "." + kind.key(), map, path);
    }

    private static Optional<FlowStep> request(FlowCompiler flow, String method, YNode urlNode, String urlPath, YMap map, String path) {
        NodeReader r = flow.r;
        int before = flow.ctx.problems.size();
        Optional<Template> url = flow.template(urlNode, urlPath, "a URL (absolute, or relative to baseUrl)");
        if (url.isPresent() && url.get().source().isBlank()) {
            r.error(urlNode, urlPath, "expected a URL, found an empty string");
        } else if (url.isPresent()) {
            RequestRules.requestUrlProblem(url.get(), flow.ctx.hasBaseUrl).ifPresent(p -> r.error(urlNode, urlPath, p));
        }
        Params params = Params.none();
        if (map.has("name")) {
            Optional<String> name = r.nonEmptyText(map.get("name"), path + ".name", "a request name").map(Template::unescape);
            if (name.isPresent()) params = params.name(name.get());
        } else if (url.isPresent() && (!url.get().isConstant() || map.has("query"))) {
            // Like k6's http.url``: the URL as written, references and all, keeps the name tag's cardinality low.
            // (A constant URL without query is named as written anyway, and its redirect hops by their own paths.)
            params = params.name(url.get().source());
        }
        List<FlowStep.Field> dynamicHeaders = new ArrayList<>();
        if (map.has("headers")) {
            Optional<YMap> headers = r.map(map.get("headers"), path + ".headers", "a mapping of header names to values");
            if (headers.isPresent()) {
                for (YEntry e : headers.get().entries()) {
                    String headerPath = path + ".headers." + e.key();
                    Optional<String> nameProblem = RequestRules.headerNameProblem(e.key());
                    nameProblem.ifPresent(p -> r.error(e.keyMark(), headerPath, p));
                    Optional<Template> read = flow.template(e.value(), headerPath, "a header value");
                    if (read.isEmpty() || nameProblem.isPresent()) continue;
                    Template t = read.get();
                    Optional<String> valueProblem = RequestRules.headerValueProblem(t.literalParts());
                    if (valueProblem.isPresent()) {
                        r.error(e.value(), headerPath, valueProblem.get());
                        continue;
                    }
                    if (t.isConstant()) params = params.header(e.key(), t.constant());
                    else dynamicHeaders.add(new FlowStep.Field(e.key(), t));
                }
            }
        }
        List<FlowStep.Field> query = map.has("query") ? fields(flow, map.get("query"), path + ".query", "query parameter") : List.of();
        List<String> bodyKeys = map.entries().stream().map(YEntry::key).filter(k -> List.of("json", "form", "body").contains(k)).toList();
        FlowStep.BodySpec body = null;
        if (bodyKeys.size() > 1) {
            r.error(map.entry(bodyKeys.get(1)).keyMark(), path, "a request has one body, found both '" + bodyKeys.get(0)
                    + "' and '" + bodyKeys.get(1) + "'");
        } else if (map.has("json")) {
            Optional<JsonTemplate.JNode> json = json(flow, map.get("json"), path + ".json");
            if (json.isPresent()) body = new FlowStep.JsonBody(new JsonTemplate(json.get()));
        } else if (map.has("form")) {
            body = new FlowStep.FormBody(fields(flow, map.get("form"), path + ".form", "form field"));
        } else if (map.has("body")) {
            Optional<Template> t = flow.template(map.get("body"), path + ".body", "the body text");
            if (t.isPresent()) body = new FlowStep.TextBody(t.get());
        }
        if (map.has("timeout")) {
            Optional<Duration> d = r.positiveDuration(map.get("timeout"), path + ".timeout");
            if (d.isPresent()) params = params.timeout(d.get());
        }
        if (map.has("redirects")) {
            Optional<Integer> n = r.nonNegativeInt(map.get("redirects"), path + ".redirects");
            if (n.isPresent()) params = params.redirects(n.get());
        }
        if (map.has("httpVersion")) {
            Optional<io.headroom.http.HttpVersion> v = HttpSection.httpVersion(r, map.get("httpVersion"), path + ".httpVersion");
            if (v.isPresent()) params = params.httpVersion(v.get());
        }
        if (map.has("expectedStatuses")) {
            Optional<ExpectedStatuses> s = CommonReads.statuses(r, map.get("expectedStatuses"), path + ".expectedStatuses");
            if (s.isPresent()) params = params.expectedStatuses(s.get());
        }
        if (map.has("tags")) {
            for (Map.Entry<String, String> t : CommonReads.tags(r, map.get("tags"), path + ".tags").entrySet()) {
                params = params.tag(t.getKey(), t.getValue());
            }
        }
        Optional<Long> bodyLimit = map.has("responseBodyLimit") ? r.byteSize(map.get("responseBodyLimit"),
                path + ".responseBodyLimit", 0, HttpSessionOptions.MAX_RESPONSE_BODY_LIMIT_BYTES) : Optional.empty();
        Optional<Boolean> discard = map.has("discardResponseBody")
                ? r.bool(map.get("discardResponseBody"), path + ".discardResponseBody") : Optional.empty();
        if (bodyLimit.isPresent()) params = params.responseBodyLimit(bodyLimit.get());
        if (discard.isPresent()) params = params.discardResponseBody(discard.get());
        if (map.has("traceContext")) {
            Optional<Boolean> trace = r.bool(map.get("traceContext"), path + ".traceContext");
            if (trace.isPresent()) params = params.traceContext(trace.get());
        }
        List<ResponseCheck> checks = map.has("checks") ? CheckReader.checks(flow, map.get("checks"), path + ".checks") : List.of();
        Map<String, Extractor> extract = map.has("extract") ? ExtractReader.extract(flow, map.get("extract"), path + ".extract") : Map.of();
        checkBodyIsKept(flow, map, path, keptBodyBytes(flow.ctx.http, bodyLimit, discard), checks, extract);
        // Nothing in a flow reads a body but its checks and extractions: without them the body is read, counted
        // and dropped (timings and data_received unchanged), so a plan step allocates no body it never looks at.
        if (bodyLimit.isEmpty() && discard.isEmpty() && !readsBody(checks, extract)) params = params.responseBodyLimit(0);
        if (flow.ctx.problems.size() > before || url.isEmpty()) return Optional.empty();
        return Optional.of(new FlowStep.Request(HttpMethod.of(method), url.get(), query, params, List.copyOf(dynamicHeaders), body, checks, extract));
    }

    /** How much of the step's response body is kept: its own limit, else its discard, else the plan's defaults. */
    private static long keptBodyBytes(HttpDefaults http, Optional<Long> limit, Optional<Boolean> discard) {
        if (limit.isPresent()) return limit.get();
        boolean discarded = discard.orElse(http.discardResponseBodies());
        return discarded ? 0 : http.responseBodyLimitBytes();
    }

    private static boolean readsBody(List<ResponseCheck> checks, Map<String, Extractor> extract) {
        for (ResponseCheck c : checks) {
            if (readsBody(c)) return true;
        }
        for (Extractor e : extract.values()) {
            if (readsBody(e)) return true;
        }
        return false;
    }

    /** Exhaustive, so that a new check kind has to say whether it needs the body kept. */
    private static boolean readsBody(ResponseCheck c) {
        return switch (c) {
            case ResponseCheck.Body b -> true;
            case ResponseCheck.Json j -> true;
            case ResponseCheck.Status s -> false;
            case ResponseCheck.Header h -> false;
            case ResponseCheck.Timing t -> false;
        };
    }

    private static boolean readsBody(Extractor e) {
        return switch (e) {
            case Extractor.FromJson j -> true;
            case Extractor.FromRegex r -> true;
            case Extractor.FromHeader h -> false;
        };
    }

    /** A check or extraction on a body that is never kept would always fail: say so before any load is sent. */
    private static void checkBodyIsKept(FlowCompiler flow, YMap map, String path, long keptBytes,
                                        List<ResponseCheck> checks, Map<String, Extractor> extract) {
        if (keptBytes > 0) return;
        String why = map.has("responseBodyLimit") ? "its responseBodyLimit is 0"
                : map.has("discardResponseBody") ? "it sets discardResponseBody: true"
                : "http.discardResponseBodies is true";
        for (ResponseCheck c : checks) {
            if (readsBody(c)) {
                flow.r.error(map.entry("checks").keyMark(), path + ".checks", "check '" + c.name()
                        + "' reads the response body, but this step keeps none (" + why
                        + "); set discardResponseBody: false (or a responseBodyLimit) on the step");
            }
        }
        for (Map.Entry<String, Extractor> e : extract.entrySet()) {
            if (readsBody(e.getValue())) {
                flow.r.error(map.entry("extract").keyMark(), path + ".extract." + e.getKey(), "extracting '" + e.getKey()
                        + "' reads the response body, but this step keeps none (" + why
                        + "); set discardResponseBody: false (or a responseBodyLimit) on the step");
            }
        }
    }

    private static List<FlowStep.Field> fields(FlowCompiler flow, YNode node, String path, String what) {
        NodeReader r = flow.r;
        Optional<YMap> map = r.map(node, path, "a mapping of " + what + " names to values");
        if (map.isEmpty()) return List.of();
        List<FlowStep.Field> fields = new ArrayList<>();
        for (YEntry e : map.get().entries()) {
            flow.template(e.value(), path + "." + e.key(), "a " + what + " value")
                    .ifPresent(t -> fields.add(new FlowStep.Field(e.key(), t)));
        }
        return List.copyOf(fields);
    }

    /** A JSON body template; empty for a text that does not compile (reported); an invalid member is left out. */
    static Optional<JsonTemplate.JNode> json(FlowCompiler flow, YNode node, String path) {
        return switch (node) {
            case YMap m -> {
                List<Map.Entry<String, JsonTemplate.JNode>> fields = new ArrayList<>();
                for (YEntry e : m.entries()) {
                    json(flow, e.value(), path + "." + e.key()).ifPresent(v -> fields.add(Map.entry(e.key(), v)));
                }
                yield Optional.of(new JsonTemplate.JObject(List.copyOf(fields)));
            }
            case YList l -> {
                List<JsonTemplate.JNode> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    json(flow, l.items().get(i), path + "[" + i + "]").ifPresent(items::add);
                }
                yield Optional.of(new JsonTemplate.JArray(List.copyOf(items)));
            }
            case YScalar s -> switch (s.kind()) {
                case NULL -> Optional.of(new JsonTemplate.JConstant(null));
                case BOOL -> flow.r.bool(s, path).map(JsonTemplate.JConstant::new);
                case INT -> Optional.of(new JsonTemplate.JConstant(new java.math.BigInteger(s.value().replace("_", ""))));
                case FLOAT -> Optional.of(new JsonTemplate.JConstant(new java.math.BigDecimal(s.value().replace("_", ""))));
                case STRING -> flow.template(s, path, "text").map(JsonTemplate.JText::new);
            };
        };
    }
}
