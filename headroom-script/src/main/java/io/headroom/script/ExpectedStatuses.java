package io.headroom.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which HTTP statuses count as a successful response ({@code expected_response:true}, not in
 * {@code http_req_failed}); k6's default is 200–399. Statuses outside 100–599 never match. Immutable and
 * thread-safe; {@link #contains} is allocation-free.
 */
public final class ExpectedStatuses {
    private static final int MIN = 100;
    private static final int MAX = 599;

    /** k6's default: 200 to 399 inclusive. */
    public static final ExpectedStatuses DEFAULT = range(200, 399);

    private final long[] bits = new long[(MAX + 64) / 64];
    private final String text;

    private ExpectedStatuses(List<int[]> ranges) {
        StringBuilder sb = new StringBuilder();
        for (int[] r : ranges) {
            if (r[0] < MIN || r[1] > MAX || r[0] > r[1]) {
                throw new IllegalArgumentException("status range " + r[0] + "-" + r[1] + " is outside 100-599");
            }
            for (int s = r[0]; s <= r[1]; s++) bits[s >>> 6] |= 1L << (s & 63);
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
        }
        this.text = sb.toString();
    }

    /** The statuses from {@code low} to {@code high}, both inclusive. */
    public static ExpectedStatuses range(int low, int high) {
        return new ExpectedStatuses(List.<int[]>of(new int[] {low, high}));
    }

    /** Exactly these statuses. */
    public static ExpectedStatuses of(int... statuses) {
        List<int[]> ranges = new ArrayList<>();
        for (int s : statuses) ranges.add(new int[] {s, s});
        return new ExpectedStatuses(ranges);
    }

    /**
     * Parses items such as {@code "200"}, {@code "200-299"} or {@code "2xx"}, as written in a plan.
     *
     * @throws IllegalArgumentException naming the item that is not a status, a range or a class
     */
    public static ExpectedStatuses parse(List<String> items) {
        List<int[]> ranges = new ArrayList<>();
        for (String item : items) ranges.add(parseItem(item));
        if (ranges.isEmpty()) throw new IllegalArgumentException("expected at least one status");
        return new ExpectedStatuses(ranges);
    }

    /** Parses one item ({@code 200}, {@code 200-299}, {@code 2xx}) into an inclusive {low, high} pair. */
    static int[] parseItem(String raw) {
        String item = Objects.requireNonNull(raw).trim();
        int low;
        int high;
        try {
            if (item.length() == 3 && item.substring(1).equalsIgnoreCase("xx")) {
                low = Integer.parseInt(item.substring(0, 1)) * 100;
                high = low + 99;
            } else {
                int dash = item.indexOf('-');
                if (dash > 0) {
                    low = Integer.parseInt(item.substring(0, dash).trim());
                    high = Integer.parseInt(item.substring(dash + 1).trim());
                } else {
                    low = high = Integer.parseInt(item);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a status (200), a range (200-299) or a class (2xx), found \""
                    + raw + "\"");
        }
        if (low < MIN || high > MAX || low > high) {
            throw new IllegalArgumentException("expected statuses between 100 and 599, found \"" + raw + "\"");
        }
        return new int[] {low, high};
    }

    public boolean contains(int status) {
        return status >= MIN && status <= MAX && (bits[status >>> 6] & (1L << (status & 63))) != 0;
    }

    /** As written: {@code 200-399} or {@code 200, 201}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedStatuses e && java.util.Arrays.equals(bits, e.bits);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bits);
    }
}
