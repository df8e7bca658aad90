package io.headroom.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.SchemaLoader;
import com.squareup.wire.schema.internal.SchemaEncoder;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads .proto files at run time, with no protoc and no build step: Square's Wire parses and links them, and
 * protobuf-java builds descriptors from Wire's encoding of each file. Imports resolve against the folder given
 * (the plan's). Bounded by {@link GrpcLimits#MAX_PROTO_FILES}, {@link GrpcLimits#MAX_PROTO_FILE_BYTES} and
 * {@link GrpcLimits#MAX_PROTO_TOTAL_BYTES}. Stateless and thread-safe.
 */
public final class ProtoFiles {
    private ProtoFiles() {}

    /**
     * Loads {@code files} (paths relative to {@code dir}) and what they import.
     *
     * @throws GrpcSchemaException for a missing, oversized or invalid file; the message names the file (and line, from Wire)
     */
    public static GrpcSchema load(Path folder, List<String> files) throws GrpcSchemaException {
        Path dir = folder.toAbsolutePath().normalize();
        if (files.isEmpty()) throw new GrpcSchemaException("no .proto file given");
        long total = 0;
        for (String f : files) {
            Path p = dir.resolve(f).normalize();
            if (!Files.isRegularFile(p)) throw new GrpcSchemaException("no .proto file " + p);
            total += checkedSize(p);
        }
        if (total > GrpcLimits.MAX_PROTO_TOTAL_BYTES) throw tooLarge(total);
        Schema schema;
        try {
            SchemaLoader loader = new SchemaLoader(FileSystems.getDefault());
            List<Location> sources = new ArrayList<>();
            for (String f : files) sources.add(Location.get(dir.toString(), Path.of(f).normalize().toString()));
            loader.initRoots(sources, List.of(Location.get(dir.toString())));
            schema = loader.loadSchema();
        } catch (Exception e) { // Kotlin code: an IOException may come undeclared
            throw new GrpcSchemaException(wireMessage(e));
        }
        List<ProtoFile> protoFiles = schema.getProtoFiles();
        if (protoFiles.size() > GrpcLimits.MAX_PROTO_FILES + 16) { // Wire adds its own google/protobuf and wire/ files
            throw new GrpcSchemaException("the .proto files import " + protoFiles.size() + " files; at most "
                    + GrpcLimits.MAX_PROTO_FILES + " are read");
        }
        SchemaEncoder encoder = new SchemaEncoder(schema);
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        int own = 0;
        for (ProtoFile pf : protoFiles) {
            String name = pf.getLocation().getPath();
            if (name.startsWith("google/protobuf/") || name.startsWith("wire/")) continue;
            Path p = dir.resolve(name);
            if (!files.contains(name) && Files.isRegularFile(p)) total += checkedSize(p);
            if (++own > GrpcLimits.MAX_PROTO_FILES) {
                throw new GrpcSchemaException("more than " + GrpcLimits.MAX_PROTO_FILES + " .proto files (imports included)");
            }
            if (total > GrpcLimits.MAX_PROTO_TOTAL_BYTES) throw tooLarge(total);
            try {
                protos.put(name, FileDescriptorProto.parseFrom(encoder.encode(pf).toByteArray()));
            } catch (InvalidProtocolBufferException e) {
                throw new GrpcSchemaException("cannot encode " + name + ": " + e.getMessage());
            }
        }
        return new GrpcSchema(FileDescriptors.build(protos));
    }

    private static GrpcSchemaException tooLarge(long total) {
        return new GrpcSchemaException("the .proto files hold " + total + " bytes together; at most "
                + GrpcLimits.MAX_PROTO_TOTAL_BYTES + " are read");
    }

    private static long checkedSize(Path p) throws GrpcSchemaException {
        try {
            long size = Files.size(p);
            if (size > GrpcLimits.MAX_PROTO_FILE_BYTES) {
                throw new GrpcSchemaException(p + " is " + size + " bytes; a .proto file may be at most "
                        + GrpcLimits.MAX_PROTO_FILE_BYTES);
            }
            return size;
        } catch (IOException e) {
            throw new GrpcSchemaException("cannot read " + p + ": " + e.getMessage());
        }
    }

    /** Wire's messages hold the file and line already; keep their first lines. */
    private static String wireMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String[] lines = m.strip().split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 4); i++) {
            if (i > 0) sb.append("; ");
            sb.append(lines[i].strip());
        }
        return sb.toString();
    }
}
