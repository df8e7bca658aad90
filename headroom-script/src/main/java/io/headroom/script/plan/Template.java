package io.headroom.script.plan;

import io.headroom.script.JsonPaths;
import io.headroom.script.Vu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with run-time references, compiled once at load time so the hot path never parses text:
 * {@code ${token}} (a variable set by {@code extract}), {@code ${users.name}} (a column of this
 * iteration's row of data source {@code users}), {@code ${__VU}}, {@code ${__ITER}},
 * {@code ${randomInt(1,100)}} and {@code ${uuid()}}; {@code $${} writes a literal {@code ${}. A variable
 * not set yet renders as an empty string. Immutable and thread-safe; rendering uses only the VU's state.
 */
final class Template {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern CELL = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\.(.+)");
    private static final Pattern RANDOM_INT = Pattern.compile("randomInt\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");

    /** What names a template may use, for load-time checks. */
    interface Scope {
        /** The declared data sources, including ones whose file could not be read. */
        Collection<String> dataSourceNames();

        /** The columns of a source, or null when unknown (its file could not be read: reported elsewhere). */
        List<String> columns(String source);

        /** Names set by some {@code extract} of the flow. */
        Collection<String> variables();
    }

    sealed interface Part permits Literal, Var, Cell, VuId, Iteration, RandomInt, Uuid {}

    record Literal(String text) implements Part {}

    record Var(String name) implements Part {}

    record Cell(String source, String column) implements Part {}

    record VuId() implements Part {}

    record Iteration() implements Part {}

    record RandomInt(long low, long high) implements Part {}

    record Uuid() implements Part {}

    private final String source;
    private final Part[] parts;
    private final String constant;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts.toArray(Part[]::new);
        this.constant = parts.isEmpty() ? "" : parts.size() == 1 && parts.get(0) instanceof Literal l ? l.text() : null;
    }

    /** A template without references. */
    static Template literal(String text) {
        return new Template(text, text.isEmpty() ? List.of() : List.of(new Literal(text)));
    }

    /**
     * Compiles text.
     *
     * @throws IllegalArgumentException saying which reference is wrong and what would be right
     */
    static Template compile(String text, Scope scope) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i);
                if (close < 0) throw new IllegalArgumentException("\"${\" is never closed with '}' in \"" + text + "\"");
                if (!literal.isEmpty()) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(reference(text.substring(i + 2, close).strip(), text, scope));
                i = close + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        if (!literal.isEmpty()) parts.add(new Literal(literal.toString()));
        return new Template(text, parts);
    }

    /** Replaces {@code $${} with {@code ${}: for fields that are not templates. */
    static String unescape(String text) {
        return text.replace("$${", "${");
    }

    private static Part reference(String expr, String text, Scope scope) {
        if (expr.equals("__VU")) return new VuId();
        if (expr.equals("__ITER")) return new Iteration();
        if (expr.equals("uuid()")) return new Uuid();
        Matcher random = RANDOM_INT.matcher(expr);
        if (random.matches()) {
            long low = Long.parseLong(random.group(1));
            long high = Long.parseLong(random.group(2));
            if (high < low) throw new IllegalArgumentException("randomInt(" + low + "," + high + "): the second bound is below the first");
            return new RandomInt(low, high);
        }
        Matcher cell = CELL.matcher(expr);
        if (cell.matches()) {
            String name = cell.group(1);
            String column = cell.group(2);
            if (!scope.dataSourceNames().contains(name)) {
                throw new IllegalArgumentException("unknown data source '" + name + "' in \"${" + expr + "}\""
                        + Suggestions.closest(name, scope.dataSourceNames()).map(Suggestions::didYouMean)
                                .orElse(scope.dataSourceNames().isEmpty() ? "; declare it under 'data'"
                                : "; the sources are " + String.join(", ", scope.dataSourceNames())));
            }
            List<String> columns = scope.columns(name);
            if (columns != null && !columns.contains(column)) {
                throw new IllegalArgumentException("data source '" + name + "' has no column '" + column + "'"
                        + Suggestions.closest(column, columns).map(Suggestions::didYouMean)
                                .orElse("; its columns are " + String.join(", ", columns)));
            }
            return new Cell(name, column);
        }
        if (NAME.matcher(expr).matches()) {
            if (!scope.variables().contains(expr)) {
                throw new IllegalArgumentException("unknown variable '" + expr + "' in \"" + text + "\""
                        + Suggestions.closest(expr, scope.variables()).map(Suggestions::didYouMean)
                                .orElse("; variables are set by 'extract', data as ${source.column}"));
            }
            return new Var(expr);
        }
        throw new IllegalArgumentException("cannot read \"${" + expr + "}\": expected ${variable}, ${source.column}, "
                + "${__VU}, ${__ITER}, ${randomInt(min,max)} or ${uuid()}");
    }

    /** The literal texts between the references, in order (for load-time checks of what is known). */
    List<String> literalParts() {
        List<String> texts = new ArrayList<>();
        for (Part p : parts) if (p instanceof Literal l) texts.add(l.text());
        return texts;
    }

    /** The literal text before the first reference; the whole text when constant. */
    String literalPrefix() {
        return parts.length > 0 && parts[0] instanceof Literal l ? l.text() : "";
    }

    /** The text as written in the plan. */
    String source() {
        return source;
    }

    boolean isConstant() {
        return constant != null;
    }

    /** The text when {@link #isConstant()}, else null. */
    String constant() {
        return constant;
    }

    /** True when the template is exactly one reference, so its value keeps its type (numbers in JSON bodies). */
    boolean isSingleReference() {
        return parts.length == 1 && !(parts[0] instanceof Literal);
    }

    /** The text for this VU now. */
    String render(Vu vu) {
        if (constant != null) return constant;
        if (parts.length == 1) return text(parts[0], vu);
        StringBuilder sb = new StringBuilder(source.length() + 32);
        for (Part p : parts) sb.append(text(p, vu));
        return sb.toString();
    }

    /** Like {@link #render}, but a single reference keeps its value's type (number, boolean, map, list, null). */
    Object renderValue(Vu vu) {
        if (!isSingleReference()) return render(vu);
        return switch (parts[0]) {
            case Var v -> vu.vars().get(v.name());
            case VuId x -> vu.id();
            case Iteration x -> vu.iteration();
            case RandomInt r -> random(r);
            default -> render(vu);
        };
    }

    private static String text(Part part, Vu vu) {
        return switch (part) {
            case Literal l -> l.text();
            case Var v -> {
                String s = JsonPaths.asText(vu.vars().get(v.name()));
                yield s == null ? "" : s;
            }
            case Cell c -> vu.data(c.source()).get(c.column());
            case VuId x -> Integer.toString(vu.id());
            case Iteration x -> Long.toString(vu.iteration());
            case RandomInt r -> Long.toString(random(r));
            case Uuid x -> uuid();
        };
    }

    private static long random(RandomInt r) {
        return r.low() == r.high() ? r.low() : ThreadLocalRandom.current().nextLong(r.low(), r.high() + 1);
    }

    /** A random (version 4) UUID without {@code UUID.randomUUID()}'s shared, locked SecureRandom. */
    private static String uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb).toString();
    }

    /** The data sources this template reads. */
    List<String> dataSources() {
        List<String> names = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Cell c && !names.contains(c.source())) names.add(c.source());
        }
        return names;
    }

    @Override
    public String toString() {
        return source;
    }
}
