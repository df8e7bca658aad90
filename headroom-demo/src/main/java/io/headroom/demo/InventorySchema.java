package io.headroom.demo;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The inventory service's schema, built in code so the demo needs no code generator: the same as
 * {@code examples/inventory.proto} (a test in headroom-grpc compares the two). Immutable.
 */
final class InventorySchema {
    static final FileDescriptor FILE = build();
    static final Descriptors.ServiceDescriptor SERVICE = FILE.findServiceByName("Inventory");
    static final Descriptors.Descriptor STOCK_REQUEST = FILE.findMessageTypeByName("StockRequest");
    static final Descriptors.Descriptor WATCH_REQUEST = FILE.findMessageTypeByName("WatchRequest");
    static final Descriptors.Descriptor STOCK = FILE.findMessageTypeByName("Stock");
    static final Descriptors.Descriptor RESERVATION = FILE.findMessageTypeByName("Reservation");

    private InventorySchema() {}

    private static FileDescriptor build() {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("inventory.proto").setPackage("inventory").setSyntax("proto3")
                .addMessageType(message("StockRequest", field("product_id", 1, FieldDescriptorProto.Type.TYPE_INT32)))
                .addMessageType(message("WatchRequest", field("product_id", 1, FieldDescriptorProto.Type.TYPE_INT32),
                        field("updates", 2, FieldDescriptorProto.Type.TYPE_INT32),
                        field("interval_ms", 3, FieldDescriptorProto.Type.TYPE_INT32)))
                .addMessageType(message("Stock", field("product_id", 1, FieldDescriptorProto.Type.TYPE_INT32),
                        field("name", 2, FieldDescriptorProto.Type.TYPE_STRING),
                        field("quantity", 3, FieldDescriptorProto.Type.TYPE_INT32),
                        field("in_stock", 4, FieldDescriptorProto.Type.TYPE_BOOL)))
                .addMessageType(message("Reservation", field("reserved", 1, FieldDescriptorProto.Type.TYPE_INT32),
                        field("product_ids", 2, FieldDescriptorProto.Type.TYPE_INT32).toBuilder()
                                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).build()))
                .addService(ServiceDescriptorProto.newBuilder().setName("Inventory")
                        .addMethod(method("GetStock", "StockRequest", "Stock", false, false))
                        .addMethod(method("WatchStock", "WatchRequest", "Stock", false, true))
                        .addMethod(method("ReserveStock", "StockRequest", "Reservation", true, false))
                        .addMethod(method("CheckStock", "StockRequest", "Stock", true, true)))
                .build();
        try {
            return FileDescriptor.buildFrom(proto, new FileDescriptor[0]);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DescriptorProto message(String name, FieldDescriptorProto... fields) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(name);
        for (FieldDescriptorProto f : fields) b.addField(f);
        return b.build();
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).setJsonName(jsonName(name)).build();
    }

    private static String jsonName(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static MethodDescriptorProto method(String name, String in, String out, boolean clientStreaming, boolean serverStreaming) {
        return MethodDescriptorProto.newBuilder().setName(name).setInputType(".inventory." + in).setOutputType(".inventory." + out)
                .setClientStreaming(clientStreaming).setServerStreaming(serverStreaming).build();
    }
}
