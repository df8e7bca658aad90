package io.headroom.script.plan;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.jayway.jsonpath.JsonPath;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.headroom.grpc.DynamicCall;
import io.headroom.grpc.GrpcCallRecorder;
import io.headroom.grpc.GrpcChannels;
import io.headroom.script.IterationInterruptedException;
import io.headroom.script.JsonPaths;
import io.headroom.script.Vu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A plan's {@code grpc} step: one call on this VU's channel to the target, its request messages rendered from
 * JSON templates (or built once at load when constant), then its checks. Immutable and thread-safe.
 */
record GrpcStep(GrpcChannels.ChannelSpec channel, DynamicCall call, CallOptions baseOptions, Duration deadline,
                List<FlowStep.Field> metadata, List<JsonTemplate> requests, List<DynamicMessage> constantRequests,
                JsonFormat.TypeRegistry types, List<GrpcCheck> checks) implements FlowStep {

    public void run(Vu vu) throws InterruptedException {
        Metadata headers = null;
        if (!metadata.isEmpty()) {
            headers = new Metadata();
            for (FlowStep.Field f : metadata) {
                headers.put(Metadata.Key.of(f.name(), Metadata.ASCII_STRING_MARSHALLER), f.value().render(vu));
            }
        }
        CallOptions options = baseOptions.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        DynamicCall.Result result = call.call(vu.grpcChannel(channel), options, headers,
                constantRequests != null ? constantRequests : render(vu));
        // A hard stop interrupts the call (grpc-java cancels it and keeps the flag): end the iteration, check nothing.
        if (Thread.currentThread().isInterrupted()) throw new IterationInterruptedException();
        if (checks.isEmpty()) return;
        Object json = null;
        for (int i = 0; i < checks.size(); i++) {
            GrpcCheck c = checks.get(i);
            if (json == null && c instanceof GrpcCheck.Json) json = JsonPaths.parse(responseJson(result));
            boolean passed;
            try {
                passed = c.test(result, json, vu);
            } catch (RuntimeException e) {
                passed = false;
            }
            vu.check(c.name(), passed);
        }
    }

    /** The call options but the deadline, built once: with the step's name, when it has one (null: the method). */
    static CallOptions baseOptions(String name) {
        return name == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withOption(GrpcCallRecorder.NAME, name);
    }

    private List<DynamicMessage> render(Vu vu) {
        List<DynamicMessage> out = new ArrayList<>(requests.size());
        for (JsonTemplate t : requests) {
            String json = new String(t.render(vu), StandardCharsets.UTF_8);
            out.add(parse(json, call, types));
        }
        return out;
    }

    /** A request message from JSON; a JSON that does not fit the type is an error of the iteration. */
    static DynamicMessage parse(String json, DynamicCall call, JsonFormat.TypeRegistry types) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(call.descriptor().getInputType());
        try {
            JsonFormat.parser().usingTypeRegistry(types).merge(json, b);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the request does not fit " + call.descriptor().getInputType().getFullName()
                    + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /** A unary or client-streaming call's response as a JSON object; a server-streaming or bidirectional one's as an array. */
    private String responseJson(DynamicCall.Result result) {
        JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types).alwaysPrintFieldsWithNoPresence()
                .omittingInsignificantWhitespace();
        try {
            if (!call.descriptor().isServerStreaming()) {
                return result.responses().isEmpty() ? "null" : printer.print(result.responses().get(0));
            }
            StringBuilder sb = new StringBuilder("[");
            for (DynamicMessage m : result.responses()) {
                if (sb.length() > 1) sb.append(',');
                sb.append(printer.print(m));
            }
            return sb.append(']').toString();
        } catch (InvalidProtocolBufferException e) {
            return "null";
        }
    }

    /** One check of a grpc step, recorded in {@code checks{check:<name>}}. Immutable and thread-safe. */
    sealed interface GrpcCheck {
        String name();

        boolean test(DynamicCall.Result result, Object json, Vu vu);

        /** {@code status: OK} or {@code status: [OK, NOT_FOUND]}: the call ended with one of these codes. */
        record StatusIs(String name, Set<Status.Code> codes) implements GrpcCheck {
            public boolean test(DynamicCall.Result result, Object json, Vu vu) {
                return codes.contains(result.status().getCode());
            }
        }

        /** {@code messages: 3}: the call received exactly this many response messages. */
        record Messages(String name, int count) implements GrpcCheck {
            public boolean test(DynamicCall.Result result, Object json, Vu vu) {
                return result.received() == count;
            }
        }

        /** {@code json: {path, exists|equals}} over the response as JSON (an array of messages for a server stream). */
        record Json(String name, JsonPath path, Boolean exists, Template equals) implements GrpcCheck {
            public boolean test(DynamicCall.Result result, Object json, Vu vu) {
                Object value = Extractor.firstMatch(path, JsonPaths.read(json, path));
                if (exists != null) return exists == (value != null);
                return ResponseCheck.Json.equalsExpected(value, equals.renderValue(vu));
            }
        }
    }
}
