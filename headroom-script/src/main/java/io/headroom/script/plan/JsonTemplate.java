package io.headroom.script.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.script.Vu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A JSON body from a plan ({@code json: {user: "${users.name}", quantity: 1}}), compiled once: string
 * leaves are {@link Template}s, other leaves constants. A body without references is encoded once at load
 * time. A leaf that is exactly one reference keeps its value's type, so {@code "${productId}"} extracted
 * as a number is sent as a number. Immutable and thread-safe.
 */
final class JsonTemplate {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    sealed interface JNode permits JObject, JArray, JConstant, JText {}

    record JObject(List<Map.Entry<String, JNode>> fields) implements JNode {}

    record JArray(List<JNode> items) implements JNode {}

    /** A number, boolean or null as written. */
    record JConstant(Object value) implements JNode {}

    record JText(Template template) implements JNode {}

    private final JNode root;
    private final byte[] constantBytes;

    JsonTemplate(JNode root) {
        this.root = root;
        this.constantBytes = isConstant(root) ? write(root, null) : null;
    }

    private static boolean isConstant(JNode node) {
        return switch (node) {
            case JObject o -> o.fields().stream().allMatch(f -> isConstant(f.getValue()));
            case JArray a -> a.items().stream().allMatch(JsonTemplate::isConstant);
            case JConstant c -> true;
            case JText t -> t.template().isConstant();
        };
    }

    /** The encoded body when it holds no reference (shared, callers must not modify it); null otherwise. */
    byte[] constantBytes() {
        return constantBytes;
    }

    /** The encoded body for this VU now; the constant body's array is shared, callers must not modify it. */
    byte[] render(Vu vu) {
        return constantBytes != null ? constantBytes : write(root, vu);
    }

    private static byte[] write(JNode node, Vu vu) {
        try (ByteArrayBuilder buffer = new ByteArrayBuilder(256); JsonGenerator gen = FACTORY.createGenerator(buffer)) {
            gen.setCodec(MAPPER);
            write(gen, node, vu);
            gen.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator gen, JNode node, Vu vu) throws IOException {
        switch (node) {
            case JObject o -> {
                gen.writeStartObject();
                for (Map.Entry<String, JNode> f : o.fields()) {
                    gen.writeFieldName(f.getKey());
                    write(gen, f.getValue(), vu);
                }
                gen.writeEndObject();
            }
            case JArray a -> {
                gen.writeStartArray();
                for (JNode item : a.items()) write(gen, item, vu);
                gen.writeEndArray();
            }
            case JConstant c -> gen.writeObject(c.value());
            case JText t -> {
                Template tpl = t.template();
                if (tpl.isConstant()) {
                    gen.writeString(tpl.constant());
                } else if (tpl.isSingleReference()) {
                    gen.writeObject(tpl.renderValue(vu));
                } else {
                    gen.writeString(tpl.render(vu));
                }
            }
        }
    }
}
