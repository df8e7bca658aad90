package io.headroom.core.metric;

import io.headroom.core.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A metric's distinct tag sets are capped; new ones beyond the cap are folded into [other] series. */
class SeriesCapTest {
    private static Tags request(String url) {
        return Tags.of("scenario", "api", "method", "GET", "status", "200", "url", url, "name", url);
    }

    @Test
    void newUrlsBeyondTheCapAreFoldedIntoOneOtherSeriesThatKeepsTheOtherTags() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 10);
        for (int i = 0; i < 50; i++) registry.counter("http_reqs", ValueType.DEFAULT, request("/item/" + i)).add(1);
        registry.closeInterval();
        List<SeriesResult> series = registry.results().stream().filter(s -> s.metric().equals("http_reqs") && !s.tags().isEmpty()).toList();
        assertThat(series).hasSize(11);
        SeriesResult other = series.getLast();
        assertThat(other.tags().asMap()).containsEntry("url", "[other]").containsEntry("name", "[other]")
                .containsEntry("scenario", "api").containsEntry("method", "GET").containsEntry("status", "200");
        assertThat(((SeriesStats.CounterStats) other.stats()).count()).isEqualTo(40);
        assertThat(((SeriesStats.CounterStats) registry.aggregate("http_reqs", Tags.empty()).orElseThrow()).count()).isEqualTo(50);
        assertThat(registry.cappedMetrics()).containsExactly("http_reqs");
    }

    @Test
    void seriesSeenBeforeTheCapKeepTheirOwnSeries() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 2);
        CounterSeries first = registry.counter("http_reqs", ValueType.DEFAULT, request("/a"));
        registry.counter("http_reqs", ValueType.DEFAULT, request("/b"));
        registry.counter("http_reqs", ValueType.DEFAULT, request("/c"));
        assertThat(registry.counter("http_reqs", ValueType.DEFAULT, request("/a"))).isSameAs(first);
        assertThat(registry.counter("http_reqs", ValueType.DEFAULT, request("/d")))
                .isSameAs(registry.counter("http_reqs", ValueType.DEFAULT, request("/c")));
    }

    @Test
    void underTheCapNothingIsFoldedAndNothingWarned() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 10);
        for (int i = 0; i < 10; i++) registry.counter("http_reqs", ValueType.DEFAULT, request("/item/" + i)).add(1);
        registry.closeInterval();
        assertThat(registry.results()).extracting(s -> s.tags().get("url")).doesNotContain("[other]").contains("/item/9");
        assertThat(registry.cappedMetrics()).isEmpty();
    }

    @Test
    void theCapIsPerMetric() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 3);
        for (int i = 0; i < 3; i++) {
            registry.counter("http_reqs", ValueType.DEFAULT, request("/" + i)).add(1);
            registry.counter("data_sent", ValueType.DATA, request("/" + i)).add(1);
        }
        registry.counter("mine", ValueType.DEFAULT, Tags.of("k", "v")).add(1);
        assertThat(registry.cappedMetrics()).isEmpty();
    }

    @Test
    void otherVaryingTagsEndInOneSeriesWithEveryValueFolded() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 5);
        int n = 5 + MetricRegistry.MAX_FOLDED_SERIES_PER_METRIC + 50;
        for (int i = 0; i < n; i++) registry.counter("orders", ValueType.DEFAULT, Tags.of("customer", "c" + i)).add(1);
        registry.closeInterval();
        List<SeriesResult> series = registry.results().stream().filter(s -> !s.tags().isEmpty()).toList();
        // Without url or name, folding them changes nothing: each further tag set goes into the all-[other] series.
        assertThat(series).hasSize(6);
        assertThat(series.getLast().tags().asMap()).containsExactly(java.util.Map.entry("customer", "[other]"));
    }

    @Test
    void foldedSeriesAreBoundedTooWhenOtherTagsVaryWithTheUrl() {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 5);
        int n = 1000;
        for (int i = 0; i < n; i++) {
            registry.counter("http_reqs", ValueType.DEFAULT, request("/item/" + i).with("status", Integer.toString(100 + i))).add(1);
        }
        registry.closeInterval();
        long own = registry.results().stream().filter(s -> s.metric().equals("http_reqs") && !s.tags().isEmpty()).count();
        assertThat(own).isEqualTo(5 + MetricRegistry.MAX_FOLDED_SERIES_PER_METRIC + 1);
        assertThat(((SeriesStats.CounterStats) registry.aggregate("http_reqs", Tags.empty()).orElseThrow()).count()).isEqualTo(n);
    }

    @Test
    void concurrentNewTagSetsNeverExceedTheCap() throws Exception {
        MetricRegistry registry = new MetricRegistry(new ManualClock(), 100);
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) registry.counter("http_reqs", ValueType.DEFAULT, request("/" + id + "/" + i)).add(1);
            }));
        }
        start.countDown();
        for (Thread w : workers) w.join(20_000);
        registry.closeInterval();
        Set<Tags> tags = new HashSet<>();
        registry.results().stream().filter(s -> !s.tags().isEmpty()).forEach(s -> tags.add(s.tags()));
        assertThat(tags).hasSize(101);
        assertThat(((SeriesStats.CounterStats) registry.aggregate("http_reqs", Tags.empty()).orElseThrow()).count()).isEqualTo(2000);
    }
}
