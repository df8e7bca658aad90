package io.headroom.script.plan;

import io.headroom.core.metric.BuiltinMetrics;
import io.headroom.core.plan.ExecutorSpec;
import io.headroom.core.plan.ScenarioSpec;
import io.headroom.core.plan.Stage;
import io.headroom.core.threshold.ThresholdSpec;
import io.headroom.core.threshold.ThresholdExpr;
import io.headroom.core.threshold.ThresholdSelector;
import io.headroom.core.metric.MetricDefinition;
import io.headroom.core.metric.MetricKind;
import io.headroom.script.DataSource;
import io.headroom.script.DataSourceException;
import io.headroom.script.DataStrategy;
import io.headroom.script.ExpectedStatuses;
import io.headroom.script.Headers;
import io.headroom.script.HttpDefaults;
import io.headroom.script.LatencyOrigin;
import io.headroom.script.Options;
import io.headroom.script.plan.YamlTree.Kind;
import io.headroom.script.plan.YamlTree.Mark;
import io.headroom.script.plan.YamlTree.YEntry;
import io.headroom.script.plan.YamlTree.YList;
import io.headroom.script.plan.YamlTree.YMap;
import io.headroom.script.plan.YamlTree.YNode;
import io.headroom.script.plan.YamlTree.YScalar;

import io.headroom.core.threshold.ThresholdParser;
import io.headroom.core.threshold.ThresholdSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a YAML plan into a {@link Plan}: k6's option names, a {@code flow} per scenario compiled to the
 * {@link io.headroom.script.Scenario} interface, {@code ${ENV:NAME:-default}} substituted at load time.
 * Every problem is collected and thrown together as one {@link PlanException}, each with file, line,
 * column and field path. Instances are immutable and thread-safe.
 */
