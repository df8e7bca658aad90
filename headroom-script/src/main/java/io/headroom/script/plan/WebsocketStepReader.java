package io.headroom.script.plan;

import io.headroom.script.WsParams;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;
import io.headroom.ws.WsLimits;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code websocket: URL} with {@code name}, {@code headers}, {@code subprotocols}, {@code connectTimeout},
 * {@code reply} ({@code order} or a JSON path, for {@code ws_msg_rtt}), the limits, and a {@code session}: a list of
 * {@code send}, {@code expect}, {@code every}, {@code ping}, {@code hold} and {@code close}. Stateless.
 */
final class WebsocketStepReader implements StepReader {
    /** The options beside {@code websocket}. */
    static final KeyTable<Void> OPTIONS = KeyTable.of("name", "headers", "subprotocols", "connectTimeout", "reply",
            "maxMessageSize", "maxQueuedMessages", "session");
    /** The actions of a session, each the one key of its mapping ({@code every} with its options). */
    static final KeyTable<Void> ACTIONS = KeyTable.of("send", "expect", "every", "ping", "hold", "close");
    static final KeyTable<Void> EXPECT_KEYS = KeyTable.of("json", "equals", "regex", "within", "name");
    static final KeyTable<Void> EVERY_KEYS = KeyTable.of("every", "for", "send", "ping");
    private static final KeyTable<Void> SEND_KEYS = KeyTable.of("json", "text");
    private static final Duration DEFAULT_WITHIN = Duration.ofSeconds(5);
    /** Largest {@code maxMessageSize}: 64 MiB. */
    static final long MAX_MESSAGE_SIZE_LIMIT = 64L << 20;
    /** Largest {@code maxQueuedMessages}. */
    static final int MAX_QUEUED_LIMIT = 1_000_000;

    @Override
    public List<String> kinds() {
        return List.of("websocket");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        int before = flow.ctx.problems.size();
        List<String> allowed = new ArrayList<>(List.of("websocket"));
        allowed.addAll(OPTIONS.keys());
        r.onlyKeys(map, path, allowed);
        String urlPath = path + ".websocket";
        Optional<Template> url = flow.template(kind.value(), urlPath, "a ws:// or wss:// URL");
        url.ifPresent(t -> checkUrl(r, kind.value(), urlPath, t));
        WsParams params = WsParams.none();
        if (map.has("name")) {
            Optional<String> n = r.nonEmptyText(map.get("name"), path + ".name", "a name for the session's metrics");
            if (n.isPresent()) params = params.withName(n.get());
        }
        List<FlowStep.Field> headers = new ArrayList<>();
        if (map.has("headers")) {
            Optional<YMap> h = r.map(map.get("headers"), path + ".headers", "a mapping of header names to values");
            if (h.isPresent()) {
                for (YEntry e : h.get().entries()) {
                    String headerPath = path + ".headers." + e.key();
                    RequestRules.headerNameProblem(e.key()).ifPresent(p -> r.error(e.keyMark(), headerPath, p));
                    flow.template(e.value(), headerPath, "a header value").ifPresent(t -> headers.add(new FlowStep.Field(e.key(), t)));
                }
            }
        }
        if (map.has("subprotocols")) {
            List<String> protocols = new ArrayList<>();
            List<YNode> items = r.listOrOne(map.get("subprotocols"));
            for (int i = 0; i < items.size(); i++) {
                Optional<String> p = r.nonEmptyText(items.get(i), path + ".subprotocols[" + i + "]", "a subprotocol name");
                p.ifPresent(protocols::add);
            }
            params = params.withSubprotocols(protocols.toArray(String[]::new));
        }
        if (map.has("connectTimeout")) {
            Optional<Duration> d = r.positiveDuration(map.get("connectTimeout"), path + ".connectTimeout");
            if (d.isPresent()) params = params.withConnectTimeout(d.get());
        }
        if (map.has("reply")) {
            YNode node = map.get("reply");
            Optional<String> text = r.nonEmptyText(node, path + ".reply", "order, or a JSON path such as $.id");
            if (text.isPresent() && text.get().equals("order")) {
                params = params.withReplyByOrder();
            } else if (text.isPresent()) {
                if (flow.jsonPath(node, path + ".reply").isPresent()) params = params.withReplyField(text.get());
            }
        }
        WsLimits limits = WsLimits.defaults();
        if (map.has("maxMessageSize")) {
            Optional<Long> b = r.byteSize(map.get("maxMessageSize"), path + ".maxMessageSize", 1, MAX_MESSAGE_SIZE_LIMIT);
            if (b.isPresent()) limits = limits.withMaxMessageBytes((int) (long) b.get());
        }
        if (map.has("maxQueuedMessages")) {
            Optional<Long> n = r.integer(map.get("maxQueuedMessages"), path + ".maxQueuedMessages", "a number of messages", 1);
            if (n.isPresent() && n.get() > MAX_QUEUED_LIMIT) {
                r.error(map.get("maxQueuedMessages"), path + ".maxQueuedMessages", "expected at most " + MAX_QUEUED_LIMIT + " messages");
            } else if (n.isPresent()) {
                limits = limits.withMaxQueuedMessages((int) (long) n.get());
            }
        }
        params = params.withLimits(limits);
        List<WsActions.Action> session = List.of();
        if (map.has("session")) {
            session = actions(flow, map.get("session"), path + ".session", true);
        } else {
            r.error(kind.keyMark(), path, "missing 'session': the list of send, expect, every, ping, hold and close");
        }
        if (flow.ctx.problems.size() > before || url.isEmpty()) return Optional.empty();
        return Optional.of(new WsActions.Websocket(url.get(), List.copyOf(headers), params, session));
    }

