package io.headroom.script.plan;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.headroom.grpc.DynamicCall;
import io.headroom.grpc.GrpcChannels;
import io.headroom.grpc.GrpcLimits;
import io.headroom.grpc.GrpcSchema;
import io.headroom.grpc.GrpcSchemaException;
import io.headroom.grpc.ProtoFiles;
import io.headroom.grpc.ServerReflection;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code grpc} step: one call to a gRPC service, its message types from {@code proto} files in the plan's
 * folder or from the server's reflection ({@code reflect: true}), read and checked at plan load, so an unknown
 * service or method, a request that does not fit its type, a server without reflection or a missing .proto file
 * stop the run with the plan's line before any load is sent. Stateless (schemas are cached per plan in
 * {@link PlanContext#grpcSchemas}).
 */
final class GrpcStepReader implements StepReader {
    static final KeyTable<Void> KEYS = KeyTable.of("target", "method", "proto", "reflect", "plaintext", "request", "requests",
            "metadata", "deadline", "maxMessageSize", "caCert", "name", "checks");
    private static final KeyTable<Void> STEP_KEYS = KeyTable.of("grpc");
    static final KeyTable<Void> CHECK_KINDS = KeyTable.of("status", "messages", "json");
    /** How long plan load waits for a server's reflection. */
    private static final Duration REFLECTION_DEADLINE = Duration.ofSeconds(10);
    /** k6's default timeout of a gRPC call. */
    static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    @Override
    public List<String> kinds() {
        return List.of("grpc");
    }

    @Override
    public Optional<FlowStep> read(FlowCompiler flow, YMap map, YEntry kind, String path) {
        NodeReader r = flow.r;
        STEP_KEYS.reportUnknown(r, map, path);
        String p = path + ".grpc";
        Optional<YMap> read = r.map(kind.value(), p, "a mapping with target, method and proto or reflect: true");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        int before = flow.ctx.problems.size();
        KEYS.reportUnknown(r, m, p);
        for (String key : List.of("target", "method")) {
            if (!m.has(key)) r.error(kind.keyMark(), p, "missing '" + key + "'");
        }
        Optional<String> target = m.has("target") ? r.nonEmptyText(m.get("target"), p + ".target", "a gRPC target such as 127.0.0.1:9090")
                : Optional.empty();
        Optional<String> method = m.has("method") ? r.nonEmptyText(m.get("method"), p + ".method", "a method as package.Service/Method")
                : Optional.empty();
        boolean plaintext = m.has("plaintext") ? r.bool(m.get("plaintext"), p + ".plaintext").orElse(true) : false;
        int maxMessage = m.has("maxMessageSize") ? r.byteSize(m.get("maxMessageSize"), p + ".maxMessageSize", 1,
                GrpcLimits.MAX_MESSAGE_BYTES).map(Long::intValue).orElse(GrpcLimits.DEFAULT_MAX_MESSAGE_BYTES)
                : GrpcLimits.DEFAULT_MAX_MESSAGE_BYTES;
        Duration deadline = m.has("deadline") ? r.positiveDuration(m.get("deadline"), p + ".deadline").orElse(DEFAULT_DEADLINE)
                : DEFAULT_DEADLINE;
        String name = m.has("name") ? r.nonEmptyText(m.get("name"), p + ".name", "a call name").map(Template::unescape).orElse(null) : null;
        List<FlowStep.Field> metadata = metadata(flow, m, p);
        List<GrpcStep.GrpcCheck> checks = m.has("checks") ? checks(flow, m.get("checks"), p + ".checks") : List.of();
        boolean reflect = m.has("reflect") && r.bool(m.get("reflect"), p + ".reflect").orElse(false);
        if (m.has("proto") == reflect) {
            r.error(kind.keyMark(), p, m.has("proto") ? "give either 'proto' or 'reflect: true', not both"
                    : "missing 'proto' (the .proto files, in the plan's folder) or 'reflect: true' (ask the server)");
        }
        if (m.has("request") && m.has("requests")) r.error(m.entry("requests").keyMark(), p, "give 'request' or 'requests', not both");
        java.nio.file.Path caCert = m.has("caCert") ? caCert(flow, m, p, plaintext) : null;
        if (flow.ctx.problems.size() > before || target.isEmpty() || method.isEmpty()) return Optional.empty();
        GrpcChannels.ChannelSpec spec = new GrpcChannels.ChannelSpec(target.get(), plaintext, maxMessage, caCert);
        Optional<GrpcSchema> schema = reflect ? reflected(flow, spec, method.get(), m.entry("reflect"), p + ".reflect")
                : protos(flow, m.get("proto"), p + ".proto");
        if (schema.isEmpty()) return Optional.empty();
        MethodDescriptor md;
        try {
            md = schema.get().method(method.get());
        } catch (GrpcSchemaException e) {
            r.error(m.get("method"), p + ".method", e.getMessage());
            return Optional.empty();
        }
        DynamicCall call = new DynamicCall(md);
        List<JsonTemplate> requests = requests(flow, m, p, call);
        if (flow.ctx.problems.size() > before) return Optional.empty();
        List<DynamicMessage> constant = constantRequests(flow, m, p, call, schema.get(), requests);
        if (flow.ctx.problems.size() > before) return Optional.empty();
        return Optional.of(new GrpcStep(spec, call, GrpcStep.baseOptions(name), deadline, metadata, requests, constant, schema.get().types(), checks));
    }

    /** {@code caCert: ca.pem}: PEM certificates in the plan's folder, read and parsed now; null when invalid (reported). */
    private static java.nio.file.Path caCert(FlowCompiler flow, YMap m, String p, boolean plaintext) {
        YNode node = m.get("caCert");
        Optional<String> name = flow.r.nonEmptyText(node, p + ".caCert", "a PEM file of CA certificates in the plan's folder");
        if (name.isEmpty()) return null;
        if (plaintext) {
            flow.r.error(node, p + ".caCert", "a CA certificate is for TLS: leave out 'plaintext: true'");
            return null;
        }
        java.nio.file.Path file = flow.ctx.baseDir.resolve(name.get()).toAbsolutePath().normalize();
        try {
            long size = java.nio.file.Files.size(file);
            if (size > GrpcLimits.MAX_CA_CERT_BYTES) {
                flow.r.error(node, p + ".caCert", file + " is " + size + " bytes; at most " + GrpcLimits.MAX_CA_CERT_BYTES + " are read");
                return null;
            }
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
                if (java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                    flow.r.error(node, p + ".caCert", file + " holds no certificate");
                    return null;
                }
            }
            return file;
        } catch (java.nio.file.NoSuchFileException e) {
            flow.r.error(node, p + ".caCert", "no such file " + file);
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            flow.r.error(node, p + ".caCert", "cannot read the certificates in " + file + ": " + e.getMessage());
        }
        return null;
    }

    private static Optional<GrpcSchema> protos(FlowCompiler flow, YNode node, String path) {
        List<String> files = new ArrayList<>();
        for (YNode n : flow.r.listOrOne(node)) flow.r.nonEmptyText(n, path, "a .proto file in the plan's folder").ifPresent(files::add);
        if (files.isEmpty()) return Optional.empty();
        String key = "proto:" + String.join("\n", files);
        Object cached = flow.ctx.grpcSchemas.get(key);
        if (cached == null) {
            try {
                cached = ProtoFiles.load(flow.ctx.baseDir, files);
            } catch (GrpcSchemaException e) {
                cached = e.getMessage();
            }
            flow.ctx.grpcSchemas.put(key, cached);
        }
        if (cached instanceof String problem) {
            flow.r.error(node, path, problem);
            return Optional.empty();
        }
        return Optional.of((GrpcSchema) cached);
    }

    private static Optional<GrpcSchema> reflected(FlowCompiler flow, GrpcChannels.ChannelSpec spec, String method, YEntry at, String path) {
        String m = method.startsWith("/") ? method.substring(1) : method;
        int slash = m.indexOf('/');
        String service = slash > 0 ? m.substring(0, slash) : m;
        String key = "reflect:" + spec + ":" + service;
        Object cached = flow.ctx.grpcSchemas.get(key);
        if (cached == null) {
            ManagedChannel channel = GrpcChannels.open(spec);
            try {
                cached = ServerReflection.fetch(channel, spec.target(), service, REFLECTION_DEADLINE);
            } catch (GrpcSchemaException e) {
                cached = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cached = "interrupted while asking " + spec.target() + " for server reflection";
            } finally {
                GrpcChannels.close(channel);
            }
            flow.ctx.grpcSchemas.put(key, cached);
        }
        if (cached instanceof String problem) {
            flow.r.error(at.value(), path, problem);
            return Optional.empty();
        }
        return Optional.of((GrpcSchema) cached);
    }

    private static List<FlowStep.Field> metadata(FlowCompiler flow, YMap m, String p) {
        if (!m.has("metadata")) return List.of();
        Optional<YMap> read = flow.r.map(m.get("metadata"), p + ".metadata", "a mapping of metadata keys to values");
        if (read.isEmpty()) return List.of();
        List<FlowStep.Field> fields = new ArrayList<>();
        for (YEntry e : read.get().entries()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            String ep = p + ".metadata." + e.key();
            if (!key.matches("[a-z0-9_.-]+") || key.startsWith("grpc-") || key.startsWith(":")) {
                flow.r.error(e.keyMark(), ep, "a metadata key is letters, digits, '-', '_' and '.', not starting with grpc-");
                continue;
            }
            if (key.endsWith("-bin")) {
                flow.r.error(e.keyMark(), ep, "binary metadata (-bin keys) is not supported in plans; use a Java scenario");
                continue;
            }
            flow.template(e.value(), ep, "a metadata value").ifPresent(t -> fields.add(new FlowStep.Field(key, t)));
        }
        return List.copyOf(fields);
    }

    /** The request templates: one for {@code request} (or an empty message), a list for {@code requests}. */
    private static List<JsonTemplate> requests(FlowCompiler flow, YMap m, String p, DynamicCall call) {
        NodeReader r = flow.r;
        boolean clientStreams = call.descriptor().isClientStreaming();
        List<YNode> nodes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (m.has("requests")) {
            if (!clientStreams) {
                r.error(m.entry("requests").keyMark(), p + ".requests", call.fullMethodName()
                        + " takes one request message: use 'request'");
                return List.of();
            }
            Optional<YList> list = r.list(m.get("requests"), p + ".requests", "a list of request messages");
            if (list.isEmpty()) return List.of();
            if (list.get().items().size() > GrpcLimits.MAX_REQUEST_MESSAGES) {
                r.error(m.get("requests"), p + ".requests", "at most " + GrpcLimits.MAX_REQUEST_MESSAGES
                        + " request messages per call, found " + list.get().items().size());
                return List.of();
            }
            for (int i = 0; i < list.get().items().size(); i++) {
                nodes.add(list.get().items().get(i));
                paths.add(p + ".requests[" + i + "]");
            }
        } else if (m.has("request")) {
            nodes.add(m.get("request"));
            paths.add(p + ".request");
        }
        List<JsonTemplate> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            GrpcMessages.check(r, nodes.get(i), call.descriptor().getInputType(), paths.get(i));
            RequestStepReader.json(flow, nodes.get(i), paths.get(i)).ifPresent(j -> out.add(new JsonTemplate(j)));
        }
        if (nodes.isEmpty()) out.add(new JsonTemplate(new JsonTemplate.JObject(List.of())));
        return List.copyOf(out);
    }

    /** The request messages built once, when no request has a reference; null otherwise. A JSON that does not fit is reported. */
    private static List<DynamicMessage> constantRequests(FlowCompiler flow, YMap m, String p, DynamicCall call, GrpcSchema schema,
                                                         List<JsonTemplate> requests) {
        List<DynamicMessage> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            byte[] constant = requests.get(i).constantBytes();
            if (constant == null) return null;
            try {
                out.add(GrpcStep.parse(new String(constant, StandardCharsets.UTF_8), call, schema.types()));
            } catch (IllegalArgumentException e) {
                YNode at = m.has("requests") ? ((YList) m.get("requests")).items().get(i) : m.get("request");
                flow.r.error(at, m.has("requests") ? p + ".requests[" + i + "]" : p + ".request", e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static List<GrpcStep.GrpcCheck> checks(FlowCompiler flow, YNode node, String path) {
        NodeReader r = flow.r;
        Optional<YList> list = r.list(node, path, "a list of checks such as [{status: OK}]");
        if (list.isEmpty()) return List.of();
        List<GrpcStep.GrpcCheck> checks = new ArrayList<>();
        for (int i = 0; i < list.get().items().size(); i++) {
            String cp = path + "[" + i + "]";
            Optional<YMap> read = r.map(list.get().items().get(i), cp, "a check: one of status, messages, json (and an optional name)");
            if (read.isEmpty()) continue;
            YMap c = read.get();
            List<String> allowed = new ArrayList<>(CHECK_KINDS.keys());
            allowed.add("name");
            r.onlyKeys(c, cp, allowed);
            List<YEntry> kinds = c.entries().stream().filter(e -> CHECK_KINDS.knows(e.key())).toList();
            if (kinds.size() != 1) {
                r.error(c, cp, "expected exactly one of status, messages, json");
                continue;
            }
            Optional<String> name = c.has("name") ? r.nonEmptyText(c.get("name"), cp + ".name", "a check name").map(Template::unescape)
                    : Optional.empty();
            YEntry k = kinds.get(0);
            String kp = cp + "." + k.key();
            switch (k.key()) {
                case "status" -> statuses(r, k.value(), kp).ifPresent(codes -> checks.add(new GrpcStep.GrpcCheck.StatusIs(
                        name.orElseGet(() -> "status is " + String.join(" or ", codes.stream().map(Enum::name).toList())), codes)));
                case "messages" -> r.nonNegativeInt(k.value(), kp).ifPresent(n -> checks.add(new GrpcStep.GrpcCheck.Messages(
                        name.orElseGet(() -> n + " messages"), n)));
                default -> json(flow, k.value(), kp, name).ifPresent(checks::add);
            }
        }
        return List.copyOf(checks);
    }

    private static Optional<Set<Status.Code>> statuses(NodeReader r, YNode node, String path) {
        Set<Status.Code> codes = EnumSet.noneOf(Status.Code.class);
        for (YNode n : r.listOrOne(node)) {
            Optional<String> text = r.nonEmptyText(n, path, "a gRPC status code such as OK or NOT_FOUND");
            if (text.isEmpty()) return Optional.empty();
            Status.Code code = code(text.get());
            if (code == null) {
                List<String> names = java.util.Arrays.stream(Status.Code.values()).map(Enum::name).toList();
                r.error(n, path, "unknown gRPC status \"" + text.get() + "\""
                        + Suggestions.closest(text.get().toUpperCase(Locale.ROOT), names).map(Suggestions::didYouMean)
                        .orElse("; expected one of " + String.join(", ", names)));
                return Optional.empty();
            }
            codes.add(code);
        }
        return Optional.of(codes);
    }

    private static Status.Code code(String text) {
        if (text.matches("\\d{1,2}")) {
            int v = Integer.parseInt(text);
            return v < Status.Code.values().length ? Status.Code.values()[v] : null;
        }
        try {
            return Status.Code.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Optional<GrpcStep.GrpcCheck> json(FlowCompiler flow, YNode node, String path, Optional<String> name) {
        NodeReader r = flow.r;
        Optional<YMap> read = r.map(node, path, "{path: $.field, exists: true} or {path: $.field, equals: value}");
        if (read.isEmpty()) return Optional.empty();
        YMap m = read.get();
        r.onlyKeys(m, path, List.of("path", "exists", "equals"));
        if (!m.has("path")) {
            r.error(m, path, "missing 'path', such as $.quantity");
            return Optional.empty();
        }
        if (m.has("exists") == m.has("equals")) {
            r.error(m, path, "expected exactly one of exists, equals");
            return Optional.empty();
        }
        Optional<com.jayway.jsonpath.JsonPath> jp = flow.jsonPath(m.get("path"), path + ".path");
        if (jp.isEmpty()) return Optional.empty();
        String text = ((YScalar) m.get("path")).value();
        if (m.has("exists")) {
            return r.bool(m.get("exists"), path + ".exists").map(e -> new GrpcStep.GrpcCheck.Json(
                    name.orElseGet(() -> "json " + text + (e ? " exists" : " does not exist")), jp.get(), e, null));
        }
        return flow.template(m.get("equals"), path + ".equals", "a value").map(t -> new GrpcStep.GrpcCheck.Json(
                name.orElseGet(() -> "json " + text + " equals " + t.source()), jp.get(), null, t));
    }
}
