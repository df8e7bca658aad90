package io.headroom.report;

import io.headroom.analysis.history.HistoryEntry;
import io.headroom.core.result.RunInfo;
import io.headroom.core.result.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsIndexTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private static RunResult run(int second, String hash) {
        RunResult r = SampleResults.smallRun();
        Map<String, String> metadata = new HashMap<>(r.info().metadata());
        metadata.put("plan.hash", hash);
        metadata.put("tag.version", "1.4." + second);
        RunInfo info = new RunInfo(r.info().name(), SampleResults.STARTED_AT.plusSeconds(second), r.info().duration(),
                r.info().scenarios(), metadata);
        return new RunResult(info, r.outcome(), r.series(), r.checks(), r.thresholds(), r.intervals());
    }

    @Test
    void anAppendKeepsTheSummaryAndAnEntryWithTheKeyNumbersAndTags() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        var appended = index.append(run(0, "aaaa"), 99, 10, warnings::add);
        List<HistoryEntry> entries = index.read(warnings::add);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.runId()).startsWith("20261122-100000-smoke-").isEqualTo(appended.entry().runId());
            assertThat(e.planName()).isEqualTo("smoke");
            assertThat(e.planHash()).isEqualTo("aaaa");
            assertThat(e.scenarios()).containsExactly("default");
            assertThat(e.exitCode()).isEqualTo(99);
            assertThat(e.invalid()).isFalse();
            assertThat(e.p95Millis()).isCloseTo(250, org.assertj.core.data.Offset.offset(1.0));
            assertThat(e.requestsPerSecond()).isEqualTo(2);
            assertThat(e.errorRate()).isEqualTo(0.25);
            assertThat(e.tags()).containsEntry("version", "1.4.0");
        });
        assertThat(index.summaryFile(entries.getFirst())).isEqualTo(appended.summaryFile()).exists();
        assertThat(JsonSummary.read(appended.summaryFile()).info().name()).isEqualTo("smoke");
        assertThat(warnings).isEmpty();
    }

    @Test
    void anInvalidRunIsKeptFlaggedAndAValidOneIsNot() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        var starved = io.headroom.core.result.GeneratorHealth.assess(52.9, 9, 0.2, 0.1, 1, 0, 0, 0, 2);
        assertThat(starved.invalid()).isTrue();
        index.append(run(0, "aaaa").withGeneratorHealth(starved), 98, 10, warnings::add);
        index.append(run(1, "aaaa"), 99, 10, warnings::add);
        assertThat(index.read(warnings::add)).extracting(HistoryEntry::invalid).containsExactly(true, false);
        // A rebuild reads the flag from the summaries (and the exit code from the verdict: the sample crosses a threshold).
        Files.delete(index.indexFile());
        assertThat(index.read(warnings::add)).extracting(HistoryEntry::invalid, HistoryEntry::exitCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, 98), org.assertj.core.groups.Tuple.tuple(false, 99));
    }

    @Test
    void theOldestRunsAndTheirSummariesArePrunedBeyondTheLimit() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        List<Path> summaries = new ArrayList<>();
        for (int i = 0; i < 5; i++) summaries.add(index.append(run(i, "aaaa"), 0, 3, warnings::add).summaryFile());
        List<HistoryEntry> entries = index.read(warnings::add);
        assertThat(entries).hasSize(3).extracting(e -> e.tags().get("version")).containsExactly("1.4.2", "1.4.3", "1.4.4");
        assertThat(summaries.get(0)).doesNotExist();
        assertThat(summaries.get(1)).doesNotExist();
        assertThat(summaries.get(2)).exists();
        try (var files = Files.list(dir.resolve("runs"))) {
            assertThat(files.count()).isEqualTo(3);
        }
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheSummariesAndKeptAside() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        for (int i = 0; i < 3; i++) index.append(run(i, "aaaa"), 0, 10, warnings::add);
        assertThat(warnings).as("an intact index is never rebuilt").isEmpty();
        Files.writeString(index.indexFile(), "{\"schema\": \"headroom.results/1\", \"runs\": [ {\"runId\": 3");
        List<HistoryEntry> entries = index.read(warnings::add);
        assertThat(entries).hasSize(3).extracting(HistoryEntry::planHash).containsOnly("aaaa");
        assertThat(warnings).singleElement().asString().contains(index.indexFile().toString(), "is corrupt", "not JSON at line 1",
                "rebuilt it from the 3 summaries", "index.json.corrupt");
        assertThat(dir.resolve("index.json.corrupt")).exists();
        // The rebuilt index is written: the next read needs no rebuild.
        warnings.clear();
        assertThat(index.read(warnings::add)).hasSize(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aMalformedEntryNamesItsFieldAndAnUnreadableSummaryIsLeftOutByName() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        index.append(run(0, "aaaa"), 0, 10, warnings::add);
        String good = Files.readString(index.indexFile());
        Files.writeString(index.indexFile(), good.replaceFirst("\"invalidRun\" : false", "\"invalidRun\" : \"no\""));
        Files.writeString(dir.resolve("runs/20990101-000000-junk-0000.json"), "not a summary");
        List<HistoryEntry> entries = index.read(warnings::add);
        assertThat(entries).hasSize(1);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("20990101-000000-junk-0000.json"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("runs[0].invalidRun: expected true or false"));
    }

    @Test
    void aSummaryPathOutsideTheFolderIsRefused() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        index.append(run(0, "aaaa"), 0, 10, warnings::add);
        String good = Files.readString(index.indexFile());
        Files.writeString(index.indexFile(), good.replaceFirst("\"summary\" : \"runs/", "\"summary\" : \"../../etc/"));
        index.read(warnings::add);
        assertThat(warnings).singleElement().asString().contains("runs[0].summary: expected a path inside the results folder");
    }

    @Test
    void concurrentAppendsLoseNoEntry() throws Exception {
        ResultsIndex index = new ResultsIndex(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    // A fresh ResultsIndex per append, as each run makes its own.
                    for (int i = 0; i < 8; i++) new ResultsIndex(dir).append(run(thread * 100 + i, "aaaa"), 0, 1000, w -> { });
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<HistoryEntry> entries = index.read(warnings::add);
        assertThat(entries).hasSize(32);
        assertThat(entries.stream().map(HistoryEntry::runId).distinct()).hasSize(32);
        assertThat(warnings).isEmpty();
    }

    @Test
    void noFolderIsNoRuns() throws Exception {
        assertThat(new ResultsIndex(dir.resolve("nothing-here")).read(warnings::add)).isEmpty();
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }
}
