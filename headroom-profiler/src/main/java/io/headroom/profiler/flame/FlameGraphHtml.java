package io.headroom.profiler.flame;

import io.headroom.core.text.Html;
import io.headroom.core.text.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link FrameTrie} as one self-contained interactive flame graph page: inline CSS and
 * JavaScript, no network access, click a frame to zoom, search to highlight matching frames, reset.
 *
 * <p>Frame names come from the profiled program and are untrusted: the page only ever inserts them as text
 * ({@code textContent}, attribute values), the title is HTML-escaped, and the embedded JSON escapes
 * {@code <}, {@code >} and {@code &} so no name can close the script element. Stateless and thread-safe.
 */
public final class FlameGraphHtml {
    private static final String TEMPLATE = loadTemplate();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(TITLE|DATA)}}");
    /** Markers on the walk stack of {@link #dataJson}: end a node with children, end a leaf. */
    private static final Object CLOSE = new Object();
    private static final Object CLOSE_LEAF = new Object();

    private FlameGraphHtml() {}

    /** The page for {@code trie}, with {@code title} (plain text, escaped here) as heading and window title. */
    public static String render(FrameTrie trie, String title) {
        return render(trie, title, "samples");
    }

    /**
     * The page for {@code trie}, whose counts are in {@code unit} (plain text: {@code samples}, {@code ms}),
     * with {@code title} (plain text, escaped here) as heading and window title.
     */
    public static String render(FrameTrie trie, String title, String unit) {
        return page(title, dataJson(trie, unit, null));
    }

    /**
     * A differential flame graph: the frames of {@code diff}'s "after" profile, widths as in it, each frame
     * coloured by how its share of all samples changed from "before" (red grew, blue shrank, white unchanged).
     */
    public static String renderDiff(FlameDiff diff, String title) {
        return page(title, dataJson(diff.after(), diff.unit(), diff));
    }

    private static String page(String title, String data) {
        String escapedTitle = Html.escape(title);
        // One pass over the template, so a title that happens to contain "{{DATA}}" stays text.
        Matcher m = PLACEHOLDER.matcher(TEMPLATE);
        StringBuilder page = new StringBuilder(TEMPLATE.length() + data.length() + 2 * escapedTitle.length());
        while (m.find()) {
            m.appendReplacement(page, Matcher.quoteReplacement(m.group(1).equals("TITLE") ? escapedTitle : data));
        }
        m.appendTail(page);
        return page.toString();
    }

    /** Writes the page for {@code trie} to {@code file} (UTF-8), replacing it. */
    public static void write(FrameTrie trie, String title, Path file) throws IOException {
        Files.writeString(file, render(trie, title), StandardCharsets.UTF_8);
    }

    /** Writes the page for {@code trie}, counted in {@code unit}, to {@code file} (UTF-8), replacing it. */
    public static void write(FrameTrie trie, String title, String unit, Path file) throws IOException {
        Files.writeString(file, render(trie, title, unit), StandardCharsets.UTF_8);
    }

    static String dataJson(FrameTrie trie) {
        return dataJson(trie, "samples", null);
    }

    /**
     * The trie as {@code {"names":[...],"root":[nameIndex,total,[children...]],"unit":"..."}}, names
     * deduplicated, safe to place inside a {@code <script>} element; with a diff, also {@code "deltas"} and
     * {@code "before"}: per node in the same pre-order, the change of its share in percentage points and its
     * total before. Built without recursion: stacks can be thousands of frames deep.
     */
    static String dataJson(FrameTrie trie, String unit, FlameDiff diff) {
        Map<String, Integer> nameIds = new HashMap<>();
        StringBuilder names = new StringBuilder("[");
        StringBuilder tree = new StringBuilder();
        // Iterative pre-order walk; the CLOSE markers end a node.
        Deque<Object> work = new ArrayDeque<>();
        work.push(trie.root());
        boolean needComma = false;
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item == CLOSE) {
                tree.append("]]");
                needComma = true;
                continue;
            }
            if (item == CLOSE_LEAF) {
                tree.append(']');
                needComma = true;
                continue;
            }
            FrameTrie.Node node = (FrameTrie.Node) item;
            if (needComma) tree.append(',');
            Integer id = nameIds.get(node.name());
            if (id == null) {
                id = nameIds.size();
                nameIds.put(node.name(), id);
                if (id > 0) names.append(',');
                Json.appendQuoted(names, node.name(), true);
            }
            tree.append('[').append(id).append(',').append(node.totalSamples());
            List<FrameTrie.Node> children = node.children();
            if (children.isEmpty()) {
                work.push(CLOSE_LEAF);
                continue;
            }
            tree.append(",[");
            needComma = false;
            work.push(CLOSE);
            for (int i = children.size() - 1; i >= 0; i--) work.push(children.get(i));
        }
        names.append(']');
        StringBuilder json = new StringBuilder("{\"names\":").append(names).append(",\"root\":").append(tree);
        Json.appendQuoted(json.append(",\"unit\":"), unit, true);
        if (diff != null) {
            json.append(",\"beforeTotal\":").append(diff.before().root().totalSamples());
            json.append(",\"deltas\":[");
            double[] deltas = diff.deltaPointsPreOrder();
            for (int i = 0; i < deltas.length; i++) {
                if (i > 0) json.append(',');
                json.append(String.format(java.util.Locale.ROOT, "%.3f", deltas[i]));
            }
            json.append("],\"before\":[");
            long[] before = diff.beforeTotalsPreOrder();
            for (int i = 0; i < before.length; i++) {
                if (i > 0) json.append(',');
                json.append(before[i]);
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String loadTemplate() {
        try (InputStream in = FlameGraphHtml.class.getResourceAsStream("flamegraph.html")) {
            if (in == null) throw new IllegalStateException("flamegraph.html is missing from the headroom-profiler jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
