package io.headroom.profiler.flame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlameGraphHtmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pageIsSelfContainedWithNothingLoadedFromTheNetwork() {
        String page = FlameGraphHtml.render(FrameTrie.of(CollapsedStacks.builder().add(List.of("a", "b"), 1).build()), "t");

        assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>", "<script>")
                .doesNotContain("http://", "https://", "<link", "src=\"", "{{TITLE}}", "{{DATA}}");
    }

    @Test
    void dataIsTheTrieWithDeduplicatedNames() throws Exception {
        FrameTrie trie = FrameTrie.of(CollapsedStacks.builder()
                .add(List.of("main", "work"), 3)
                .add(List.of("other", "work"), 2)
                .build());

        JsonNode data = JSON.readTree(FlameGraphHtml.dataJson(trie));

        assertThat(data.get("names")).hasSize(4); // all, main, work, other: "work" once
        JsonNode root = data.get("root");
        assertThat(data.get("names").get(root.get(0).asInt()).asText()).isEqualTo("all");
        assertThat(root.get(1).asLong()).isEqualTo(5);
        assertThat(root.get(2)).hasSize(2);
        JsonNode main = root.get(2).get(0);
        assertThat(data.get("names").get(main.get(0).asInt()).asText()).isEqualTo("main");
        assertThat(main.get(2).get(0).size()).as("a leaf has no children array").isEqualTo(2);
    }

    @Test
    void namesCannotEndTheScriptElementAndTheTitleIsEscaped() throws Exception {
        String hostile = "x.</script><img src=x onerror=alert(1)>&\u2028";
        String page = FlameGraphHtml.render(FrameTrie.of(CollapsedStacks.builder().add(List.of(hostile), 1).build()),
                "<i>\"pid\" 'x'</i> & co");

        assertThat(page).doesNotContain("</script><img", "<img", "<i>");
        assertThat(page).contains("&lt;i&gt;&quot;pid&quot; &#39;x&#39;&lt;/i&gt; &amp; co");
        String data = page.substring(page.indexOf("id=\"flame-data\">") + 16, page.indexOf("</script>", page.indexOf("flame-data")));
        assertThat(data).doesNotContain("<", ">", "&", "\u2028");
        assertThat(JSON.readTree(data).get("names").get(1).asText()).isEqualTo(hostile);
    }

    @Test
    void aTitleThatLooksLikeAPlaceholderStaysText() {
        String page = FlameGraphHtml.render(FrameTrie.of(CollapsedStacks.builder().build()), "{{DATA}}");

        assertThat(page).contains("<title>{{DATA}}</title>");
    }

    @Test
    void rendersVeryDeepStacksWithoutRecursion() throws Exception {
        List<String> deep = new ArrayList<>(Collections.nCopies(20_000, "recurse"));
        deep.add("leaf");
        FrameTrie trie = FrameTrie.of(CollapsedStacks.builder().add(deep, 7).build());

        String json = FlameGraphHtml.dataJson(trie);

        assertThat(json).startsWith("{\"names\":[\"all\",\"recurse\",\"leaf\"],\"root\":[0,7,[[1,7,[[1,7,");
        assertThat(json).endsWith("]]]],\"unit\":\"samples\"}");
        assertThat(trie.maxDepth()).isEqualTo(20_001);
    }
}
