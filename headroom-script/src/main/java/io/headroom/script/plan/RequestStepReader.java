package io.headroom.script.plan;

import io.headroom.script.ExpectedStatuses;
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

/**
 * HTTP request steps: {@code get: URL} (and the other methods) with request options beside it, or
 * {@code request: {method, url, ...}} for any method. Everything known at load time is built once. Stateless.
 */
final class RequestStepReader implements StepReader {
    /** The HTTP methods that are step kinds of their own. */
    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options");
    /** The options of a request step, beside its method key or inside {@code request}. */
    static final KeyTable<Void> OPTIONS = KeyTable.of("name", "headers", "query", "json", "form", "body", "timeout",
            "redirects", "expectedStatuses", "tags", "checks", "extract");
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
    public FlowStep read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        if (kind.key().equals("request")) {
            STEP_KEYS.reportUnknown(r, map, path);
            YMap req = r.map(kind.value(), path + ".request", "a mapping with method, url and request options");
            if (req == null) return null;
            REQUEST_KEYS.reportUnknown(r, req, path + ".request");
            String method = req.has("method") ? r.nonEmptyText(req.get("method"), path + ".request.method", "an HTTP method") : null;
            if (!req.has("method")) r.error(kind.keyMark(), path + ".request", "missing 'method'");
            if (!req.has("url")) r.error(kind.keyMark(), path + ".request", "missing 'url'");
            if (method == null || !req.has("url")) return null;
            if (!method.matches("[A-Za-z]+")) {
                r.error(req.get("method"), path + ".request.method", "expected an HTTP method such as GET, found \"" + method + "\"");
                return null;
            }
            return request(flow, method.toUpperCase(Locale.ROOT), req.get("url"), path + ".request.url", req, path + ".request");
        }
        List<String> allowed = new ArrayList<>(List.of(kind.key()));
        allowed.addAll(OPTIONS.keys());
        r.onlyKeys(map, path, allowed);
        return request(flow, kind.key().toUpperCase(Locale.ROOT), kind.value(), path + "." + kind.key(), map, path);
    }

    private static FlowStep request(FlowCompiler flow, String method, YNode urlNode, String urlPath, YMap map, String path) {
        NodeReader r = flow.r;
        int before = flow.ctx.problems.size();
        Template url = flow.template(urlNode, urlPath, "a URL (absolute, or relative to baseUrl)");
        if (url != null && url.source().isBlank()) {
            r.error(urlNode, urlPath, "expected a URL, found an empty string");
        }
        Params params = Params.none();
        if (map.has("name")) {
            String name = PlanContext.unescaped(r.nonEmptyText(map.get("name"), path + ".name", "a request name"));
            if (name != null) params = params.name(name);
        } else if (url != null && (!url.isConstant() || map.has("query"))) {
            // Like k6's http.url``: the URL as written, references and all, keeps the name tag's cardinality low.
            // (A constant URL without query is named as written anyway, and its redirect hops by their own paths.)
            params = params.name(url.source());
        }
        List<FlowStep.Field> dynamicHeaders = new ArrayList<>();
        if (map.has("headers")) {
            YMap headers = r.map(map.get("headers"), path + ".headers", "a mapping of header names to values");
            if (headers != null) {
                for (YEntry e : headers.entries()) {
                    Template t = flow.template(e.value(), path + ".headers." + e.key(), "a header value");
                    if (t == null) continue;
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
            JsonTemplate.JNode json = json(flow, map.get("json"), path + ".json");
            if (json != null) body = new FlowStep.JsonBody(new JsonTemplate(json));
        } else if (map.has("form")) {
            body = new FlowStep.FormBody(fields(flow, map.get("form"), path + ".form", "form field"));
        } else if (map.has("body")) {
            Template t = flow.template(map.get("body"), path + ".body", "the body text");
            if (t != null) body = new FlowStep.TextBody(t);
        }
        if (map.has("timeout")) {
            Duration d = r.positiveDuration(map.get("timeout"), path + ".timeout");
            if (d != null) params = params.timeout(d);
        }
        if (map.has("redirects")) {
            Integer n = r.nonNegativeInt(map.get("redirects"), path + ".redirects");
            if (n != null) params = params.redirects(n);
        }
        if (map.has("expectedStatuses")) {
            ExpectedStatuses s = CommonReads.statuses(r, map.get("expectedStatuses"), path + ".expectedStatuses").orElse(null);
            if (s != null) params = params.expectedStatuses(s);
        }
        if (map.has("tags")) {
            for (Map.Entry<String, String> t : CommonReads.tags(r, map.get("tags"), path + ".tags").entrySet()) {
                params = params.tag(t.getKey(), t.getValue());
            }
        }
        List<ResponseCheck> checks = map.has("checks") ? CheckReader.checks(flow, map.get("checks"), path + ".checks") : List.of();
        Map<String, Extractor> extract = map.has("extract") ? ExtractReader.extract(flow, map.get("extract"), path + ".extract") : Map.of();
        if (flow.ctx.problems.size() > before || url == null) return null;
        return new FlowStep.Request(method, url, query, params, List.copyOf(dynamicHeaders), body, checks, extract);
    }

    private static List<FlowStep.Field> fields(FlowCompiler flow, YNode node, String path, String what) {
        NodeReader r = flow.r;
        YMap map = r.map(node, path, "a mapping of " + what + " names to values");
        if (map == null) return List.of();
        List<FlowStep.Field> fields = new ArrayList<>();
        for (YEntry e : map.entries()) {
            Template t = flow.template(e.value(), path + "." + e.key(), "a " + what + " value");
            if (t != null) fields.add(new FlowStep.Field(e.key(), t));
        }
        return List.copyOf(fields);
    }

    private static JsonTemplate.JNode json(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        return switch (node) {
            case YMap m -> {
                List<Map.Entry<String, JsonTemplate.JNode>> fields = new ArrayList<>();
                for (YEntry e : m.entries()) {
                    JsonTemplate.JNode v = json(flow, e.value(), path + "." + e.key());
                    if (v != null) fields.add(Map.entry(e.key(), v));
                }
                yield new JsonTemplate.JObject(List.copyOf(fields));
            }
            case YList l -> {
                List<JsonTemplate.JNode> items = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    JsonTemplate.JNode v = json(flow, l.items().get(i), path + "[" + i + "]");
                    if (v != null) items.add(v);
                }
                yield new JsonTemplate.JArray(List.copyOf(items));
            }
            case YScalar s -> switch (s.kind()) {
                case NULL -> new JsonTemplate.JConstant(null);
                case BOOL -> new JsonTemplate.JConstant(r.bool(s, path));
                case INT -> new JsonTemplate.JConstant(new java.math.BigInteger(s.value().replace("_", "")));
                case FLOAT -> new JsonTemplate.JConstant(new java.math.BigDecimal(s.value().replace("_", "")));
                case STRING -> {
                    Template t = flow.template(s, path, "text");
                    yield t == null ? null : new JsonTemplate.JText(t);
                }
            };
        };
    }
}
