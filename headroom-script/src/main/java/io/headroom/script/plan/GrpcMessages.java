package io.headroom.script.plan;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.headroom.script.plan.YamlTree.Kind;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a grpc step's request, as written in YAML, against its message type before any load is sent: every key
 * a field of the type (by its proto or JSON name), every value of the field's shape, constants of the field's
 * type. A value that is a {@code ${...}} reference is checked when the call is made. Stateless.
 */
final class GrpcMessages {
    private GrpcMessages() {}

    static void check(NodeReader r, YNode node, Descriptor type, String path) {
        if (!(node instanceof YMap m)) {
            r.error(node, path, "expected a " + type.getFullName() + " message as a mapping of its fields, found " + NodeReader.found(node));
            return;
        }
        for (YEntry e : m.entries()) {
            FieldDescriptor f = field(type, e.key());
            String p = path + "." + e.key();
            if (f == null) {
                List<String> names = new ArrayList<>();
                for (FieldDescriptor fd : type.getFields()) names.add(fd.getJsonName());
                for (FieldDescriptor fd : type.getFields()) if (!names.contains(fd.getName())) names.add(fd.getName());
                r.error(e.keyMark(), p, "message " + type.getFullName() + " has no field '" + e.key() + "'"
                        + Suggestions.closest(e.key(), names).map(Suggestions::didYouMean)
                        .orElse("; its fields are " + (names.isEmpty() ? "none" : String.join(", ", names))));
                continue;
            }
            value(r, e.value(), f, p);
        }
    }

    private static FieldDescriptor field(Descriptor type, String key) {
        FieldDescriptor f = type.findFieldByName(key);
        if (f != null) return f;
        for (FieldDescriptor fd : type.getFields()) if (fd.getJsonName().equals(key)) return fd;
        return null;
    }

    private static void value(NodeReader r, YNode node, FieldDescriptor f, String path) {
        if (isReference(node) || isNull(node)) return;
        if (f.isMapField()) {
            if (!(node instanceof YMap)) r.error(node, path, "field " + f.getName() + " is a map: expected a mapping, found " + NodeReader.found(node));
            return;
        }
        if (f.isRepeated()) {
            if (!(node instanceof YList l)) {
                r.error(node, path, "field " + f.getName() + " is repeated: expected a list, found " + NodeReader.found(node));
                return;
            }
            for (int i = 0; i < l.items().size(); i++) single(r, l.items().get(i), f, path + "[" + i + "]");
            return;
        }
        single(r, node, f, path);
    }

    private static void single(NodeReader r, YNode node, FieldDescriptor f, String path) {
        if (isReference(node) || isNull(node)) return;
        String expected = switch (f.getJavaType()) {
            case MESSAGE -> {
                // Well-known types have JSON forms of their own (a Timestamp is a string): left to JsonFormat.
                if (f.getMessageType().getFullName().startsWith("google.protobuf.")) yield null;
                if (node instanceof YMap) {
                    check(r, node, f.getMessageType(), path);
                    yield null;
                }
                yield "a " + f.getMessageType().getFullName() + " message (a mapping)";
            }
            case INT, LONG -> node instanceof YScalar s && (s.kind() == Kind.INT || (s.kind() == Kind.STRING && s.value().matches("-?\\d+")))
                    ? null : "an integer";
            case FLOAT, DOUBLE -> node instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.FLOAT
                    || (s.kind() == Kind.STRING && s.value().matches("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?|NaN|-?Infinity")))
                    ? null : "a number";
            case BOOLEAN -> node instanceof YScalar s && s.kind() == Kind.BOOL ? null : "true or false";
            case STRING, BYTE_STRING -> node instanceof YScalar s && s.kind() != Kind.NULL ? null : "a string";
            case ENUM -> enumValue(node, f);
        };
        if (expected != null) {
            r.error(node, path, "field " + f.getName() + " (" + typeName(f) + ") expects " + expected + ", found " + NodeReader.found(node));
        }
    }

    private static String enumValue(YNode node, FieldDescriptor f) {
        String values = String.join(", ", f.getEnumType().getValues().stream().map(EnumValueDescriptor::getName).toList());
        if (node instanceof YScalar s && s.kind() == Kind.INT) return null;
        if (node instanceof YScalar s && s.kind() == Kind.STRING && f.getEnumType().findValueByName(s.value()) != null) return null;
        return "one of " + values;
    }

    private static String typeName(FieldDescriptor f) {
        return switch (f.getJavaType()) {
            case MESSAGE -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean isReference(YNode node) {
        return node instanceof YScalar s && s.kind() == Kind.STRING && s.value().contains("${");
    }

    private static boolean isNull(YNode node) {
        return node instanceof YScalar s && s.kind() == Kind.NULL;
    }
}
