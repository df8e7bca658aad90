package io.headroom.core.threshold;

import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.Tags;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parses k6 threshold syntax. Selectors: {@code metric} or {@code metric{key:value,key2:value2}}; a value runs
 * to the next {@code ,} or the closing brace and may contain {@code :}, {@code /} and spaces (trimmed), or may
 * be quoted ({@code "..."} or {@code '...'}) to contain commas or braces. Expressions:
 * {@code aggregation operator number} with aggregations {@code avg min max med p(N) rate count value},
 * operators {@code < <= > >= == != } (and k6's {@code ===}), whitespace anywhere between tokens. Every
 * failure is a {@link ThresholdSyntaxException} naming the problem and its character offset. Stateless and
 * thread-safe.
 */
public final class ThresholdParser {
    private ThresholdParser() {}

    /** Parses a selector such as {@code http_req_duration{name:/login,method:POST}}. */
    public static ThresholdSelector parseSelector(String selector) {
        Objects.requireNonNull(selector, "selector");
        Scanner in = new Scanner("selector", selector);
        in.skipSpaces();
        int nameStart = in.pos;
        while (!in.atEnd() && in.peek() != '{' && !Character.isWhitespace(in.peek())) {
            char c = in.peek();
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_') {
                throw in.error("unexpected character '" + c + "' in the metric name; use letters, digits and '_'");
            }
            in.pos++;
        }
        String metric = selector.substring(nameStart, in.pos);
        if (metric.isEmpty()) throw in.errorAt(nameStart, "expected a metric name");
        if (Character.isDigit(metric.charAt(0))) throw in.errorAt(nameStart, "a metric name cannot start with a digit");
        if (!MetricDefinition.isValidName(metric)) throw in.errorAt(nameStart, "a metric name has at most 128 characters");
        in.skipSpaces();
        if (in.atEnd()) return new ThresholdSelector(metric, Tags.empty());
        if (in.peek() != '{') throw in.error("unexpected '" + in.peek() + "' after the metric name; expected '{' or the end");
        int open = in.pos++;
        int close = lastNonSpace(selector);
        if (selector.charAt(close) != '}') throw in.errorAt(selector.length(), "missing '}' at the end of the tag selector");
        TreeMap<String, String> tags = new TreeMap<>();
        in.skipSpaces();
        if (in.pos == close) throw in.errorAt(open, "empty tag selector '{}'; leave the braces out to select every series");
        while (true) {
            in.skipSpaces();
            int keyStart = in.pos;
            String key = in.peekIsQuote() ? in.quoted() : in.until(":,", close).trim();
            if (key.isEmpty()) throw in.errorAt(keyStart, "expected a tag key");
            in.skipSpaces();
            if (in.pos >= close || in.peek() != ':') throw in.error("expected ':' after tag key \"" + key + "\"");
            in.pos++;
            in.skipSpaces();
            int valueStart = in.pos;
            String value;
            if (in.pos < close && in.peekIsQuote()) {
                value = in.quoted();
                in.skipSpaces();
            } else {
                value = in.until(",", close).trim();
            }
            if (value.isEmpty()) throw in.errorAt(valueStart, "tag \"" + key + "\" has no value");
            if (tags.put(key, value) != null) throw in.errorAt(keyStart, "tag \"" + key + "\" appears twice");
            if (in.pos == close) break;
            if (in.peek() != ',') throw in.error("expected ',' or '}' after the value of tag \"" + key + "\"");
            in.pos++;
        }
        return new ThresholdSelector(metric, Tags.of(tags));
    }

    /** Parses an expression such as {@code p(99.9) < 2000} or {@code rate<0.01}. */
    public static ThresholdExpr parseExpression(String expression) {
        Objects.requireNonNull(expression, "expression");
        Scanner in = new Scanner("expression", expression);
        in.skipSpaces();
        int aggregationStart = in.pos;
        while (!in.atEnd() && Character.isLetter(in.peek())) in.pos++;
        String aggregation = expression.substring(aggregationStart, in.pos);
        if (aggregation.isEmpty()) {
            throw in.error("expected an aggregation: " + listed(ThresholdExpr.KEYWORDS));
        }
        // k6 matches its aggregation tokens case-sensitively (metrics/thresholds_parser.go), so P(95) or AVG is
        // an invalid threshold there; accepting it here would let a plan pass that k6 rejects.
        String lower = aggregation.toLowerCase(Locale.ROOT);
        if (!lower.equals(aggregation) && ThresholdExpr.isKeyword(lower)) {
            throw in.errorAt(aggregationStart, "aggregation \"" + aggregation + "\" must be lower case, as in k6: "
                    + (lower.equals("p") ? "p(N)" : lower));
        }
        double percentile = Double.NaN;
        if (aggregation.equals("p")) {
            in.skipSpaces();
            if (in.atEnd() || in.peek() != '(') throw in.error("expected '(' after p, as in p(95)");
            in.pos++;
            in.skipSpaces();
            int numberStart = in.pos;
            percentile = in.number("expected a percentile between 0 and 100, as in p(95) or p(99.9)");
            if (!(percentile >= 0 && percentile <= 100)) throw in.errorAt(numberStart, "a percentile must lie between 0 and 100");
            in.skipSpaces();
            if (in.atEnd() || in.peek() != ')') throw in.error("expected ')' after the percentile");
            in.pos++;
        } else if (!ThresholdExpr.isKeyword(aggregation)) {
            throw in.errorAt(aggregationStart, "unknown aggregation \"" + aggregation
                    + "\"; expected " + listed(ThresholdExpr.KEYWORDS));
        }
        in.skipSpaces();
        ThresholdOperator operator = in.operator();
        in.skipSpaces();
        double bound = in.number("expected a number after '" + operator.symbol() + "'");
        in.skipSpaces();
        if (!in.atEnd()) throw in.error("unexpected \"" + expression.substring(in.pos) + "\" after the number");
        return ThresholdExpr.of(aggregation, percentile, operator, bound);
    }

    /** Throws a {@link ThresholdSyntaxException} when the selector names a built-in metric whose kind {@code expr} does not fit. */
    static void requireAppliesToBuiltin(ThresholdSelector selector, ThresholdExpr expr, String expression) {
        MetricDefinition.builtin(selector.metric()).ifPresent(d -> requireApplies(expr, d.name(), d.kind(), expression));
    }

    /** Throws a {@link ThresholdSyntaxException} when {@code expr} does not fit a metric of {@code kind}. */
    public static void requireApplies(ThresholdExpr expr, String metric, MetricKind kind, String expression) {
        if (!expr.appliesTo(kind)) {
            int at = Math.max(0, expression.indexOf(expr.aggregation().substring(0, 1)));
            throw new ThresholdSyntaxException("expression", expression, at, expr.aggregation() + " does not apply to "
                    + metric + ", a " + kind.name().toLowerCase(Locale.ROOT) + " metric; use " + aggregationsFor(kind));
        }
    }

    /** The aggregations k6 allows for {@code kind}, for messages: "avg, min, max, med or p(N)". */
    public static String aggregationsFor(MetricKind kind) {
        return listed(ThresholdExpr.KEYWORDS.stream()
                .filter(k -> ThresholdExpr.of(k, 50, ThresholdOperator.LESS, 0).appliesTo(kind)).toList());
    }

    /** "a, b or c", with p written p(N). */
    private static String listed(List<String> keywords) {
        List<String> names = keywords.stream().map(k -> k.equals("p") ? "p(N)" : k).toList();
        if (names.size() < 2) return String.join("", names);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static int lastNonSpace(String s) {
        int i = s.length() - 1;
        while (i > 0 && Character.isWhitespace(s.charAt(i))) i--;
        return i;
    }

    private static final class Scanner {
        final String kind;
        final String text;
        int pos;

        Scanner(String kind, String text) {
            this.kind = kind;
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        boolean peekIsQuote() {
            return !atEnd() && (peek() == '"' || peek() == '\'');
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(peek())) pos++;
        }

        /** Text up to (not including) the first of {@code stops} or {@code limit}. */
        String until(String stops, int limit) {
            int start = pos;
            while (pos < limit && stops.indexOf(peek()) < 0) pos++;
            return text.substring(start, pos);
        }

        String quoted() {
            char quote = peek();
            int start = pos++;
            int end = text.indexOf(quote, pos);
            if (end < 0) throw errorAt(start, "unclosed quote " + quote);
            pos = end + 1;
            return text.substring(start + 1, end);
        }

        ThresholdOperator operator() {
            for (String symbol : new String[] {"<=", ">=", "===", "==", "!=", "<", ">"}) {
                if (text.startsWith(symbol, pos)) {
                    pos += symbol.length();
                    return switch (symbol) {
                        case "<=" -> ThresholdOperator.LESS_OR_EQUAL;
                        case ">=" -> ThresholdOperator.GREATER_OR_EQUAL;
                        case "===", "==" -> ThresholdOperator.EQUAL;
                        case "!=" -> ThresholdOperator.NOT_EQUAL;
                        case "<" -> ThresholdOperator.LESS;
                        default -> ThresholdOperator.GREATER;
                    };
                }
            }
            throw error(atEnd() ? "expected an operator (<, <=, >, >=, ==, !=) at the end"
                    : "expected an operator (<, <=, >, >=, ==, !=), found '" + peek() + "'");
        }

        /** A decimal number: optional sign, digits, optional fraction, optional exponent. */
        double number(String expectation) {
            int start = pos;
            if (!atEnd() && (peek() == '-' || peek() == '+')) pos++;
            int digits = 0;
            while (!atEnd() && Character.isDigit(peek())) { pos++; digits++; }
            if (!atEnd() && peek() == '.') {
                pos++;
                while (!atEnd() && Character.isDigit(peek())) { pos++; digits++; }
            }
            if (digits == 0) {
                pos = start;
                throw error(expectation);
            }
            if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
                int mark = pos++;
                if (!atEnd() && (peek() == '-' || peek() == '+')) pos++;
                int exponentDigits = 0;
                while (!atEnd() && Character.isDigit(peek())) { pos++; exponentDigits++; }
                if (exponentDigits == 0) pos = mark;
            }
            return Double.parseDouble(text.substring(start, pos));
        }

        ThresholdSyntaxException error(String reason) {
            return errorAt(pos, reason);
        }

        ThresholdSyntaxException errorAt(int offset, String reason) {
            return new ThresholdSyntaxException(kind, text, offset, reason);
        }
    }
}
