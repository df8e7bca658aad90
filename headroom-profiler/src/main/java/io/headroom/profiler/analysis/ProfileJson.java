package io.headroom.profiler.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes and reads a {@link ProfileReport} as JSON, schema {@value #SCHEMA}: the {@code schema} field
 * first, then the report's components under their record names ({@code recording}, {@code cpu},
 * {@code allocation}, {@code gc}, {@code locks}, {@code threads}, {@code warnings}), in record order.
 * Stateless and thread-safe.
 */
public final class ProfileJson {
    /** The schema id written into every profile and the only one {@link #fromJson} accepts. */
    public static final String SCHEMA = "headroom.profile/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProfileJson() {}

    /** The report as pretty-printed JSON text ending in a newline. */
    public static String toJson(ProfileReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.setAll((ObjectNode) MAPPER.valueToTree(report));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a ProfileReport always serialises", e);
        }
    }

    /** Writes the report to {@code file} (UTF-8), replacing it. */
    public static void write(ProfileReport report, Path file) throws IOException {
        Files.writeString(file, toJson(report), StandardCharsets.UTF_8);
    }

    /**
     * Reads a report written by {@link #toJson}.
     *
     * @throws IOException when the text is not JSON, lacks the {@value #SCHEMA} schema id, or does not fit
     */
    public static ProfileReport fromJson(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        if (!(root instanceof ObjectNode object)) throw new IOException("a profile is a JSON object");
        JsonNode schema = object.remove("schema");
        if (schema == null || !SCHEMA.equals(schema.asText())) {
            throw new IOException("not a Headroom profile: expected \"schema\": \"" + SCHEMA + "\", got " + schema);
        }
        return MAPPER.treeToValue(object, ProfileReport.class);
    }

    /** Reads a report from {@code file}. */
    public static ProfileReport read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }
}