    /** A constant URL must parse; a templated one must at least start with ws:// or wss:// when its start is literal. */
    private static void checkUrl(NodeReader r, YNode node, String path, Template t) {
        String prefix = t.isConstant() ? t.constant() : t.literalPrefix();
        if (prefix.isEmpty() && !t.isConstant()) return;
        String lower = prefix.toLowerCase(java.util.Locale.ROOT);
        boolean schemeKnown = lower.startsWith("ws://") || lower.startsWith("wss://");
        boolean couldStillBe = !t.isConstant() && ("ws://".startsWith(lower) || "wss://".startsWith(lower));
        if (!schemeKnown && !couldStillBe) {
            r.error(node, path, "expected a ws:// or wss:// URL, found \"" + t.source() + "\"");
            return;
        }
        if (t.isConstant()) {
            try {
                URI uri = new URI(prefix);
                if (uri.getHost() == null) r.error(node, path, "expected a ws:// or wss:// URL with a host, found \"" + prefix + "\"");
                else if (uri.getPort() > 65535) r.error(node, path, "the port must be 1..65535, found \"" + prefix + "\"");
            } catch (URISyntaxException e) {
                r.error(node, path, "invalid URL \"" + prefix + "\": " + e.getReason());
            }
        }
    }

    private static List<WsActions.Action> actions(FlowCompiler flow, YNode node, String path, boolean topLevel) {
        NodeReader r = flow.r;
        List<WsActions.Action> out = new ArrayList<>();
        Optional<YList> list = r.list(node, path, "a list of send, expect, every, ping, hold and close");
        if (list.isEmpty()) return out;
        for (int i = 0; i < list.get().items().size(); i++) {
            String itemPath = path + "[" + i + "]";
            Optional<YMap> item = r.map(list.get().items().get(i), itemPath, "an action such as send: hello or hold: 1s");
            if (item.isEmpty()) continue;
            action(flow, item.get(), itemPath).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static Optional<WsActions.Action> action(FlowCompiler flow, YMap map, String path) {
        NodeReader r = flow.r;
        if (map.has("every")) return every(flow, map, path);
        List<YEntry> kinds = map.entries().stream().filter(e -> ACTIONS.knows(e.key())).toList();
        if (kinds.size() != 1) {
            ACTIONS.reportUnknown(r, map, path);
            if (kinds.size() > 1) r.error(kinds.get(1).keyMark(), path, "one action per list item, found '" + kinds.get(0).key()
                    + "' and '" + kinds.get(1).key() + "'");
            else if (map.entries().isEmpty()) r.error(map, path, "expected one of " + String.join(", ", ACTIONS.keys()));
            return Optional.empty();
        }
        ACTIONS.reportUnknown(r, map, path);
        YEntry e = kinds.get(0);
        String p = path + "." + e.key();
        return switch (e.key()) {
            case "send" -> payload(flow, e.value(), p).map(WsActions.Send::new);
            case "expect" -> expect(flow, e.value(), p);
            case "ping" -> Optional.of(new WsActions.Ping());
            case "hold" -> r.duration(e.value(), p).map(WsActions.Hold::new);
            default -> { // close
                if (e.value() instanceof YScalar s && (s.kind() == YamlTree.Kind.NULL || s.value().equals("true"))) {
                    yield Optional.of(new WsActions.Close(1000));
                }
                Optional<Long> code = r.integer(e.value(), p, "a close code 1000..4999 (RFC 6455 section 7.4)", 1000);
                if (code.isEmpty()) yield Optional.empty();
                long c = code.get();
                if (c > 4999 || c == 1004 || c == 1005 || c == 1006 || c == 1015 || (c >= 1012 && c < 3000)) {
                    r.error(e.value(), p, "expected a close code a client may send: 1000-1003, 1007-1011 or 3000-4999, found " + c);
                    yield Optional.empty();
                }
                yield Optional.of(new WsActions.Close((int) c));
            }
        };
    }

    private static Optional<WsActions.Action> every(FlowCompiler flow, YMap map, String path) {
        NodeReader r = flow.r;
        EVERY_KEYS.reportUnknown(r, map, path);
        Optional<Duration> interval = r.positiveDuration(map.get("every"), path + ".every");
        Optional<Duration> during = Optional.empty();
        if (map.has("for")) during = r.positiveDuration(map.get("for"), path + ".for");
        else r.error(map.entry("every").keyMark(), path, "missing 'for': how long to keep sending, e.g. for: 10s");
        List<WsActions.Action> actions = new ArrayList<>();
        if (map.has("send")) payload(flow, map.get("send"), path + ".send").map(WsActions.Send::new).ifPresent(actions::add);
        if (map.has("ping")) actions.add(new WsActions.Ping());
        if (!map.has("send") && !map.has("ping")) r.error(map.entry("every").keyMark(), path, "missing 'send' or 'ping': what to do every time");
        if (interval.isEmpty() || during.isEmpty()) return Optional.empty();
        return Optional.of(new WsActions.Every(interval.get(), during.get(), List.copyOf(actions)));
    }

    /** {@code send: text ${x}}, {@code send: {text: ...}} or {@code send: {json: {...}}}. */
    private static Optional<WsActions.Payload> payload(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        if (node instanceof YMap m) {
            SEND_KEYS.reportUnknown(r, m, path);
            if (m.has("json") == m.has("text")) {
                r.error(m, path, "expected one of 'json' or 'text'");
                return Optional.empty();
            }
            if (m.has("text")) return flow.template(m.get("text"), path + ".text", "the message text").map(WsActions.TextPayload::new);
            return RequestStepReader.json(flow, m.get("json"), path + ".json").map(j -> new WsActions.JsonPayload(new JsonTemplate(j)));
        }
        return flow.template(node, path, "the message text, or {json: ...}").map(WsActions.TextPayload::new);
    }

    private static Optional<WsActions.Action> expect(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "a mapping like {json: $.status, equals: shipped, within: 5s}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        EXPECT_KEYS.reportUnknown(r, m, path);
        int before = flow.ctx.problems.size();
        com.jayway.jsonpath.JsonPath jsonPath = m.has("json") ? flow.jsonPath(m.get("json"), path + ".json").orElse(null) : null;
        Template equals = null;
        if (m.has("equals")) {
            if (!m.has("json")) r.error(m.entry("equals").keyMark(), path + ".equals", "'equals' compares a JSON path's value: add json: $.field");
            equals = flow.template(m.get("equals"), path + ".equals", "the expected value").orElse(null);
        }
        java.util.regex.Pattern regex = m.has("regex") ? flow.regex(m.get("regex"), path + ".regex").orElse(null) : null;
        if (!m.has("json") && !m.has("regex")) r.error(m, path, "expected 'json' (with or without 'equals') or 'regex'");
        Duration within = DEFAULT_WITHIN;
        if (m.has("within")) within = r.positiveDuration(m.get("within"), path + ".within").orElse(DEFAULT_WITHIN);
        String name;
        if (m.has("name")) {
            name = r.nonEmptyText(m.get("name"), path + ".name", "a check name").orElse("");
        } else {
            name = "ws expect " + (m.has("json") ? textOf(m.get("json")) + (m.has("equals") ? " == " + textOf(m.get("equals")) : "") : "")
                    + (m.has("regex") ? (m.has("json") ? " " : "") + "/" + textOf(m.get("regex")) + "/" : "");
        }
        if (flow.ctx.problems.size() > before) return Optional.empty();
        return Optional.of(new WsActions.Expect(name, jsonPath, equals, regex, within));
    }

    private static String textOf(YNode node) {
        return node instanceof YScalar s ? s.value() : "?";
    }
}
