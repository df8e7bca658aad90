package io.headroom.script.plan;

import io.headroom.script.DataSource;
import io.headroom.script.DataSourceException;
import io.headroom.script.DataStrategy;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's {@code data} section and the data files it names: reads each CSV file once, at load time, into
 * the context's data sources; and the rule that a {@code unique} file has a row for every VU that may read it.
 */
final class DataSection {
    /** The keys of a data source written as a mapping. */
    static final KeyTable<Void> SOURCE_KEYS = KeyTable.of("file", "strategy", "maxSize");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|B|KiB|MiB|GiB|KB|MB|GB)");
    private static final Pattern DATA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final PlanContext ctx;
    private final NodeReader r;

    DataSection(PlanContext ctx) {
        this.ctx = ctx;
        this.r = ctx.r;
    }

    void read(YNode node) {
        r.map(node, "data", "a mapping of data source names to {file, strategy}")
                .ifPresent(map -> map.entries().forEach(this::source));
    }

    private void source(YEntry e) {
        String path = "data." + e.key();
        if (!DATA_NAME.matcher(e.key()).matches()) {
            r.error(e.keyMark(), path, "a data source name is letters, digits, '_' and '-', starting with a letter, found \"" + e.key() + "\"");
            return;
        }
        ctx.data.put(e.key(), null);
        ctx.dataEntries.put(e.key(), e);
        YNode fileNode;
        DataStrategy strategy = DataStrategy.CIRCULAR;
        long maxBytes = DataSource.DEFAULT_MAX_BYTES;
        if (e.value() instanceof YScalar) {
            fileNode = e.value();
        } else {
            Optional<YMap> read = r.map(e.value(), path, "a CSV file name or {file, strategy}");
            if (read.isEmpty()) return;
            YMap spec = read.get();
            SOURCE_KEYS.reportUnknown(r, spec, path);
            fileNode = spec.get("file");
            if (fileNode == null) {
                r.error(e.keyMark(), path, "missing 'file': the CSV file to read, relative to the plan");
                return;
            }
            if (spec.has("strategy")) {
                Optional<DataStrategy> s = strategy(spec.get("strategy"), path + ".strategy");
                if (s.isEmpty()) return;
                strategy = s.get();
            }
            if (spec.has("maxSize")) {
                Optional<Long> max = size(spec.get("maxSize"), path + ".maxSize");
                if (max.isEmpty()) return;
                maxBytes = max.get();
            }
        }
        Optional<String> file = r.nonEmptyText(fileNode, path + ".file", "a CSV file name").map(Template::unescape);
        if (file.isEmpty()) return;
        try {
            ctx.data.put(e.key(), DataSource.readCsv(e.key(), ctx.baseDir.resolve(file.get()), strategy, maxBytes));
        } catch (DataSourceException ex) {
            r.error(fileNode, path + ".file", "cannot use " + ex.getMessage());
        }
    }

    /** A size in bytes: {@code 500MiB}, {@code 2GB}, {@code 1048576}. */
    private Optional<Long> size(YNode node, String path) {
        Optional<String> read = r.text(node, path, "a size such as 500MiB");
        if (read.isEmpty()) return Optional.empty();
        Matcher m = SIZE.matcher(read.get().trim());
        long bytes = 0;
        if (m.matches()) {
            long unit = switch (m.group(2)) {
                case "", "B" -> 1;
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                case "KB" -> 1000;
                case "MB" -> 1000_000;
                default -> 1000_000_000;
            };
            long count = Long.parseLong(m.group(1));
            bytes = count > Long.MAX_VALUE / unit ? 0 : count * unit;
        }
        if (bytes <= 0) {
            r.error(node, path, "expected a positive size such as 500MiB or 2GB, found \"" + read.get() + "\"");
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private Optional<DataStrategy> strategy(YNode node, String path) {
        Optional<String> read = r.text(node, path, "circular, random or unique");
        if (read.isEmpty()) return Optional.empty();
        String text = read.get();
        for (DataStrategy s : DataStrategy.values()) {
            if (s.planName().equals(text)) return Optional.of(s);
        }
        List<String> names = Arrays.stream(DataStrategy.values()).map(DataStrategy::planName).toList();
        r.error(node, path, "expected circular, random or unique, found \"" + text + "\""
                + Suggestions.closest(text, names).map(Suggestions::didYouMean).orElse(""));
        return Optional.empty();
    }

    /**
     * A {@code unique} source gives every VU its own row: it needs at least as many rows as the scenarios reading
     * it may run VUs.
     *
     * @param sourcesByScenario the data sources each scenario's flow reads
     * @param maxVusByScenario the most VUs each scenario may run
     */
    void checkUniqueSources(Map<String, Set<String>> sourcesByScenario, Map<String, Long> maxVusByScenario) {
        for (Map.Entry<String, DataSource> d : ctx.data.entrySet()) {
            DataSource ds = d.getValue();
            if (ds == null || ds.strategy() != DataStrategy.UNIQUE) continue;
            long vus = 0;
            List<String> users = new ArrayList<>();
            for (Map.Entry<String, Set<String>> s : sourcesByScenario.entrySet()) {
                if (s.getValue().contains(d.getKey())) {
                    vus += maxVusByScenario.get(s.getKey());
                    users.add(s.getKey());
                }
            }
            if (vus > ds.size()) {
                YEntry e = ctx.dataEntries.get(d.getKey());
                YNode at = e.value() instanceof YMap m && m.has("strategy") ? m.get("strategy") : e.value();
                r.error(at, "data." + d.getKey() + ".strategy", "unique gives every VU its own row, but "
                        + String.join(", ", users) + " may run " + vus + " VUs and the file has " + ds.size() + " rows");
            }
        }
    }
}
