package io.headroom.report;

import io.headroom.core.metric.IntervalPoint;

import java.util.List;
import java.util.Locale;

/** What the JSON summary's writer and reader agree on: the schema id and how fields and enum values are named. */
final class SummarySchema {
    /** The schema id written into every summary and the only one the reader accepts. */
    static final String ID = "headroom.summary/1";
    /** Interval fields beside {@code count}, written only when a series has a non-zero value in them. */
    static final List<String> OPTIONAL_INTERVAL_FIELDS = List.of("sum", "last", "min", "p50", "p95", "p99", "max");

    private SummarySchema() {}

    /** An enum constant as the summary spells it: lower case. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

static double intervalField(IntervalPoint.Series s, String field) {
    return switch (field) {
        case "count" -> s.count();
        case "sum" -> s.sum();
        case "last" -> s.last();
        case "min" -> s.min();
        case "p50" -> s.p50();
        case "p95" -> s.p95();
        case "p99" -> s.p99();
        case "max" -> s.max();
        default -> throw new IllegalArgumentException(field);
    };
}
}
