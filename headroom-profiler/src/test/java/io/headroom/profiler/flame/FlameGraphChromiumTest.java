package io.headroom.profiler.flame;

import io.headroom.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.profiler.Golden;
import io.headroom.profiler.analysis.JfrAnalyzer;
import io.headroom.profiler.analysis.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flame graph page opened in headless Chromium: a small harness injected into a copy of the page
 * records script errors, then drives the page as a user would (type a search, click a frame, reset) and
 * writes what it saw into the DOM, which Chromium dumps.
 */
class FlameGraphChromiumTest {
    private static final ObjectMapper JSON = new ObjectMapper();


    private static final String DRIVER = """
            <script>
            (function () {
              var r = { errors: window.__errors };
              function frames(selector) { return Array.prototype.slice.call(document.querySelectorAll('#chart ' + (selector || '.frame'))); }
              function name(el) { return el.title.split('  ')[0]; }
              try {
                r.title = document.title;
                r.heading = document.getElementById('title').textContent;
                r.initialFrames = frames().length;
                r.initialNames = frames().map(name);
                r.frameStyles = frames().map(function (el) { return [name(el), el.style.backgroundColor, el.title]; });
                r.legend = document.getElementById('legend').textContent;
                r.summary = document.getElementById('summary').textContent;
                r.images = document.querySelectorAll('img').length;
                r.pwned = window.__pwned === undefined ? 'no' : 'yes';
                var box = document.getElementById('search');
                box.value = SEARCH_TERM;
                box.dispatchEvent(new Event('input'));
                r.matchedNames = frames('.frame.match').map(name);
                r.matchedLabel = document.getElementById('matched').textContent;
                r.matchedSamples = Number(document.getElementById('matched').getAttribute('data-samples'));
                var target = frames('.frame.match')[0];
                var id = target.getAttribute('data-id');
                target.click();
                r.zoomedWidth = document.querySelector('#chart .frame[data-id="' + id + '"]').style.width;
                r.ancestorsWhenZoomed = frames('.frame.ancestor').length;
                r.framesWhenZoomed = frames().length;
                document.getElementById('reset').click();
                r.framesAfterReset = frames().length;
                r.ancestorsAfterReset = frames('.frame.ancestor').length;
                box.value = '';
                box.dispatchEvent(new Event('input'));
                r.matchedAfterClear = frames('.frame.match').length;
              } catch (e) {
                r.errors.push('harness: ' + e);
              }
              var pre = document.createElement('pre');
              pre.id = 'test-results';
              pre.textContent = JSON.stringify(r);
              document.body.appendChild(pre);
            })();
            </script>
            """;