public final class PlanLoader {
    static final List<String> TOP_KEYS = List.of("name", "description", "baseUrl", "maxDuration", "http", "tags",
            "data", "thresholds", "scenarios", "redact");
    static final List<String> HTTP_KEYS = List.of("timeout", "maxRedirects", "insecureSkipTlsVerify",
            "expectedStatuses", "headers", "cookies", "userAgent", "latencyFrom");
    static final List<String> COMMON_SCENARIO_KEYS = List.of("executor", "startTime", "gracefulStop", "tags", "flow");
    /** Each executor's own options, in k6's names. */
    static final Map<String, List<String>> EXECUTOR_OPTIONS = executorOptions();
    static final List<String> ALL_EXECUTOR_OPTIONS = List.of("vus", "duration", "stages", "startVUs",
            "gracefulRampDown", "rate", "timeUnit", "preAllocatedVUs", "maxVUs", "startRate", "iterations", "maxDuration");
    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete", "head", "options");
    static final List<String> STEP_KINDS = List.of("get", "post", "put", "patch", "delete", "head", "options",
            "request", "group", "think", "metric");
    static final List<String> REQUEST_OPTIONS = List.of("name", "headers", "query", "json", "form", "body", "timeout",
            "redirects", "expectedStatuses", "tags", "checks", "extract");
    static final List<String> CHECK_KINDS = List.of("status", "header", "body", "json", "duration");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SCENARIO_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
    private static final Pattern DATA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\{(.*)})?");

    private final Function<String, String> env;

    /** A loader over the process environment. */
    public PlanLoader() {
        this(System::getenv);
    }

    /** @param env looks up environment variables for {@code ${ENV:...}}; returns null when unset */
    public PlanLoader(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Loads a plan file with the process environment; data files are read relative to the plan's folder. */
    public static Plan load(Path file) {
        return new PlanLoader().read(file);
    }

    /** Loads plan text; {@code fileName} names it in messages; data files are read relative to the working directory. */
    public static Plan load(String yaml, String fileName) {
        return new PlanLoader().read(yaml, fileName, Path.of(""));
    }

    /**
     * Reads a plan file.
     *
     * @throws PlanException with every problem found, including a missing or unreadable file
     */
    public Plan read(Path file) {
        String name = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) throw new PlanException(new PlanError(name, 0, 0, "", "is a directory, not a plan file"));
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "file not found"));
        } catch (CharacterCodingException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "cannot read: not UTF-8 text"));
        } catch (IOException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return read(text, name, file.getParent() == null ? Path.of("") : file.getParent());
    }

    /**
     * Reads plan text.
     *
     * @param fileName names the plan in messages and is the default plan name
     * @param baseDir the folder relative data file paths are read against
     * @throws PlanException with every problem found
     */
    public Plan read(String yaml, String fileName, Path baseDir) {
        return new Reading(fileName, baseDir == null ? Path.of("") : baseDir).plan(yaml);
    }

    private static Map<String, List<String>> executorOptions() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("constant-vus", List.of("vus", "duration"));
        m.put("ramping-vus", List.of("startVUs", "stages", "gracefulRampDown"));
        m.put("constant-arrival-rate", List.of("rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"));
        m.put("ramping-arrival-rate", List.of("startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"));
        m.put("per-vu-iterations", List.of("vus", "iterations", "maxDuration"));
        m.put("shared-iterations", List.of("vus", "iterations", "maxDuration"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The most VUs an executor may run at once. */
    static long maxVus(ExecutorSpec executor) {
        return switch (executor) {
            case ExecutorSpec.ConstantVus e -> e.vus();
            case ExecutorSpec.RampingVus e -> Math.max(e.startVUs(), e.stages().stream().mapToLong(Stage::target).max().orElse(0));
            case ExecutorSpec.ConstantArrivalRate e -> e.maxVUs();
            case ExecutorSpec.RampingArrivalRate e -> e.maxVUs();
            case ExecutorSpec.PerVuIterations e -> e.vus();
            case ExecutorSpec.SharedIterations e -> e.vus();
        };
    }

    /** The state of reading one file. */
    private final class Reading {
        private final String fileName;
        private final Path baseDir;
        private final Problems problems;
        private final NodeReader r;
        /** Declared data sources by name; the value is null when the file could not be read. */
        private final Map<String, DataSource> data = new LinkedHashMap<>();
        private final Map<String, YEntry> dataEntries = new HashMap<>();
        /** Keys of the current scenario that an unknown key was probably meant to be: not reported missing too. */
        private final Set<String> suggestedKeys = new java.util.HashSet<>();
        /** Custom metrics declared by metric steps, with their kinds. */
        private final Map<String, MetricKind> customMetrics = new LinkedHashMap<>();

        Reading(String fileName, Path baseDir) {
            this.fileName = fileName;
            this.baseDir = baseDir;
            this.problems = new Problems(fileName);
            this.r = new NodeReader(problems);
        }

        Plan plan(String yaml) {
            YNode rootNode = YamlTree.parse(yaml, env, problems);
            if (rootNode == null) throw new PlanException(problems.errors());
            YMap root = r.map(rootNode, "", "a mapping with 'scenarios' (and optionally name, baseUrl, http, data, thresholds)");
            if (root == null) throw new PlanException(problems.errors());
            r.onlyKeys(root, "", TOP_KEYS);

            String name = root.has("name") ? unescaped(r.nonEmptyText(root.get("name"), "name", "a plan name")) : null;
            if (name == null) name = defaultName();
            if (root.has("description")) r.text(root.get("description"), "description", "a description");
            String baseUrl = root.has("baseUrl") ? baseUrl(root.get("baseUrl")) : null;
            Duration maxDuration = root.has("maxDuration") ? r.positiveDuration(root.get("maxDuration"), "maxDuration") : null;
            HttpDefaults http = root.has("http") ? http(root.get("http")) : HttpDefaults.DEFAULTS;
            Map<String, String> tags = root.has("tags") ? tags(root.get("tags"), "tags") : Map.of();
            if (root.has("data")) data(root.get("data"));
            Set<String> redact = root.has("redact") ? redact(root.get("redact")) : Set.of();

            List<PlanScenario> scenarios = new ArrayList<>();
            Map<String, Set<String>> sourcesByScenario = new LinkedHashMap<>();
            Map<String, Long> maxVusByScenario = new HashMap<>();
            YEntry scenariosEntry = root.entry("scenarios");
            if (scenariosEntry == null) {
                r.error(root.mark(), "scenarios", "missing 'scenarios': a plan needs at least one scenario with an executor and a flow");
            } else {
                YMap map = r.map(scenariosEntry.value(), "scenarios", "a mapping of scenario names to scenarios");
                if (map != null && map.entries().isEmpty()) {
                    r.error(scenariosEntry.keyMark(), "scenarios", "expected at least one scenario, found none");
                }
                if (map != null) {
                    for (YEntry e : map.entries()) {
                        Set<String> sources = new LinkedHashSet<>();
                        PlanScenario s = scenario(e, tags, sources);
                        if (s != null) {
                            scenarios.add(s);
                            sourcesByScenario.put(s.name(), sources);
                            maxVusByScenario.put(s.name(), maxVus(s.spec().executor()));
                        }
                    }
                }
            }
            List<ThresholdSpec> thresholds = root.has("thresholds") ? thresholds(root.get("thresholds")) : List.of();
            checkUniqueSources(sourcesByScenario, maxVusByScenario);

            problems.throwIfAny();
            Map<String, DataSource> sources = new LinkedHashMap<>(data);
            return new Plan(name, fileName, baseUrl, maxDuration, http, sources, thresholds, scenarios, redact);
        }

        /** Header and query parameter names whose values never reach an output (case-insensitive). */
        private Set<String> redact(YNode node) {
            YList list = r.list(node, "redact", "a list of header or query parameter names, like [X-Api-Key, token]");
            if (list == null) return Set.of();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < list.items().size(); i++) {
                String name = r.nonEmptyText(list.items().get(i), "redact[" + i + "]", "a header or query parameter name");
                if (name != null) names.add(name.strip());
            }
            return names;
        }

        private String defaultName() {
            String base = Path.of(fileName.isEmpty() ? "plan" : fileName).getFileName().toString();
            int dot = base.lastIndexOf('.');
            return dot > 0 ? base.substring(0, dot) : base;
        }

        private String unescaped(String text) {
            return text == null ? null : Template.unescape(text);
        }

        private String baseUrl(YNode node) {
            String url = unescaped(r.nonEmptyText(node, "baseUrl", "an http:// or https:// URL"));
            if (url == null) return null;
            if (!absoluteHttpUrl(url)) {
                r.error(node, "baseUrl", "expected an absolute http:// or https:// URL, found \"" + url + "\"");
                return null;
            }
            return url;
        }

        private boolean absoluteHttpUrl(String url) {
            try {
                URI uri = new URI(url);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        private HttpDefaults http(YNode node) {
            HttpDefaults http = HttpDefaults.DEFAULTS;
            YMap map = r.map(node, "http", "a mapping of HTTP settings (" + String.join(", ", HTTP_KEYS) + ")");
            if (map == null) return http;
            r.onlyKeys(map, "http", HTTP_KEYS);
            for (YEntry e : map.entries()) {
                String path = "http." + e.key();
                YNode v = e.value();
                switch (e.key()) {
                    case "timeout" -> {
                        Duration d = r.positiveDuration(v, path);
                        if (d != null) http = http.withTimeout(d);
                    }
                    case "maxRedirects" -> {
                        Integer n = r.nonNegativeInt(v, path);
                        if (n != null) http = http.withMaxRedirects(n);
                    }
                    case "insecureSkipTlsVerify" -> {
                        Boolean b = r.bool(v, path);
                        if (b != null) http = http.withInsecureSkipTlsVerify(b);
                    }
                    case "cookies" -> {
                        Boolean b = r.bool(v, path);
                        if (b != null) http = http.withCookies(b);
                    }
                    case "userAgent" -> {
                        String ua = unescaped(r.text(v, path, "a User-Agent string"));
                        if (ua != null) http = http.withUserAgent(ua);
                    }
                    case "expectedStatuses" -> {
                        ExpectedStatuses s = statuses(v, path);
                        if (s != null) http = http.withExpectedStatuses(s);
                    }
                    case "headers" -> {
                        Headers h = constantHeaders(v, path);
                        if (h != null) http = http.withHeaders(h);
                    }
                    case "latencyFrom" -> {
                        String text = r.text(v, path, "intended or actual");
                        if (text == null) break;
                        LatencyOrigin origin = LatencyOrigin.fromPlanName(text);
                        if (origin == null) {
                            r.error(v, path, "expected intended (latency from each open-model iteration's scheduled "
                                    + "start, the default) or actual (from the send), found '" + text + "'");
                        } else {
                            http = http.withLatencyFrom(origin);
                        }
                    }
                    default -> { }
                }
            }
            return http;
        }

        private Headers constantHeaders(YNode node, String path) {
            YMap map = r.map(node, path, "a mapping of header names to values");
            if (map == null) return null;
            Headers h = Headers.none();
            for (YEntry e : map.entries()) {
                String value = r.text(e.value(), path + "." + e.key(), "a header value");
                if (value == null) continue;
                if (value.replace("$${", "").contains("${")) {
                    r.error(e.value(), path + "." + e.key(), "headers here are fixed for the whole run and cannot use "
                            + "run-time references like ${...}; set this header on the steps instead");
                    continue;
                }
                h = h.with(e.key(), Template.unescape(value));
            }
            return h;
        }

        /** {@code 200}, {@code "200-299"}, {@code "2xx"}, or a list of them. */
        private ExpectedStatuses statuses(YNode node, String path) {
            List<String> items = new ArrayList<>();
            boolean ok = true;
            List<YNode> nodes = r.listOrOne(node);
            if (nodes.isEmpty()) {
                r.error(node, path, "expected at least one status, found an empty list");
                return null;
            }
            for (YNode item : nodes) {
                if (item instanceof YScalar s && (s.kind() == Kind.INT || s.kind() == Kind.STRING)) {
                    try {
                        ExpectedStatuses.parse(List.of(s.value()));
                        items.add(s.value());
                    } catch (IllegalArgumentException e) {
                        r.error(item, path, e.getMessage());
                        ok = false;
                    }
                } else {
                    r.error(item, path, "expected a status (200), a range (\"200-299\") or a class (\"2xx\"), found " + NodeReader.found(item));
                    ok = false;
                }
            }
            return ok ? ExpectedStatuses.parse(items) : null;
        }

        private Map<String, String> tags(YNode node, String path) {
            YMap map = r.map(node, path, "a mapping of tag names to values");
            if (map == null) return Map.of();
            Map<String, String> tags = new LinkedHashMap<>();
            for (YEntry e : map.entries()) {
                String value = unescaped(r.text(e.value(), path + "." + e.key(), "a tag value"));
                if (value != null) tags.put(e.key(), value);
            }
            return tags;
        }

        private void data(YNode node) {
            YMap map = r.map(node, "data", "a mapping of data source names to {file, strategy}");
            if (map == null) return;
            for (YEntry e : map.entries()) {
                String path = "data." + e.key();
                if (!DATA_NAME.matcher(e.key()).matches()) {
                    r.error(e.keyMark(), path, "a data source name is letters, digits, '_' and '-', starting with a letter, found \"" + e.key() + "\"");
                    continue;
                }
                data.put(e.key(), null);
                dataEntries.put(e.key(), e);
                YNode fileNode;
                DataStrategy strategy = DataStrategy.CIRCULAR;
                if (e.value() instanceof YScalar) {
                    fileNode = e.value();
                } else {
                    YMap spec = r.map(e.value(), path, "a CSV file name or {file, strategy}");
                    if (spec == null) continue;
                    r.onlyKeys(spec, path, List.of("file", "strategy"));
                    fileNode = spec.get("file");
                    if (fileNode == null) {
                        r.error(e.keyMark(), path, "missing 'file': the CSV file to read, relative to the plan");
                        continue;
                    }
                    if (spec.has("strategy")) {
                        strategy = strategy(spec.get("strategy"), path + ".strategy");
                        if (strategy == null) continue;
                    }
                }
                String file = unescaped(r.nonEmptyText(fileNode, path + ".file", "a CSV file name"));
                if (file == null) continue;
                try {
                    data.put(e.key(), DataSource.readCsv(e.key(), baseDir.resolve(file), strategy));
                } catch (DataSourceException ex) {
                    r.error(fileNode, path + ".file", "cannot use " + ex.getMessage());
                }
            }
        }

        private DataStrategy strategy(YNode node, String path) {
            String text = r.text(node, path, "circular, random or unique");
            if (text == null) return null;
            for (DataStrategy s : DataStrategy.values()) {
                if (s.planName().equals(text)) return s;
            }
            List<String> names = Arrays.stream(DataStrategy.values()).map(DataStrategy::planName).toList();
            String suggestion = Suggestions.closest(text, names);
            r.error(node, path, "expected circular, random or unique, found \"" + text + "\""
                    + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""));
            return null;
        }

        // ---- scenarios

        private PlanScenario scenario(YEntry entry, Map<String, String> planTags, Set<String> sources) {
            String name = entry.key();
            String path = "scenarios." + name;
            if (!SCENARIO_NAME.matcher(name).matches()) {
                r.error(entry.keyMark(), path, "a scenario name is letters, digits, '_' and '-', found \"" + name + "\"");
            }
            YMap map = r.map(entry.value(), path, "a scenario: a mapping with executor, its options and a flow");
            if (map == null) return null;
            int before = problems.size();

            String executorName = null;
            YNode executorNode = map.get("executor");
            if (executorNode == null) {
                if (map.entries().stream().noneMatch(e -> Suggestions.closest(e.key(), List.of("executor")) != null))
                    r.error(entry.keyMark(), path, "missing 'executor': one of " + String.join(", ", EXECUTOR_OPTIONS.keySet()));
            } else {
                String text = r.text(executorNode, path + ".executor", "an executor name");
                if (text != null && !EXECUTOR_OPTIONS.containsKey(text)) {
                    String suggestion = Suggestions.closest(text, EXECUTOR_OPTIONS.keySet());
                    r.error(executorNode, path + ".executor", "unknown executor \"" + text + "\""
                            + (suggestion != null ? " (did you mean '" + suggestion + "'?)"
                            : "; expected one of " + String.join(", ", EXECUTOR_OPTIONS.keySet())));
                } else {
                    executorName = text;
                }
            }
            List<String> own = executorName == null ? ALL_EXECUTOR_OPTIONS : EXECUTOR_OPTIONS.get(executorName);
            suggestedKeys.clear();
            for (YEntry e : map.entries()) {
                if (COMMON_SCENARIO_KEYS.contains(e.key()) || own.contains(e.key())) continue;
                if (ALL_EXECUTOR_OPTIONS.contains(e.key())) {
                    r.error(e.keyMark(), path + "." + e.key(), "option '" + e.key() + "' does not apply to executor "
                            + executorName + " (its options are " + String.join(", ", own) + ")");
                } else {
                    List<String> allowed = new ArrayList<>(COMMON_SCENARIO_KEYS);
                    allowed.addAll(own);
                    String suggestion = r.unknownKey(e, path, allowed);
                    if (suggestion != null) suggestedKeys.add(suggestion);
                }
            }

            ExecutorSpec executor = executorName == null ? null : executor(executorName, map, entry, path);
            Duration startTime = map.has("startTime") ? r.duration(map.get("startTime"), path + ".startTime") : null;
            Duration gracefulStop = map.has("gracefulStop") ? r.duration(map.get("gracefulStop"), path + ".gracefulStop") : null;
            Map<String, String> tags = new LinkedHashMap<>(planTags);
            if (map.has("tags")) tags.putAll(tags(map.get("tags"), path + ".tags"));

            FlowScenario flow = null;
            YEntry flowEntry = map.entry("flow");
            if (flowEntry == null) {
                if (!suggestedKeys.contains("flow")) r.error(entry.keyMark(), path, "missing 'flow': the steps each iteration runs");
            } else {
                flow = new FlowCompiler(path + ".flow", sources).compile(name, flowEntry);
            }
            if (problems.size() > before || executor == null || flow == null) return null;
            FlowScenario compiled = flow;
            return new PlanScenario(new ScenarioSpec(name, executor, startTime, gracefulStop, tags), () -> compiled);
        }

        /** Reads an executor's options; null when any is missing or invalid (already reported). */
        private ExecutorSpec executor(String type, YMap map, YEntry entry, String path) {
            int before = problems.size();
            ExecutorSpec spec = switch (type) {
                case "constant-vus" -> {
                    Integer vus = optionalInt(map, path, "vus", 1);
                    Duration duration = requiredDuration(map, entry, path, "duration", type);
                    yield vus == null || duration == null ? null : new ExecutorSpec.ConstantVus(vus, duration);
                }
                case "ramping-vus" -> {
                    Integer startVUs = map.has("startVUs") ? r.nonNegativeInt(map.get("startVUs"), path + ".startVUs") : Integer.valueOf(1);
                    List<Stage> stages = stages(map, entry, path, type);
                    Duration rampDown = map.has("gracefulRampDown")
                            ? r.duration(map.get("gracefulRampDown"), path + ".gracefulRampDown")
                            : ExecutorSpec.DEFAULT_GRACEFUL_RAMP_DOWN;
                    yield startVUs == null || stages == null || rampDown == null ? null
                            : new ExecutorSpec.RampingVus(startVUs, stages, rampDown);
                }
                case "constant-arrival-rate" -> {
                    Long rate = requiredLong(map, entry, path, "rate", type);
                    Duration timeUnit = timeUnit(map, path);
                    Duration duration = requiredDuration(map, entry, path, "duration", type);
                    int[] pool = pool(map, entry, path, type);
                    yield rate == null || timeUnit == null || duration == null || pool == null ? null
                            : new ExecutorSpec.ConstantArrivalRate(rate, timeUnit, duration, pool[0], pool[1]);
                }
                case "ramping-arrival-rate" -> {
                    Long startRate = map.has("startRate") ? r.nonNegativeLong(map.get("startRate"), path + ".startRate") : Long.valueOf(0);
                    Duration timeUnit = timeUnit(map, path);
                    List<Stage> stages = stages(map, entry, path, type);
                    int[] pool = pool(map, entry, path, type);
                    yield startRate == null || timeUnit == null || stages == null || pool == null ? null
                            : new ExecutorSpec.RampingArrivalRate(startRate, timeUnit, stages, pool[0], pool[1]);
                }
                case "per-vu-iterations" -> {
                    Integer vus = optionalInt(map, path, "vus", 1);
                    Long iterations = map.has("iterations") ? r.positiveLong(map.get("iterations"), path + ".iterations") : Long.valueOf(1);
                    Duration max = iterationsMaxDuration(map, path);
                    yield vus == null || iterations == null || max == null ? null
                            : new ExecutorSpec.PerVuIterations(vus, iterations, max);
                }
                case "shared-iterations" -> {
                    Integer vus = optionalInt(map, path, "vus", 1);
                    Long iterations = map.has("iterations") ? r.positiveLong(map.get("iterations"), path + ".iterations") : Long.valueOf(1);
                    Duration max = iterationsMaxDuration(map, path);
                    if (vus != null && iterations != null && iterations < vus) {
                        r.error(map.get("iterations") != null ? map.get("iterations") : map, path + ".iterations",
                                "shared-iterations needs at least as many iterations as VUs, found " + iterations
                                        + " iterations for " + vus + " VUs");
                        yield null;
                    }
                    yield vus == null || iterations == null || max == null ? null
                            : new ExecutorSpec.SharedIterations(vus, iterations, max);
                }
                default -> null;
            };
            return problems.size() > before ? null : spec;
        }

        private Integer optionalInt(YMap map, String path, String key, int dflt) {
            return map.has(key) ? r.positiveInt(map.get(key), path + "." + key) : Integer.valueOf(dflt);
        }

        private Duration requiredDuration(YMap map, YEntry entry, String path, String key, String type) {
            if (!map.has(key)) {
                missing(entry, path, key, type);
                return null;
            }
            return r.positiveDuration(map.get(key), path + "." + key);
        }

        private Long requiredLong(YMap map, YEntry entry, String path, String key, String type) {
            if (!map.has(key)) {
                missing(entry, path, key, type);
                return null;
            }
            return r.positiveLong(map.get(key), path + "." + key);
        }

        private void missing(YEntry entry, String path, String key, String type) {
            if (suggestedKeys.contains(key)) return; // already reported as a misspelt key
            r.error(entry.keyMark(), path, "missing '" + key + "' (required by executor " + type + ")");
        }

        private Duration timeUnit(YMap map, String path) {
            return map.has("timeUnit") ? r.positiveDuration(map.get("timeUnit"), path + ".timeUnit") : Duration.ofSeconds(1);
        }

        private Duration iterationsMaxDuration(YMap map, String path) {
            return map.has("maxDuration") ? r.positiveDuration(map.get("maxDuration"), path + ".maxDuration")
                    : ExecutorSpec.DEFAULT_MAX_DURATION;
        }

        /** {preAllocatedVUs, maxVUs}; maxVUs defaults to preAllocatedVUs. */
        private int[] pool(YMap map, YEntry entry, String path, String type) {
            if (!map.has("preAllocatedVUs")) {
                missing(entry, path, "preAllocatedVUs", type);
                return null;
            }
            Integer pre = r.positiveInt(map.get("preAllocatedVUs"), path + ".preAllocatedVUs");
            Integer max = map.has("maxVUs") ? r.positiveInt(map.get("maxVUs"), path + ".maxVUs") : pre;
            if (pre == null || max == null) return null;
            if (max < pre) {
                r.error(map.get("maxVUs"), path + ".maxVUs", "expected at least preAllocatedVUs (" + pre + "), found " + max);
                return null;
            }
            return new int[] {pre, max};
        }

        private List<Stage> stages(YMap map, YEntry entry, String path, String type) {
            if (!map.has("stages")) {
                missing(entry, path, "stages", type);
                return null;
            }
            YList list = r.list(map.get("stages"), path + ".stages", "a list of stages like {duration: 30s, target: 10}");
            if (list == null) return null;
            if (list.items().isEmpty()) {
                r.error(list, path + ".stages", "expected at least one stage, found an empty list");
                return null;
            }
            List<Stage> stages = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.items().size(); i++) {
                String p = path + ".stages[" + i + "]";
                YMap stage = r.map(list.items().get(i), p, "a stage like {duration: 30s, target: 10}");
                if (stage == null) {
                    ok = false;
                    continue;
                }
                r.onlyKeys(stage, p, List.of("duration", "target"));
                Duration d = null;
                Long target = null;
                if (!stage.has("duration")) r.error(stage, p, "missing 'duration'");
                else d = r.duration(stage.get("duration"), p + ".duration");
                if (!stage.has("target")) r.error(stage, p, "missing 'target'");
                else target = r.nonNegativeLong(stage.get("target"), p + ".target");
                if (d == null || target == null) ok = false;
                else stages.add(new Stage(d, target));
            }
            return ok ? stages : null;
        }

        // ---- thresholds

        private List<ThresholdSpec> thresholds(YNode node) {
            YMap map = r.map(node, "thresholds", "a mapping of metric selectors to lists of expressions");
            if (map == null) return List.of();
            List<ThresholdSpec> out = new ArrayList<>();
            for (YEntry e : map.entries()) {
                String path = "thresholds." + e.key();
                ThresholdSelector selector = selector(e, path);
                List<YNode> items = r.listOrOne(e.value());
                if (items.isEmpty()) r.error(e.value(), path, "expected at least one threshold expression, found an empty list");
                for (int i = 0; i < items.size(); i++) {
                    ThresholdSpec t = threshold(e, selector, items.get(i), items.size() == 1 && !(e.value() instanceof YList) ? path : path + "[" + i + "]");
                    if (t != null) out.add(t);
                }
            }
            return out;
        }

        /** Validates {@code metric{tag:value,...}}; returns the metric's kind, or null when invalid (reported). */
        /** Validates {@code metric{tag:value,...}}; returns it parsed, or null when invalid (reported). */
        private ThresholdSelector selector(YEntry e, String path) {
            var m = SELECTOR.matcher(e.key().strip());
            if (!m.matches()) {
                r.error(e.keyMark(), path, "expected a metric name, optionally with tags like http_req_duration{name:login}, found \"" + e.key() + "\"");
                return null;
            }
            if (m.group(2) != null) {
                for (String pair : m.group(2).split(",")) {
                    int colon = pair.indexOf(':');
                    if (colon <= 0 || pair.substring(0, colon).isBlank()) {
                        r.error(e.keyMark(), path, "expected tags as key:value pairs separated by commas, found \"" + pair.strip() + "\"");
                        return null;
                    }
                }
            }
            // The engine's parser has the last word (quoted values, stray characters).
            ThresholdSelector selector;
            try {
                selector = ThresholdParser.parseSelector(e.key().strip());
            } catch (ThresholdSyntaxException ex) {
                r.error(e.keyMark(), path, "invalid selector \"" + e.key() + "\": " + ex.reason());
                return null;
            }
            if (metricKind(selector.metric()) == null) {
                List<String> known = new ArrayList<>();
                for (MetricDefinition d : MetricDefinition.builtins()) known.add(d.name());
                known.addAll(customMetrics.keySet());
                String suggestion = Suggestions.closest(selector.metric(), known);
                r.error(e.keyMark(), path, "unknown metric '" + selector.metric() + "'"
                        + (suggestion != null ? " (did you mean '" + suggestion + "'?)"
                        : "; expected a built-in metric or one a metric step records"));
                return null;
            }
            return selector;
        }

        /** The kind of a built-in metric or of one a metric step records; null for any other name. */
        private MetricKind metricKind(String metric) {
            return MetricDefinition.builtin(metric).map(MetricDefinition::kind).orElseGet(() -> customMetrics.get(metric));
        }

        private ThresholdSpec threshold(YEntry entry, ThresholdSelector selector, YNode node, String path) {
            boolean abortOnFail = false;
            Duration delay = Duration.ZERO;
            YNode exprNode = node;
            if (node instanceof YMap m) {
                r.onlyKeys(m, path, List.of("threshold", "abortOnFail", "delayAbortEval"));
                exprNode = m.get("threshold");
                if (exprNode == null) {
                    r.error(m, path, "missing 'threshold': the expression, such as \"p(95)<500\"");
                    return null;
                }
                if (m.has("abortOnFail")) {
                    Boolean b = r.bool(m.get("abortOnFail"), path + ".abortOnFail");
                    abortOnFail = b != null && b;
                }
                if (m.has("delayAbortEval")) {
                    Duration d = r.duration(m.get("delayAbortEval"), path + ".delayAbortEval");
                    if (d != null) delay = d;
                }
            }
            if (!(exprNode instanceof YScalar s) || s.kind() == Kind.NULL) {
                r.error(exprNode, path, "expected a threshold expression such as \"p(95)<500\" or {threshold, abortOnFail}, found " + NodeReader.found(exprNode));
                return null;
            }
            String expression = s.value();
            ThresholdExpr expr;
            try {
                expr = ThresholdParser.parseExpression(expression);
            } catch (ThresholdSyntaxException ex) {
                r.error(s.markAt(ex.offset()), path, "invalid threshold \"" + expression + "\": " + ex.reason()
                        + " (expected AGGREGATION OPERATOR NUMBER, such as \"p(95)<500\", \"avg<200\", \"rate<0.01\" or \"count>0\")");
                return null;
            }
            if (selector == null) return null;
            MetricKind kind = metricKind(selector.metric());
            if (!expr.appliesTo(kind)) {
                r.error(exprNode, path, "\"" + expression + "\" does not apply to a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " metric; use " + ThresholdParser.aggregationsFor(kind));
                return null;
            }
            return new ThresholdSpec(selector, expr, entry.key().strip(), expression.strip(), abortOnFail, delay);
        }

        private void checkUniqueSources(Map<String, Set<String>> sourcesByScenario, Map<String, Long> maxVusByScenario) {
            for (Map.Entry<String, DataSource> d : data.entrySet()) {
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
                    YEntry e = dataEntries.get(d.getKey());
                    YNode at = e.value() instanceof YMap m && m.has("strategy") ? m.get("strategy") : e.value();
                    r.error(at, "data." + d.getKey() + ".strategy", "unique gives every VU its own row, but "
                            + String.join(", ", users) + " may run " + vus + " VUs and the file has " + ds.size() + " rows");
                }
            }
        }

        // ---- flows

        /** Compiles one scenario's flow; records the data sources it reads into {@code sources}. */
        private final class FlowCompiler implements Template.Scope {
            private final String basePath;
            private final Set<String> sources;
            private final Set<String> variables = new LinkedHashSet<>();

            FlowCompiler(String basePath, Set<String> sources) {
                this.basePath = basePath;
                this.sources = sources;
            }

            @Override
            public java.util.Collection<String> dataSourceNames() {
                return data.keySet();
            }

            @Override
            public List<String> columns(String source) {
                DataSource ds = data.get(source);
                return ds == null ? null : ds.columns();
            }

            @Override
            public java.util.Collection<String> variables() {
                return variables;
            }

            FlowScenario compile(String scenarioName, YEntry flowEntry) {
                collectVariables(flowEntry.value());
                int before = problems.size();
                List<FlowStep> steps = steps(flowEntry.value(), basePath, flowEntry.keyMark());
                return problems.size() > before || steps == null ? null : new FlowScenario(scenarioName, steps);
            }

            /** First pass: every name any extract sets, so a step may use a variable a later step (or iteration) sets. */
            private void collectVariables(YNode node) {
                switch (node) {
                    case YMap m -> {
                        for (YEntry e : m.entries()) {
                            if (e.key().equals("extract") && e.value() instanceof YMap ex) {
                                for (YEntry v : ex.entries()) variables.add(v.key());
                            } else {
                                collectVariables(e.value());
                            }
                        }
                    }
                    case YList l -> l.items().forEach(this::collectVariables);
                    case YScalar s -> { }
                }
            }

            private List<FlowStep> steps(YNode node, String path, Mark owner) {
                YList list = r.list(node, path, "a list of steps (get, post, ..., request, group, think, metric)");
                if (list == null) return null;
                if (list.items().isEmpty()) {
                    r.error(list.mark().line() > 0 ? list.mark() : owner, path, "expected at least one step, found an empty list");
                    return null;
                }
                List<FlowStep> steps = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < list.items().size(); i++) {
                    FlowStep s = step(list.items().get(i), path + "[" + i + "]");
                    if (s == null) ok = false;
                    else steps.add(s);
                }
                return ok ? steps : null;
            }

            private FlowStep step(YNode node, String path) {
                YMap map = r.map(node, path, "a step: a mapping with one of " + String.join(", ", STEP_KINDS));
                if (map == null) return null;
                List<YEntry> kinds = map.entries().stream().filter(e -> STEP_KINDS.contains(e.key())).toList();
                if (kinds.isEmpty()) {
                    // Most likely a typo in the step's kind: suggest against the kinds first.
                    for (YEntry e : map.entries()) {
                        if (!REQUEST_OPTIONS.contains(e.key()) && !e.key().equals("flow")) {
                            String suggestion = Suggestions.closest(e.key(), STEP_KINDS);
                            if (suggestion != null) {
                                r.error(e.keyMark(), NodeReader.child(path, e.key()), "unknown step '" + e.key() + "' (did you mean '" + suggestion + "'?)");
                                return null;
                            }
                        }
                    }
                    r.error(map, path, "expected a step: one of " + String.join(", ", STEP_KINDS));
                    return null;
                }
                if (kinds.size() > 1) {
                    r.error(kinds.get(1).keyMark(), path, "a step does one thing, found both '" + kinds.get(0).key()
                            + "' and '" + kinds.get(1).key() + "'; split it into two steps");
                    return null;
                }
                YEntry kind = kinds.get(0);
                return switch (kind.key()) {
                    case "group" -> group(map, kind, path);
                    case "think" -> {
                        r.onlyKeys(map, path, List.of("think"));
                        yield think(kind.value(), path + ".think");
                    }
                    case "metric" -> {
                        r.onlyKeys(map, path, List.of("metric"));
                        yield metric(kind.value(), path + ".metric");
                    }
                    case "request" -> {
                        r.onlyKeys(map, path, List.of("request"));
                        YMap req = r.map(kind.value(), path + ".request", "a mapping with method, url and request options");
                        if (req == null) yield null;
                        List<String> allowed = new ArrayList<>(List.of("method", "url"));
                        allowed.addAll(REQUEST_OPTIONS);
                        r.onlyKeys(req, path + ".request", allowed);
                        String method = req.has("method") ? r.nonEmptyText(req.get("method"), path + ".request.method", "an HTTP method") : null;
                        if (!req.has("method")) r.error(kind.keyMark(), path + ".request", "missing 'method'");
                        if (!req.has("url")) r.error(kind.keyMark(), path + ".request", "missing 'url'");
                        if (method == null || !req.has("url")) yield null;
                        if (!method.matches("[A-Za-z]+")) {
                            r.error(req.get("method"), path + ".request.method", "expected an HTTP method such as GET, found \"" + method + "\"");
                            yield null;
                        }
                        yield request(method.toUpperCase(java.util.Locale.ROOT), req.get("url"), path + ".request.url", req, path + ".request");
                    }
                    default -> {
                        List<String> allowed = new ArrayList<>(List.of(kind.key()));
                        allowed.addAll(REQUEST_OPTIONS);
                        r.onlyKeys(map, path, allowed);
                        yield request(kind.key().toUpperCase(java.util.Locale.ROOT), kind.value(), path + "." + kind.key(), map, path);
                    }
                };
            }

            private FlowStep group(YMap map, YEntry kind, String path) {
                r.onlyKeys(map, path, List.of("group", "flow"));
                String name = unescaped(r.nonEmptyText(kind.value(), path + ".group", "a group name"));
                if (name != null && name.contains("::")) {
                    r.error(kind.value(), path + ".group", "a group name must not contain '::', found \"" + name + "\"");
                    name = null;
                }
                YEntry flow = map.entry("flow");
                if (flow == null) {
                    r.error(kind.keyMark(), path, "missing 'flow': the steps of group " + (name == null ? "" : "'" + name + "'"));
                    return null;
                }
                List<FlowStep> steps = steps(flow.value(), path + ".flow", flow.keyMark());
                return name == null || steps == null ? null : new FlowStep.Group(name, steps);
            }

            private FlowStep think(YNode node, String path) {
                String text = r.text(node, path, "a think time such as 1s or 1s..3s");
                if (text == null) return null;
                int dots = text.indexOf("..");
                try {
                    if (dots < 0) {
                        Duration d = Durations.parse(text);
                        return new FlowStep.Think(d, d);
                    }
                    Duration min = Durations.parse(text.substring(0, dots));
                    Duration max = Durations.parse(text.substring(dots + 2));
                    if (max.compareTo(min) < 0) {
                        r.error(node, path, "expected MIN..MAX with MIN at most MAX, found \"" + text + "\"");
                        return null;
                    }
                    return new FlowStep.Think(min, max);
                } catch (IllegalArgumentException e) {
                    r.error(node, path, "expected a think time such as 500ms, 1s or 1s..3s, found " + NodeReader.found(node));
                    return null;
                }
            }

            private FlowStep metric(YNode node, String path) {
                YMap map = r.map(node, path, "a mapping like {counter: orders_placed, add: 1} or {trend: name, value: 12}");
                if (map == null) return null;
                List<String> kinds = List.of("counter", "rate", "trend", "gauge");
                List<YEntry> found = map.entries().stream().filter(e -> kinds.contains(e.key())).toList();
                r.onlyKeys(map, path, List.of("counter", "rate", "trend", "gauge", "add", "value", "time"));
                if (found.size() != 1) {
                    r.error(map, path, "expected exactly one of counter, rate, trend, gauge naming the metric, found "
                            + (found.isEmpty() ? "none" : found.stream().map(YEntry::key).toList()));
                    return null;
                }
                MetricKind kind = MetricKind.valueOf(found.get(0).key().toUpperCase(java.util.Locale.ROOT));
                String name = r.nonEmptyText(found.get(0).value(), path + "." + found.get(0).key(), "a metric name");
                if (name == null) return null;
                if (!IDENTIFIER.matcher(name).matches()) {
                    r.error(found.get(0).value(), path + "." + found.get(0).key(),
                            "a metric name is letters, digits and '_', not starting with a digit, found \"" + name + "\"");
                    return null;
                }
                if (MetricDefinition.builtin(name).isPresent()) {
                    r.error(found.get(0).value(), path + "." + found.get(0).key(), "'" + name + "' is a built-in metric; choose another name");
                    return null;
                }
                MetricKind earlier = customMetrics.putIfAbsent(name, kind);
                if (earlier != null && earlier != kind) {
                    r.error(found.get(0).value(), path + "." + found.get(0).key(), "metric '" + name + "' is already a "
                            + earlier.name().toLowerCase(java.util.Locale.ROOT) + "; one name, one kind");
                    return null;
                }
                String valueKey = kind == MetricKind.COUNTER ? "add" : "value";
                String wrongKey = kind == MetricKind.COUNTER ? "value" : "add";
                if (map.has(wrongKey)) {
                    r.error(map.entry(wrongKey).keyMark(), path + "." + wrongKey, "a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                            + " takes '" + valueKey + "', not '" + wrongKey + "'");
                    return null;
                }
                boolean time = false;
                if (map.has("time")) {
                    if (kind != MetricKind.TREND) {
                        r.error(map.entry("time").keyMark(), path + ".time", "'time' applies to trends only");
                        return null;
                    }
                    Boolean b = r.bool(map.get("time"), path + ".time");
                    if (b == null) return null;
                    time = b;
                }
                YNode valueNode = map.get(valueKey);
                Template value;
                if (valueNode == null) {
                    if (kind == MetricKind.COUNTER) {
                        value = Template.literal("1");
                    } else {
                        r.error(map, path, "missing 'value'");
                        return null;
                    }
                } else {
                    value = template(valueNode, path + "." + valueKey, "a number, true/false or a ${reference}");
                    if (value == null) return null;
                    if (value.isConstant() && !constantMetricValueOk(kind, value.constant())) {
                        r.error(valueNode, path + "." + valueKey, "expected " + (kind == MetricKind.RATE ? "true or false" : "a number")
                                + ", found " + NodeReader.found(valueNode));
                        return null;
                    }
                }
                return new FlowStep.Metric(kind, name, time, value);
            }

            private boolean constantMetricValueOk(MetricKind kind, String text) {
                if (kind == MetricKind.RATE) {
                    return List.of("true", "false", "0", "1").contains(text.strip().toLowerCase(java.util.Locale.ROOT));
                }
                try {
                    Double.parseDouble(text.strip());
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }

            private Template template(YNode node, String path, String what) {
                String text = r.text(node, path, what);
                if (text == null) return null;
                try {
                    Template t = Template.compile(text, this);
                    sources.addAll(t.dataSources());
                    return t;
                } catch (IllegalArgumentException e) {
                    r.error(node, path, e.getMessage());
                    return null;
                }
            }

            private FlowStep request(String method, YNode urlNode, String urlPath, YMap map, String path) {
                int before = problems.size();
                Template url = template(urlNode, urlPath, "a URL (absolute, or relative to baseUrl)");
                if (url != null && url.source().isBlank()) {
                    r.error(urlNode, urlPath, "expected a URL, found an empty string");
                }
                io.headroom.script.Params params = io.headroom.script.Params.none();
                if (map.has("name")) {
                    String name = unescaped(r.nonEmptyText(map.get("name"), path + ".name", "a request name"));
                    if (name != null) params = params.name(name);
                } else if (url != null && (!url.isConstant() || map.has("query"))) {
                    // Like k6's http.url``: the URL as written, references and all, keeps the name tag's cardinality low.
                    // (A constant URL without query is named as written anyway, and its redirect hops by their own paths.)
                    params = params.name(url.source());
                }
                List<FlowStep.Field> dynamicHeaders = new ArrayList<>();
                if (map.has("headers")) {
                    YMap headers = r.map(map.get("headers"), path + ".headers", "a mapping of header names to values");
                    if (headers != null) {
                        for (YEntry e : headers.entries()) {
                            Template t = template(e.value(), path + ".headers." + e.key(), "a header value");
                            if (t == null) continue;
                            if (t.isConstant()) params = params.header(e.key(), t.constant());
                            else dynamicHeaders.add(new FlowStep.Field(e.key(), t));
                        }
                    }
                }
                List<FlowStep.Field> query = map.has("query") ? fields(map.get("query"), path + ".query", "query parameter") : List.of();
                List<String> bodyKeys = map.entries().stream().map(YEntry::key).filter(k -> List.of("json", "form", "body").contains(k)).toList();
                FlowStep.BodySpec body = null;
                if (bodyKeys.size() > 1) {
                    r.error(map.entry(bodyKeys.get(1)).keyMark(), path, "a request has one body, found both '" + bodyKeys.get(0)
                            + "' and '" + bodyKeys.get(1) + "'");
                } else if (map.has("json")) {
                    JsonTemplate.JNode json = json(map.get("json"), path + ".json");
                    if (json != null) body = new FlowStep.JsonBody(new JsonTemplate(json));
                } else if (map.has("form")) {
                    body = new FlowStep.FormBody(fields(map.get("form"), path + ".form", "form field"));
                } else if (map.has("body")) {
                    Template t = template(map.get("body"), path + ".body", "the body text");
                    if (t != null) body = new FlowStep.TextBody(t);
                }
                if (map.has("timeout")) {
                    Duration d = r.positiveDuration(map.get("timeout"), path + ".timeout");
                    if (d != null) params = params.timeout(d);
                }
                if (map.has("redirects")) {
                    Integer n = r.nonNegativeInt(map.get("redirects"), path + ".redirects");
                    if (n != null) params = params.redirects(n);
                }
                if (map.has("expectedStatuses")) {
                    ExpectedStatuses s = statuses(map.get("expectedStatuses"), path + ".expectedStatuses");
                    if (s != null) params = params.expectedStatuses(s);
                }
                if (map.has("tags")) {
                    for (Map.Entry<String, String> t : tags(map.get("tags"), path + ".tags").entrySet()) {
                        params = params.tag(t.getKey(), t.getValue());
                    }
                }
                List<ResponseCheck> checks = map.has("checks") ? checks(map.get("checks"), path + ".checks") : List.of();
                Map<String, Extractor> extract = map.has("extract") ? extract(map.get("extract"), path + ".extract") : Map.of();
                if (problems.size() > before || url == null) return null;
                return new FlowStep.Request(method, url, query, params, List.copyOf(dynamicHeaders), body, checks, extract);
            }

            private List<FlowStep.Field> fields(YNode node, String path, String what) {
                YMap map = r.map(node, path, "a mapping of " + what + " names to values");
                if (map == null) return List.of();
                List<FlowStep.Field> fields = new ArrayList<>();
                for (YEntry e : map.entries()) {
                    Template t = template(e.value(), path + "." + e.key(), "a " + what + " value");
                    if (t != null) fields.add(new FlowStep.Field(e.key(), t));
                }
                return List.copyOf(fields);
            }

            private JsonTemplate.JNode json(YNode node, String path) {
                return switch (node) {
                    case YMap m -> {
                        List<Map.Entry<String, JsonTemplate.JNode>> fields = new ArrayList<>();
                        for (YEntry e : m.entries()) {
                            JsonTemplate.JNode v = json(e.value(), path + "." + e.key());
                            if (v != null) fields.add(Map.entry(e.key(), v));
                        }
                        yield new JsonTemplate.JObject(List.copyOf(fields));
                    }
                    case YList l -> {
                        List<JsonTemplate.JNode> items = new ArrayList<>();
                        for (int i = 0; i < l.items().size(); i++) {
                            JsonTemplate.JNode v = json(l.items().get(i), path + "[" + i + "]");
                            if (v != null) items.add(v);
                        }
                        yield new JsonTemplate.JArray(List.copyOf(items));
                    }
                    case YScalar s -> switch (s.kind()) {
                        case NULL -> new JsonTemplate.JConstant(null);
                        case BOOL -> new JsonTemplate.JConstant(r.bool(s, path));
                        case INT -> new JsonTemplate.JConstant(new java.math.BigInteger(s.value().replace("_", "")));
                        case FLOAT -> new JsonTemplate.JConstant(new java.math.BigDecimal(s.value().replace("_", "")));
                        case STRING -> {
                            Template t = template(s, path, "text");
                            yield t == null ? null : new JsonTemplate.JText(t);
                        }
                    };
                };
            }

            private List<ResponseCheck> checks(YNode node, String path) {
                YList list = r.list(node, path, "a list of checks such as [{status: 200}]");
                if (list == null) return List.of();
                List<ResponseCheck> checks = new ArrayList<>();
                for (int i = 0; i < list.items().size(); i++) {
                    ResponseCheck c = check(list.items().get(i), path + "[" + i + "]");
                    if (c != null) checks.add(c);
                }
                return List.copyOf(checks);
            }

            private ResponseCheck check(YNode node, String path) {
                YMap map = r.map(node, path, "a check: one of " + String.join(", ", CHECK_KINDS) + " (and an optional name)");
                if (map == null) return null;
                List<String> allowed = new ArrayList<>(CHECK_KINDS);
                allowed.add("name");
                r.onlyKeys(map, path, allowed);
                List<YEntry> kinds = map.entries().stream().filter(e -> CHECK_KINDS.contains(e.key())).toList();
                if (kinds.size() != 1) {
                    if (kinds.size() > 1) {
                        r.error(kinds.get(1).keyMark(), path, "a check tests one thing, found both '" + kinds.get(0).key()
                                + "' and '" + kinds.get(1).key() + "'");
                    } else if (map.entries().stream().allMatch(e -> allowed.contains(e.key()))) {
                        r.error(map, path, "expected one of " + String.join(", ", CHECK_KINDS));
                    }
                    return null;
                }
                String name = map.has("name") ? unescaped(r.nonEmptyText(map.get("name"), path + ".name", "a check name")) : null;
                YEntry kind = kinds.get(0);
                String p = path + "." + kind.key();
                YNode v = kind.value();
                return switch (kind.key()) {
                    case "status" -> {
                        ExpectedStatuses s = statuses(v, p);
                        if (s == null) yield null;
                        String text = s.toString();
                        yield new ResponseCheck.Status(name != null ? name
                                : (text.contains("-") || text.contains(",") ? "status in " : "status is ") + text, s);
                    }
                    case "header" -> header(v, p, name);
                    case "body" -> body(v, p, name);
                    case "json" -> jsonCheck(v, p, name);
                    case "duration" -> {
                        YMap m = r.map(v, p, "{below: 500ms}");
                        if (m == null) yield null;
                        r.onlyKeys(m, p, List.of("below"));
                        if (!m.has("below")) {
                            r.error(m, p, "missing 'below'");
                            yield null;
                        }
                        Duration below = r.positiveDuration(m.get("below"), p + ".below");
                        yield below == null ? null : new ResponseCheck.Timing(name != null ? name : "duration below " + Durations.format(below), below);
                    }
                    default -> null;
                };
            }

            private ResponseCheck header(YNode node, String path, String name) {
                YMap m = r.map(node, path, "{name: Header-Name, equals|contains|matches: value}");
                if (m == null) return null;
                r.onlyKeys(m, path, List.of("name", "equals", "contains", "matches"));
                String header = m.has("name") ? r.nonEmptyText(m.get("name"), path + ".name", "a header name") : null;
                if (!m.has("name")) r.error(m, path, "missing 'name': the header to check");
                List<String> ops = m.entries().stream().map(YEntry::key).filter(k -> !k.equals("name")).toList();
                if (ops.size() != 1) {
                    r.error(m, path, "expected exactly one of equals, contains, matches, found " + (ops.isEmpty() ? "none" : String.join(" and ", ops)));
                    return null;
                }
                String op = ops.get(0);
                if (header == null) return null;
                if (op.equals("matches")) {
                    Pattern pattern = regex(m.get("matches"), path + ".matches");
                    return pattern == null ? null : new ResponseCheck.Header(name != null ? name : "header " + header + " matches " + pattern.pattern(),
                            header, ResponseCheck.Match.MATCHES, null, pattern);
                }
                Template t = template(m.get(op), path + "." + op, "a value");
                if (t == null) return null;
                return new ResponseCheck.Header(name != null ? name : "header " + header + " " + op + " " + t.source(), header,
                        op.equals("equals") ? ResponseCheck.Match.EQUALS : ResponseCheck.Match.CONTAINS, t, null);
            }

            private ResponseCheck body(YNode node, String path, String name) {
                YMap m = r.map(node, path, "{contains: text} or {matches: regex}");
                if (m == null) return null;
                r.onlyKeys(m, path, List.of("contains", "matches"));
                if (m.entries().size() != 1 || !(m.has("contains") || m.has("matches"))) {
                    r.error(m, path, "expected exactly one of contains, matches");
                    return null;
                }
                if (m.has("matches")) {
                    Pattern pattern = regex(m.get("matches"), path + ".matches");
                    return pattern == null ? null : new ResponseCheck.Body(name != null ? name : "body matches " + pattern.pattern(), null, pattern);
                }
                Template t = template(m.get("contains"), path + ".contains", "text");
                return t == null ? null : new ResponseCheck.Body(name != null ? name : "body contains " + t.source(), t, null);
            }

            private ResponseCheck jsonCheck(YNode node, String path, String name) {
                YMap m = r.map(node, path, "{path: $.field, exists: true} or {path: $.field, equals: value}");
                if (m == null) return null;
                r.onlyKeys(m, path, List.of("path", "exists", "equals"));
                var jsonPath = m.has("path") ? jsonPath(m.get("path"), path + ".path") : null;
                String pathText = jsonPath == null ? null : ((YScalar) m.get("path")).value();
                if (!m.has("path")) r.error(m, path, "missing 'path', such as $.token");
                boolean hasExists = m.has("exists");
                boolean hasEquals = m.has("equals");
                if (hasExists == hasEquals) {
                    r.error(m, path, "expected exactly one of exists, equals");
                    return null;
                }
                if (jsonPath == null) return null;
                if (hasExists) {
                    Boolean exists = r.bool(m.get("exists"), path + ".exists");
                    if (exists == null) return null;
                    return new ResponseCheck.Json(name != null ? name : "json " + pathText + (exists ? " exists" : " does not exist"),
                            jsonPath, exists, null);
                }
                Template expected = template(m.get("equals"), path + ".equals", "a value");
                return expected == null ? null
                        : new ResponseCheck.Json(name != null ? name : "json " + pathText + " equals " + expected.source(), jsonPath, null, expected);
            }

            private com.jayway.jsonpath.JsonPath jsonPath(YNode node, String path) {
                String text = r.nonEmptyText(node, path, "a JSON path such as $.token");
                if (text == null) return null;
                try {
                    return io.headroom.script.JsonPaths.compile(text);
                } catch (IllegalArgumentException e) {
                    r.error(node, path, "expected a JSON path such as $.token or $.items[0].id, found \"" + text + "\"");
                    return null;
                }
            }

            private Pattern regex(YNode node, String path) {
                String text = r.text(node, path, "a regular expression");
                if (text == null) return null;
                try {
                    return Pattern.compile(text);
                } catch (PatternSyntaxException e) {
                    r.error(node, path, "invalid regular expression \"" + text + "\": " + e.getDescription());
                    return null;
                }
            }

            private Map<String, Extractor> extract(YNode node, String path) {
                YMap m = r.map(node, path, "a mapping of variable names to $.json.paths or {json|header|regex: ...}");
                if (m == null) return Map.of();
                Map<String, Extractor> out = new LinkedHashMap<>();
                for (YEntry e : m.entries()) {
                    String p = path + "." + e.key();
                    if (!IDENTIFIER.matcher(e.key()).matches()) {
                        r.error(e.keyMark(), p, "a variable name is letters, digits and '_', not starting with a digit, found \"" + e.key() + "\"");
                        continue;
                    }
                    if (data.containsKey(e.key())) {
                        r.error(e.keyMark(), p, "'" + e.key() + "' is the name of a data source; choose another variable name");
                        continue;
                    }
                    Extractor x = extractor(e.value(), p);
                    if (x != null) out.put(e.key(), x);
                }
                return java.util.Collections.unmodifiableMap(out);
            }

            private Extractor extractor(YNode node, String path) {
                if (node instanceof YScalar) {
                    String text = r.text(node, path, "a JSON path such as $.token");
                    if (text == null) return null;
                    if (!text.startsWith("$")) {
                        r.error(node, path, "expected a JSON path starting with $ (or {header: Name} / {regex: ...}), found \"" + text + "\"");
                        return null;
                    }
                    var jp = jsonPath(node, path);
                    return jp == null ? null : new Extractor.FromJson(jp);
                }
                YMap m = r.map(node, path, "a JSON path, or one of {json: $.path}, {header: Name}, {regex: pattern}");
                if (m == null) return null;
                r.onlyKeys(m, path, List.of("json", "header", "regex"));
                if (m.entries().size() != 1) {
                    r.error(m, path, "expected exactly one of json, header, regex");
                    return null;
                }
                YEntry e = m.entries().get(0);
                return switch (e.key()) {
                    case "json" -> {
                        var jp = jsonPath(e.value(), path + ".json");
                        yield jp == null ? null : new Extractor.FromJson(jp);
                    }
                    case "header" -> {
                        String h = r.nonEmptyText(e.value(), path + ".header", "a header name");
                        yield h == null ? null : new Extractor.FromHeader(h);
                    }
                    case "regex" -> {
                        Pattern p = regex(e.value(), path + ".regex");
                        yield p == null ? null : new Extractor.FromRegex(p);
                    }
                    default -> null;
                };
            }
        }
    }
}
