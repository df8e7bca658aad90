package io.headroom.report;

import io.headroom.core.metric.MetricKind;
import io.headroom.core.metric.SeriesResult;
import io.headroom.core.metric.SeriesStats.CounterStats;
import io.headroom.core.metric.Tags;
import io.headroom.core.metric.ValueType;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The full metrics table: every metric, custom ones included, with the console's numbers; series under each. */
class HtmlMetricsTest {
    @Test
    void everyMetricWithTheConsolesStatistics() {
        RunResult run = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        String html = HtmlReport.render(run);
        String table = html.substring(html.indexOf("<table id=\"metrics-table\">"));
        table = table.substring(0, table.indexOf("</table>"));
        for (String metric : Aggregates.metricNames(run)) assertThat(table).contains("data-metric=\"" + metric + "\"");
        String console = new ConsoleSummary(false).render(run);
        // The custom trend cart_size (1, 2, 3, 7): the console's avg, min, med, max, p(90), p(95), p(99), in order.
        Matcher line = Pattern.compile("cart_size\\.+: (.*)").matcher(console);
        assertThat(line.find()).isTrue();
        List<String> consoleValues = new ArrayList<>();
        for (String cell : line.group(1).trim().split("\\s+")) consoleValues.add(cell.substring(cell.indexOf('=') + 1));
        Matcher row = Pattern.compile("<b>cart_size</b></td><td>trend</td><td class=\"num\">4</td>((?:<td class=\"num\">[^<]*</td>){7})")
                .matcher(table);
        assertThat(row.find()).as(table).isTrue();
        List<String> htmlValues = new ArrayList<>();
        Matcher cell = Pattern.compile("<td class=\"num\">([^<]*)</td>").matcher(row.group(1));
        while (cell.find()) htmlValues.add(cell.group(1));
        assertThat(htmlValues).isEqualTo(consoleValues).hasSize(7);
        // The custom counter: its total and rate, as the console prints them.
        assertThat(table).contains("<b>orders_placed</b></td><td>counter</td><td class=\"num\">42 · 1.4/s</td>");
        assertThat(console).contains("42", "1.4/s");
        // A rate: share and passes/total; the tagged series are listed under their metric.
        assertThat(table).contains("<b>http_req_failed</b></td><td>rate</td><td class=\"num\">1.67% · 5/300</td>",
                "<tr class=\"series\"><td class=\"name\"><code>{method:POST,name:/login,scenario:buy,status:200}</code>");
    }

    @Test
    void seriesBeyondTheLimitAreCountedNotListed() {
        RunResult base = SampleResults.checkoutRun(RunOutcome.COMPLETED);
        List<SeriesResult> series = new ArrayList<>(base.series());
        for (int i = 0; i < HtmlMetrics.SERIES_PER_METRIC + 5; i++) {
            series.add(new SeriesResult("hits", MetricKind.COUNTER, ValueType.DEFAULT, Tags.of("n", Integer.toString(i)),
                    new CounterStats(1, 1)));
        }
        RunResult run = new RunResult(base.info(), base.outcome(), series, base.checks(), base.thresholds(), base.intervals());
        String html = HtmlReport.render(run);
        assertThat(html).contains("… and 5 more series in the JSON summary", "<code>{n:99}</code>").doesNotContain("<code>{n:100}</code>");
        // Below the limit: no such line.
        assertThat(HtmlReport.render(base)).doesNotContain("more series in the JSON summary");
    }
}