    @Test
    void flameGraphOfTheFixedRecordingRendersWithoutErrorsAndSearchHighlightsFrames(@TempDir Path dir) throws Exception {
        Profile profile = JfrAnalyzer.analyse(Golden.fixtureRecording());
        FrameTrie trie = profile.cpuTrie();
        long sumOfSquaresSamples = profile.report().cpu().topTotal().stream()
                .filter(m -> m.method().endsWith(".sumOfSquares")).findFirst().orElseThrow().totalSamples();

        JsonNode r = open(dir, FlameGraphHtml.render(trie, "CPU flame graph: fixture"), "sumofsquares");

        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("title").asText()).isEqualTo("CPU flame graph: fixture");
        assertThat(r.get("initialFrames").asInt()).isGreaterThan(10);
        assertThat(texts(r.get("initialNames"))).contains("all", "io.headroom.profiler.FixtureProgram.cpuWork");
        // Case-insensitive search: every highlighted frame matches, and the share counts the method's samples.
        assertThat(texts(r.get("matchedNames"))).isNotEmpty()
                .allMatch(n -> n.equals("io.headroom.profiler.FixtureProgram.sumOfSquares"));
        assertThat(r.get("matchedSamples").asLong()).isEqualTo(sumOfSquaresSamples);
        assertThat(r.get("matchedLabel").asText()).startsWith("Matched: ").contains(sumOfSquaresSamples + " samples");
        // Clicking it zooms: it fills the width, its callers stay visible above the chart's floor, faded.
        assertThat(r.get("zoomedWidth").asText()).isEqualTo("100%");
        assertThat(r.get("ancestorsWhenZoomed").asInt()).isEqualTo(6); // all, Thread.run, runWith, lambda, lambda$main$0, cpuWork
        assertThat(r.get("framesWhenZoomed").asInt()).isLessThan(r.get("initialFrames").asInt());
        assertThat(r.get("framesAfterReset").asInt()).isEqualTo(r.get("initialFrames").asInt());
        assertThat(r.get("ancestorsAfterReset").asInt()).isZero();
        assertThat(r.get("matchedAfterClear").asInt()).isZero();
    }

    @Test
    void hostileFrameNamesAreShownAsTextAndNeverRunAsMarkup(@TempDir Path dir) throws Exception {
        List<String> evil = List.of("app.Evil.</script><script>window.__pwned=1</script>",
                "app.Img.<img src=x onerror=\"window.__pwned=1\">",
                "app.Quote.\"'&lt &&\u2028 ends");
        CollapsedStacks.Builder stacks = CollapsedStacks.builder();
        for (int i = 0; i < evil.size(); i++) stacks.add(List.of("app.Main.main", evil.get(i)), 10L * (i + 1));

        JsonNode r = open(dir, FlameGraphHtml.render(FrameTrie.of(stacks.build()), "<b>title</b> & more"), "/Evil|Img/");

        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("pwned").asText()).isEqualTo("no");
        assertThat(r.get("images").asInt()).isZero();
        assertThat(r.get("title").asText()).isEqualTo("<b>title</b> & more");
        assertThat(r.get("heading").asText()).isEqualTo("<b>title</b> & more");
        assertThat(texts(r.get("initialNames"))).containsAll(evil);
        assertThat(texts(r.get("matchedNames"))).containsExactlyInAnyOrder(evil.get(0), evil.get(1));
        assertThat(r.get("matchedSamples").asLong()).isEqualTo(30);
    }

    @Test
    void aDifferentialGraphColoursGrowthRedAndShrinkageBlueAndTellsTheBeforeShare(@TempDir Path dir) throws Exception {
        FlameDiff diff = FlameDiff.of(CollapsedStacks.parse(new java.io.StringReader("app.Main.main;app.Work.grow 50\n"
                        + "app.Main.main;app.Work.shrink 50\n")),
                CollapsedStacks.parse(new java.io.StringReader("app.Main.main;app.Work.grow 150\napp.Main.main;app.Work.shrink 50\n")),
                "samples");

        JsonNode r = open(dir, FlameGraphHtml.renderDiff(diff, "diff"), "grow");

        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("legend").asText()).startsWith("Differential:");
        int[] grow = rgb(style(r, "app.Work.grow").get(1).asText());
        int[] shrink = rgb(style(r, "app.Work.shrink").get(1).asText());
        int[] same = rgb(style(r, "app.Main.main").get(1).asText());
        assertThat(grow[0]).as("red grew").isGreaterThan(grow[2] + 60);
        assertThat(shrink[2]).as("blue shrank").isGreaterThan(shrink[0] + 60);
        assertThat(java.util.Arrays.stream(same).min().orElseThrow()).as("unchanged is near white").isGreaterThan(235);
        assertThat(style(r, "app.Work.grow").get(2).asText()).contains("150 samples, 75.00 % of all", "before 50.00 %",
                "+25.00 points");
        assertThat(r.get("matchedSamples").asLong()).isEqualTo(150);
    }

    @Test
    void aWallClockGraphCountsMilliseconds(@TempDir Path dir) throws Exception {
        Profile profile = JfrAnalyzer.analyse(Golden.fixtureRecording());

        JsonNode r = open(dir, FlameGraphHtml.render(profile.wallTrie(), "Wall-clock flame graph: fixture", "ms"), "[parked]");

        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        assertThat(r.get("summary").asText()).contains(" ms, ");
        assertThat(r.get("legend").asText()).startsWith("Wall clock:");
        assertThat(texts(r.get("matchedNames"))).isNotEmpty().allMatch(n -> n.equals("[parked]"));
        assertThat(r.get("matchedLabel").asText()).endsWith(" ms)");
        assertThat(r.get("matchedSamples").asLong()).isBetween(2900L, 3100L); // 53 parks, 2980 ms in all
    }

    private static JsonNode style(JsonNode r, String frame) {
        for (JsonNode f : r.get("frameStyles")) if (f.get(0).asText().equals(frame)) return f;
        throw new AssertionError("no frame " + frame + " in " + r.get("frameStyles"));
    }

    /** {@code rgb(12, 34, 56)} as its three numbers. */
    private static int[] rgb(String css) {
        String[] parts = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    /** Writes the page with the harness injected, opens it, returns the harness's results. */
    private static JsonNode open(Path dir, String page, String searchTerm) throws IOException, InterruptedException {
        String driver = DRIVER.replace("SEARCH_TERM", JSON.writeValueAsString(searchTerm));
        return JSON.readTree(Chromium.harnessResults(dir.resolve("flame.html"), page, driver));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
