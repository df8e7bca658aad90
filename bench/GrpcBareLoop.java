import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The peer of bench/grpc.sh: what a generated blocking stub does (ClientCalls.blockingUnaryCall with the method's
 * descriptor and a prebuilt request), VUS virtual threads each with its own channel, in a loop for SECONDS, against
 * the demo's GetStock. No metrics, no checks: the physical limit for the JVM. Compiled and run on headroom.jar's
 * class path (grpc-java and protobuf inside). Prints "COUNT n" ten times a second, then "RESULT calls=N errors=E".
 *
 *   java -cp headroom.jar GrpcBareLoop TARGET VUS SECONDS
 */
public final class GrpcBareLoop {
    public static void main(String[] args) throws Exception {
        String target = args[0];
        int vus = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        FileDescriptorProto proto = FileDescriptorProto.newBuilder().setName("inventory.proto").setPackage("inventory").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("StockRequest").addField(field("product_id", 1, FieldDescriptorProto.Type.TYPE_INT32)))
                .addMessageType(DescriptorProto.newBuilder().setName("Stock")
                        .addField(field("product_id", 1, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("name", 2, FieldDescriptorProto.Type.TYPE_STRING))
                        .addField(field("quantity", 3, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("in_stock", 4, FieldDescriptorProto.Type.TYPE_BOOL)))
                .addService(ServiceDescriptorProto.newBuilder().setName("Inventory").addMethod(MethodDescriptorProto.newBuilder()
                        .setName("GetStock").setInputType(".inventory.StockRequest").setOutputType(".inventory.Stock")))
                .build();
        Descriptors.FileDescriptor file = Descriptors.FileDescriptor.buildFrom(proto, new Descriptors.FileDescriptor[0]);
        Descriptors.Descriptor in = file.findMessageTypeByName("StockRequest");
        MethodDescriptor<DynamicMessage, DynamicMessage> method = MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("inventory.Inventory/GetStock")
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(in)))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(file.findMessageTypeByName("Stock"))))
                .build();
        DynamicMessage request = DynamicMessage.newBuilder(in).setField(in.findFieldByName("product_id"), 7).build();
        LongAdder calls = new LongAdder();
        LongAdder errors = new LongAdder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < vus; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor().build();
                try {
                    while (System.nanoTime() < end) {
                        try {
                            ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS), request);
                            calls.increment();
                        } catch (RuntimeException e) {
                            errors.increment();
                        }
                    }
                } finally {
                    channel.shutdownNow();
                }
            }));
        }
        // The running count, for the script's steady-state window (read beside the process's CPU time in /proc).
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                System.out.println("COUNT " + calls.sum());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Thread t : threads) t.join();
        System.out.println("RESULT calls=" + calls.sum() + " errors=" + errors.sum());
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }
}
