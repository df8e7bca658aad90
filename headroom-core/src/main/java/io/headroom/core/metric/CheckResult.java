package io.headroom.core.metric;

/** One named check, summed over the run: how often it held and how often it did not. */
public record CheckResult(String name, String group, long passes, long fails) {
    public double passRate() {
        long total = passes + fails;
        return total == 0 ? 0 : (double) passes / total;
    }
}
