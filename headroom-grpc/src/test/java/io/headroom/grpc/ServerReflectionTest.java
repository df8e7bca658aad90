package io.headroom.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Server reflection against a real grpc-java server with reflection on: a service whose file imports many others
 * is read whole up to {@link GrpcLimits#MAX_REFLECTED_FILES} files and refused beyond; an unknown service is named.
 */
class ServerReflectionTest {
    /** A server whose one service lives in a file importing {@code imports} other files. */
    private static Server serverWith(int imports) throws Exception {
        FileDescriptor[] deps = new FileDescriptor[imports];
        FileDescriptorProto.Builder main = FileDescriptorProto.newBuilder().setName("main.proto").setPackage("big").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Req"));
        for (int i = 0; i < imports; i++) {
            deps[i] = FileDescriptor.buildFrom(FileDescriptorProto.newBuilder().setName("dep" + i + ".proto").setPackage("dep" + i)
                    .setSyntax("proto3").addMessageType(DescriptorProto.newBuilder().setName("M")).build(), new FileDescriptor[0]);
            main.addDependency("dep" + i + ".proto");
        }
        main.addService(ServiceDescriptorProto.newBuilder().setName("Big").addMethod(MethodDescriptorProto.newBuilder()
                .setName("Call").setInputType(".big.Req").setOutputType(".dep0.M")));
        FileDescriptor file = FileDescriptor.buildFrom(main.build(), deps);
        MethodDescriptor<DynamicMessage, DynamicMessage> call = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("big.Big/Call")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(file.findMessageTypeByName("Req"))))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(deps[0].findMessageTypeByName("M"))))
                .build();
        ProtoFileDescriptorSupplier schema = () -> file;
        ServerServiceDefinition service = ServerServiceDefinition.builder(ServiceDescriptor.newBuilder("big.Big")
                        .setSchemaDescriptor(schema).addMethod(call).build())
                .addMethod(call, ServerCalls.asyncUnaryCall((req, out) -> out.onCompleted())).build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service)
                .addService(ProtoReflectionServiceV1.newInstance()).build().start();
    }

    private static GrpcSchema fetch(Server server, String service) throws Exception {
        String target = "127.0.0.1:" + server.getPort();
        ManagedChannel ch = GrpcChannels.open(new GrpcChannels.ChannelSpec(target, true, GrpcLimits.MAX_MESSAGE_BYTES));
        try {
            return ServerReflection.fetch(ch, target, service, Duration.ofSeconds(30));
        } finally {
            GrpcChannels.close(ch);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void readsAServiceWithItsImportsUpToTheLimit() throws Exception {
        GrpcSchema schema = fetch(serverWith(GrpcLimits.MAX_REFLECTED_FILES - 1), "big.Big");
        assertThat(schema.method("big.Big/Call").getOutputType().getFullName()).isEqualTo("dep0.M");
    }

    @Test
    void refusesMoreFilesThanTheLimit() throws Exception {
        Server server = serverWith(GrpcLimits.MAX_REFLECTED_FILES);
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> fetch(server, "big.Big")).getMessage())
                .contains("more than " + GrpcLimits.MAX_REFLECTED_FILES + " descriptor files");
    }

    @Test
    void namesAServiceTheServerDoesNotHave() throws Exception {
        Server server = serverWith(1);
        assertThat(catchThrowableOfType(GrpcSchemaException.class, () -> fetch(server, "big.Small")).getMessage())
                .contains("has no service 'big.Small'");
    }
}
