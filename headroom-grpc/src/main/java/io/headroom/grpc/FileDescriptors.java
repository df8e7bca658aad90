package io.headroom.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds linked {@link FileDescriptor}s from {@link FileDescriptorProto}s, dependencies first. Stateless. */
final class FileDescriptors {
    /** protobuf-java's own well-known types, for imports a source did not send. */
    private static final Map<String, FileDescriptor> WELL_KNOWN = wellKnown();

    private FileDescriptors() {}

    private static Map<String, FileDescriptor> wellKnown() {
        Map<String, FileDescriptor> m = new HashMap<>();
        for (FileDescriptor f : List.of(com.google.protobuf.AnyProto.getDescriptor(), com.google.protobuf.ApiProto.getDescriptor(),
                com.google.protobuf.DescriptorProtos.getDescriptor(), com.google.protobuf.DurationProto.getDescriptor(),
                com.google.protobuf.EmptyProto.getDescriptor(), com.google.protobuf.FieldMaskProto.getDescriptor(),
                com.google.protobuf.SourceContextProto.getDescriptor(), com.google.protobuf.StructProto.getDescriptor(),
                com.google.protobuf.TimestampProto.getDescriptor(), com.google.protobuf.TypeProto.getDescriptor(),
                com.google.protobuf.WrappersProto.getDescriptor())) {
            m.put(f.getName(), f);
        }
        return Map.copyOf(m);
    }

    /** Every file of {@code protos} (by name), linked; a missing import or an invalid file is a schema problem. */
    static List<FileDescriptor> build(Map<String, FileDescriptorProto> protos) throws GrpcSchemaException {
        Map<String, FileDescriptor> built = new HashMap<>();
        List<FileDescriptor> out = new ArrayList<>();
        for (String name : protos.keySet()) out.add(build(name, protos, built, new HashSet<>()));
        return out;
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built,
                                        Set<String> visiting) throws GrpcSchemaException {
        FileDescriptor done = built.get(name);
        if (done != null) return done;
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            FileDescriptor known = WELL_KNOWN.get(name);
            if (known != null) return known;
            throw new GrpcSchemaException("import \"" + name + "\" was not found");
        }
        if (!visiting.add(name)) throw new GrpcSchemaException("\"" + name + "\" imports itself (an import cycle)");
        List<FileDescriptor> deps = new ArrayList<>();
        for (String dep : proto.getDependencyList()) {
            // A well-known type protobuf-java already has wins over a copy the source sent: one descriptor per type.
            FileDescriptor wk = WELL_KNOWN.get(dep);
            deps.add(wk != null ? wk : build(dep, protos, built, visiting));
        }
        try {
            FileDescriptor f = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
            built.put(name, f);
            return f;
        } catch (DescriptorValidationException e) {
            throw new GrpcSchemaException("\"" + name + "\" is not a valid schema: " + e.getMessage());
        }
    }
}
