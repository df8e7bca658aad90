package io.headroom.grpc;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.util.JsonFormat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services and message types of some .proto files or of a server's reflection, as protobuf descriptors.
 * Immutable and thread-safe.
 */
public final class GrpcSchema {
    private final Map<String, ServiceDescriptor> services;
    private final JsonFormat.TypeRegistry types;

    GrpcSchema(Collection<FileDescriptor> files) {
        Map<String, ServiceDescriptor> s = new LinkedHashMap<>();
        JsonFormat.TypeRegistry.Builder t = JsonFormat.TypeRegistry.newBuilder();
        for (FileDescriptor f : files) {
            for (ServiceDescriptor sd : f.getServices()) s.put(sd.getFullName(), sd);
            t.add(f.getMessageTypes());
        }
        this.services = Map.copyOf(s);
        this.types = t.build();
    }

    /** Fully qualified service names, e.g. {@code inventory.Inventory}, sorted. */
    public List<String> serviceNames() {
        List<String> names = new ArrayList<>(services.keySet());
        names.sort(null);
        return names;
    }

    public Optional<ServiceDescriptor> service(String fullName) {
        return Optional.ofNullable(services.get(fullName));
    }

    /**
     * The method {@code package.Service/Method} (a leading {@code /} is allowed).
     *
     * @throws GrpcSchemaException naming the known services or the service's methods when there is no such method
     */
    public MethodDescriptor method(String fullMethod) throws GrpcSchemaException {
        String m = fullMethod.startsWith("/") ? fullMethod.substring(1) : fullMethod;
        int slash = m.indexOf('/');
        if (slash <= 0 || slash == m.length() - 1 || m.indexOf('/', slash + 1) >= 0) {
            throw new GrpcSchemaException("expected a method as package.Service/Method, found \"" + fullMethod + "\"");
        }
        String serviceName = m.substring(0, slash);
        ServiceDescriptor service = services.get(serviceName);
        if (service == null) {
            throw new GrpcSchemaException("unknown service '" + serviceName + "'; the services are "
                    + (services.isEmpty() ? "none" : String.join(", ", serviceNames())));
        }
        MethodDescriptor method = service.findMethodByName(m.substring(slash + 1));
        if (method == null) {
            throw new GrpcSchemaException("service " + serviceName + " has no method '" + m.substring(slash + 1)
                    + "'; its methods are " + String.join(", ", service.getMethods().stream().map(MethodDescriptor::getName).toList()));
        }
        return method;
    }

    /** The message types for JSON (for {@code Any} fields). */
    public JsonFormat.TypeRegistry types() {
        return types;
    }
}
