package io.headroom.profiler.analysis;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of JFR frames and classes as Headroom prints them; stateless and thread-safe. */
final class FrameNames {
    /**
     * Hidden classes (lambdas, method handles) carry their address, {@code Foo$$Lambda/0x00007f30a1} (JFR
     * prints the slash as a dot), and before JDK 21 lambdas also an index, {@code Foo$$Lambda$14}. Both
     * change from run to run, so they are dropped: two runs of the same code give the same frame names.
     */
    private static final Pattern HIDDEN_CLASS_ADDRESS = Pattern.compile("[./+]0x[0-9a-fA-F]+$");
    private static final Pattern LAMBDA_INDEX = Pattern.compile("\\$\\$Lambda\\$\\d+$");
    private static final String LAMBDA_REPLACEMENT = Matcher.quoteReplacement("$$Lambda");

    static final String UNKNOWN = "[unknown]";

    private FrameNames() {}

    /** {@code pkg.Class.method}, or {@value #UNKNOWN} when JFR could not resolve the method. */
    static String method(RecordedFrame frame) {
        return method(frame.getMethod());
    }

    static String method(RecordedMethod method) {
        if (method == null) return UNKNOWN;
        RecordedClass type = method.getType();
        String className = type == null ? UNKNOWN : className(type.getName());
        return className + "." + method.getName();
    }

    /** A class name with hidden-class addresses dropped and array descriptors ({@code [B}) written as Java. */
    static String className(String name) {
        if (name == null || name.isEmpty()) return UNKNOWN;
        if (name.charAt(0) == '[') return arrayName(name);
        String stable = HIDDEN_CLASS_ADDRESS.matcher(name).replaceFirst("");
        return LAMBDA_INDEX.matcher(stable).replaceFirst(LAMBDA_REPLACEMENT);
    }

    static String className(RecordedClass type) {
        return type == null ? UNKNOWN : className(type.getName());
    }

    /** {@code [[I} to {@code int[][]}, {@code [Ljava.lang.String;} to {@code java.lang.String[]}. */
    private static String arrayName(String descriptor) {
        int dims = 0;
        while (dims < descriptor.length() && descriptor.charAt(dims) == '[') dims++;
        String rest = descriptor.substring(dims);
        String element = switch (rest) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> rest.startsWith("L") && rest.endsWith(";")
                    ? className(rest.substring(1, rest.length() - 1).replace('/', '.'))
                    : rest;
        };
        return element + "[]".repeat(dims);
    }
}
