package io.headroom.grpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** .proto files read at run time (Wire, no protoc): imports, well-known types, and every limit with its control. */
class ProtoFilesTest {
    @TempDir
    Path dir;

    private static final String SHOP = """
            syntax = "proto3";
            package shop;
            import "common.proto";
            import "google/protobuf/timestamp.proto";
            service Orders { rpc Place (Order) returns (common.Ack); rpc Track (Order) returns (stream common.Ack); }
            message Order { int64 id = 1; repeated string items = 2; google.protobuf.Timestamp at = 3; map<string, int32> extra = 4; }
            """;

    @Test
    void readsAFileWithItsImportsAndWellKnownTypes() throws Exception {
        Files.writeString(dir.resolve("common.proto"), "syntax = \"proto3\";\npackage common;\nmessage Ack { bool ok = 1; }\n");
        Files.writeString(dir.resolve("shop.proto"), SHOP);
        GrpcSchema schema = ProtoFiles.load(dir, List.of("shop.proto"));
        assertThat(schema.serviceNames()).containsExactly("shop.Orders");
        // A plan in the working directory has an empty folder; one in a relative folder a relative one: both read.
        Path relative = Path.of("").toAbsolutePath().relativize(dir);
        assertThat(ProtoFiles.load(relative, List.of("shop.proto")).serviceNames()).containsExactly("shop.Orders");
        assertThat(schema.method("shop.Orders/Place").getOutputType().getFullName()).isEqualTo("common.Ack");
        assertThat(schema.method("/shop.Orders/Track").isServerStreaming()).isTrue();
        assertThat(schema.method("shop.Orders/Place").getInputType().findFieldByName("extra").isMapField()).isTrue();
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> schema.method("shop.Orders/Cancel")).getMessage())
                .contains("no method 'Cancel'").contains("Place, Track");
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> schema.method("shop.Order/Place")).getMessage())
                .contains("unknown service 'shop.Order'").contains("shop.Orders");
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> schema.method("Place")).getMessage())
                .contains("package.Service/Method");
    }

    @Test
    void aMissingImportOrASyntaxErrorNamesTheFile() throws Exception {
        Files.writeString(dir.resolve("shop.proto"), SHOP);
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, List.of("shop.proto"))).getMessage())
                .contains("common.proto");
        Files.writeString(dir.resolve("broken.proto"), "syntax = \"proto3\";\nmessage A { int32 x = ; }\n");
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, List.of("broken.proto"))).getMessage())
                .contains("broken.proto").contains("2:");
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, List.of("none.proto"))).getMessage())
                .contains("no .proto file").contains("none.proto");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
        String head = "syntax = \"proto3\";\npackage big;\nmessage M { int32 x = 1; }\n";
        Path at = dir.resolve("at.proto");
        Files.writeString(at, head + "//" + "x".repeat((int) GrpcLimits.MAX_PROTO_FILE_BYTES - head.length() - 3) + "\n");
        assertThat(Files.size(at)).isEqualTo(GrpcLimits.MAX_PROTO_FILE_BYTES);
        assertThat(ProtoFiles.load(dir, List.of("at.proto")).serviceNames()).isEmpty();
        Path over = dir.resolve("over.proto");
        Files.writeString(over, head + "//" + "x".repeat((int) GrpcLimits.MAX_PROTO_FILE_BYTES) + "\n");
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, List.of("over.proto"))).getMessage())
                .contains("over.proto").contains("at most " + GrpcLimits.MAX_PROTO_FILE_BYTES);
    }

    @Test
    void filesOverTheTotalSizeLimitAreRefusedAndFilesUnderItAreRead() throws Exception {
        int per = (int) GrpcLimits.MAX_PROTO_FILE_BYTES - 100;
        int under = (int) (GrpcLimits.MAX_PROTO_TOTAL_BYTES / per);
        List<String> files = new ArrayList<>();
        for (int i = 0; i <= under; i++) {
            Files.writeString(dir.resolve("t" + i + ".proto"), "syntax = \"proto3\";\npackage t" + i + ";\n//" + "x".repeat(per - 40) + "\n");
            files.add("t" + i + ".proto");
        }
        assertThat(ProtoFiles.load(dir, files.subList(0, under)).serviceNames()).isEmpty();
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, files)).getMessage())
                .contains("together").contains("at most " + GrpcLimits.MAX_PROTO_TOTAL_BYTES);
    }

    @Test
    void moreFilesThanTheLimitAreRefusedAndTheLimitIsRead() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < GrpcLimits.MAX_PROTO_FILES + 1; i++) {
            Files.writeString(dir.resolve("f" + i + ".proto"), "syntax = \"proto3\";\npackage p" + i + ";\nmessage M { int32 x = 1; }\n");
            files.add("f" + i + ".proto");
        }
        assertThat(ProtoFiles.load(dir, files.subList(0, GrpcLimits.MAX_PROTO_FILES)).types()).isNotNull();
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> ProtoFiles.load(dir, files)).getMessage())
                .contains("more than " + GrpcLimits.MAX_PROTO_FILES);
    }
}
