package io.headroom.profiler.flame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FlameDiffTest {
    private static CollapsedStacks parse(String text) throws Exception {
        return CollapsedStacks.parse(new StringReader(text));
    }

    @Test
    void aFrameThatTookAWiderShareIsRedAndOneThatLostShareIsBlue() throws Exception {
        // Before: a.work 50 %, a.other 50 %. After (twice as many samples): a.work 75 %, a.other 25 %.
        FlameDiff diff = FlameDiff.of(parse("main;work 50\nmain;other 50\n"), parse("main;work 150\nmain;other 50\n"),
                "samples");

        double[] deltas = diff.deltaPointsPreOrder(); // all, main, other, work (children sorted by name)
        assertThat(deltas).hasSize(4);
        assertThat(deltas[0]).isCloseTo(0, within(1e-9));
        assertThat(deltas[1]).isCloseTo(0, within(1e-9));
        assertThat(deltas[2]).isCloseTo(-25, within(1e-9));
        assertThat(deltas[3]).isCloseTo(25, within(1e-9));
        assertThat(diff.beforeTotalsPreOrder()).containsExactly(100, 100, 50, 50);
        assertThat(diff.biggestChanges(5)).extracting(c -> c.path().getLast()).containsExactlyInAnyOrder("work", "other");
        assertThat(diff.vanished()).isEmpty();
    }

    @Test
    void sameSharesAtDifferentLengthsShowNoChange() throws Exception {
        FlameDiff diff = FlameDiff.of(parse("main;work 30\nmain;other 10\n"), parse("main;work 300\nmain;other 100\n"),
                "samples");

        for (double d : diff.deltaPointsPreOrder()) assertThat(d).isCloseTo(0, within(1e-9));
        assertThat(diff.biggestChanges(5)).isEmpty();
    }

    @Test
    void aCallPathOnlyInBeforeIsListedAsVanishedAndANewOneHasNoBefore() throws Exception {
        FlameDiff diff = FlameDiff.of(parse("main;old 40\nmain;kept 60\n"), parse("main;kept 60\nmain;fresh 40\n"),
                "samples");

        assertThat(diff.vanished()).singleElement().satisfies(c -> {
            assertThat(c.path()).containsExactly("main", "old");
            assertThat(c.beforePercent()).isCloseTo(40, within(1e-9));
        });
        assertThat(diff.beforeTotalsPreOrder()).containsExactly(100, 100, 0, 60); // all, main, fresh, kept
        assertThat(diff.biggestChanges(5)).extracting(c -> c.path().getLast()).contains("old", "fresh");
    }

    @Test
    void thePageCarriesTheDeltasInTheSameOrderAsItsNodes() throws Exception {
        FlameDiff diff = FlameDiff.of(parse("main;work 50\nmain;other 50\n"), parse("main;work 150\nmain;other 50\n"),
                "ms");

        String page = FlameGraphHtml.renderDiff(diff, "diff <of> two");
        String json = page.substring(page.indexOf("<script type=\"application/json\" id=\"flame-data\">")
                + "<script type=\"application/json\" id=\"flame-data\">".length());
        JsonNode data = new ObjectMapper().readTree(json.substring(0, json.indexOf("</script>")));

        assertThat(data.get("unit").asText()).isEqualTo("ms");
        assertThat(data.get("beforeTotal").asLong()).isEqualTo(100);
        assertThat(data.get("deltas")).hasSize(4);
        assertThat(data.get("deltas").get(3).asDouble()).isCloseTo(25, within(1e-3));
        assertThat(data.get("before").get(2).asLong()).isEqualTo(50);
        assertThat(page).contains("<title>diff &lt;of&gt; two</title>");
        assertThat(List.of(data.get("names").get(0).asText(), data.get("names").get(3).asText()))
                .containsExactly("all", "work");
    }
}
