package io.headroom.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.analysis.history.BaselineSelection;
import io.headroom.analysis.history.HistoryEntry;
import io.headroom.core.result.RunOutcome;
import io.headroom.core.result.RunResult;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The results folder that every {@code headroom run} adds to (as Gatling keeps {@code results/} with one folder per
 * run): {@code index.json} lists the runs, oldest first, with their key numbers ({@link HistoryEntry}), and
 * {@code runs/RUN-ID.json} holds each run's full JSON summary. Bounded: an append beyond {@code keep} entries drops
 * the oldest entries and their summaries.
 *
 * <p>Safe for concurrent runs: an append holds a lock on {@code index.lock} (between processes, a {@link FileLock};
 * within one JVM, a lock per folder) while it reads, changes and rewrites the index, and the index is rewritten by
 * {@link OutputFile} (a rename), so a reader without the lock sees the old index or the new one, never half.
 * A corrupt index (not JSON, another schema, a malformed entry) is rebuilt from the summaries in {@code runs/}; the
 * corrupt file is kept beside it as {@code index.json.corrupt}, and the warning says so. Thread-safe.
 */
public final class ResultsIndex {
    /** The schema id of {@code index.json}. */
    public static final String SCHEMA = "headroom.results/1";
    /** The file name of the index inside the results folder. */
    public static final String INDEX_FILE = "index.json";
    /** The folder of the summaries inside the results folder. */
    public static final String RUNS_DIR = "runs";
    /** The metadata key of the plan hash in a summary (first 16 hex digits of the plan file's SHA-256). */
    public static final String PLAN_HASH_KEY = "plan.hash";
    /** The metadata prefix of user tags in a summary ({@code --tag KEY=VALUE} is {@code tag.KEY}). */
    public static final String TAG_PREFIX = "tag.";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    // FileChannel.lock is per process: two threads of one JVM asking for it would get OverlappingFileLockException.
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    /** The results folder {@code dir}; nothing is read or created until asked. */
    public ResultsIndex(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The results folder. */
    public Path dir() {
        return dir;
    }

    /** {@code DIR/index.json}. */
    public Path indexFile() {
        return dir.resolve(INDEX_FILE);
    }

    /** The full summary of {@code entry}. */
    public Path summaryFile(HistoryEntry entry) {
        return dir.resolve(entry.summary());
    }

    /** What an append did. */
    public record Appended(HistoryEntry entry, Path summaryFile, int pruned) {}

    /**
     * Every run in the index, oldest first; empty when there is no index yet. A corrupt index, or a missing one
     * beside summaries, is rebuilt from the summaries (under the lock) and {@code warn} hears about it.
     *
     * @throws IOException when the folder cannot be read or a rebuilt index cannot be written
     */
    public List<HistoryEntry> read(Consumer<String> warn) throws IOException {
        Path index = indexFile();
        if (Files.isRegularFile(index)) {
            try {
                return parse(Files.readString(index, StandardCharsets.UTF_8));
            } catch (IndexFormatException e) {
                // fall through: rebuilt under the lock (another process may be doing it already)
            }
        } else if (!Files.isDirectory(dir.resolve(RUNS_DIR))) {
            return List.of();
        }
        return locked(() -> readOrRebuild(warn));
    }

    /**
     * Keeps {@code result}: writes its summary to {@code runs/RUN-ID.json}, appends its entry to the index, and drops
     * the oldest entries (and their summaries) beyond {@code keep}.
     *
     * @param exitCode what the run exits with
     * @param keep at least 1
     * @throws IOException when the summary or the index cannot be written (the index then keeps its old content)
     */
    public Appended append(RunResult result, int exitCode, int keep, Consumer<String> warn) throws IOException {
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        Files.createDirectories(dir.resolve(RUNS_DIR));
        Instant started = result.info().startedAt() == null ? Instant.now() : result.info().startedAt();
        return locked(() -> {
            // Before the new summary is written: a rebuild must not count it twice.
            List<HistoryEntry> entries = new ArrayList<>(readOrRebuild(warn));
            String id;
            do {
                id = runId(started, result.info().name());
            } while (Files.exists(dir.resolve(RUNS_DIR).resolve(id + ".json")));
            String relative = RUNS_DIR + "/" + id + ".json";
            Path summary = dir.resolve(relative);
            JsonSummary.write(result, summary);
            HistoryEntry entry = entryOf(result, id, exitCode, relative);
            entries.add(entry);
            int pruned = 0;
            while (entries.size() > keep) {
                HistoryEntry oldest = entries.removeFirst();
                pruned++;
                try {
                    Files.deleteIfExists(summaryFile(oldest));
                } catch (IOException e) {
                    warn.accept("could not delete the pruned summary " + summaryFile(oldest) + ": " + e.getMessage());
                }
            }
            OutputFile.writeString(indexFile(), null, render(entries));
            return new Appended(entry, summary, pruned);
        });
    }

    /** The index entry of {@code result}, as {@link #append} and a rebuild make it. */
    public static HistoryEntry entryOf(RunResult result, String runId, int exitCode, String summary) {
        KeyNumbers n = KeyNumbers.of(result);
        Map<String, String> metadata = result.info().metadata();
        Map<String, String> tags = new LinkedHashMap<>();
        metadata.entrySet().stream().filter(e -> e.getKey().startsWith(TAG_PREFIX)).sorted(Map.Entry.comparingByKey())
                .forEach(e -> tags.put(e.getKey().substring(TAG_PREFIX.length()), e.getValue()));
        List<String> scenarios = result.info().scenarios().stream().map(s -> s.name()).toList();
        return new HistoryEntry(runId, result.info().startedAt() == null ? Instant.EPOCH : result.info().startedAt(),
                result.info().name(), metadata.get(PLAN_HASH_KEY), scenarios, result.outcome().name(), exitCode,
                result.generatorHealth().invalid(), n.p50Millis(), n.p95Millis(), n.p99Millis(),
                n.requestsPerSecond(), n.measuredErrorRate(), tags, summary);
    }

    /** "20261203-070001-checkout-3f9a": start time (UTC) first, so names sort by time; a random tail for concurrent runs. */
    static String runId(Instant started, String planName) {
        String slug = planName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-+$", "");
        if (slug.isEmpty()) slug = "run";
        return ID_TIME.format(started) + "-" + slug + "-"
                + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** Under the lock: the index, or, when it is corrupt or missing beside summaries, the index rebuilt and written. */
    private List<HistoryEntry> readOrRebuild(Consumer<String> warn) throws IOException {
        Path index = indexFile();
        String problem;
        try {
            return parse(Files.readString(index, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir.resolve(RUNS_DIR))) return List.of();
            problem = null;
        } catch (IndexFormatException e) {
            problem = e.getMessage();
        }
        List<HistoryEntry> rebuilt = rebuild(warn);
        if (problem != null) {
            Path kept = dir.resolve(INDEX_FILE + ".corrupt");
            Files.move(index, kept, StandardCopyOption.REPLACE_EXISTING);
            warn.accept(index + " is corrupt (" + problem + "); rebuilt it from the " + rebuilt.size() + " summaries in "
                    + dir.resolve(RUNS_DIR) + " and kept the corrupt file as " + kept);
        } else if (!rebuilt.isEmpty()) {
            warn.accept(index + " was missing; rebuilt it from the " + rebuilt.size() + " summaries in " + dir.resolve(RUNS_DIR));
        }
        if (problem != null || !rebuilt.isEmpty()) OutputFile.writeString(index, null, render(rebuilt));
        return rebuilt;
    }

    /** The entries of every readable summary in {@code runs/}, oldest first; an unreadable one is named and left out. */
    private List<HistoryEntry> rebuild(Consumer<String> warn) throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        Path runs = dir.resolve(RUNS_DIR);
        if (!Files.isDirectory(runs)) return entries;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                try {
                    RunResult result = JsonSummary.read(file);
                    entries.add(entryOf(result, id, exitCodeOf(result), RUNS_DIR + "/" + name));
                } catch (IOException | RuntimeException e) {
                    warn.accept("left " + file + " out of the rebuilt index: " + e.getMessage());
                }
            }
        }
        entries.sort(BaselineSelection.CHRONOLOGICAL);
        return entries;
    }

    /** The exit code {@code headroom run} gives a result without --accept-invalid-run (a rebuild does not know more). */
    private static int exitCodeOf(RunResult result) {
        if (result.outcome() == RunOutcome.INTERRUPTED) return 130;
        if (result.outcome() == RunOutcome.ABORTED_ON_REPEATED_ERROR) return 96;
        if (result.generatorHealth().invalid()) return 98;
        return result.thresholdsHeld() ? 0 : 99;
    }

    @FunctionalInterface
    private interface Locked<T> {
        T call() throws IOException;
    }

    private <T> T locked(Locked<T> body) throws IOException {
        Files.createDirectories(dir);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvm.lock();
        try (FileChannel channel = FileChannel.open(dir.resolve("index.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return body.call();
        } finally {
            jvm.unlock();
        }
    }

    // ---- the index file ----

    /** The index as JSON: {@code {"schema": ..., "runs": [...]}}; NaN numbers are written as null. */
    static String render(List<HistoryEntry> entries) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        ArrayNode runs = root.putArray("runs");
        for (HistoryEntry e : entries) {
            ObjectNode r = runs.addObject();
            r.put("runId", e.runId());
            r.put("startedAt", e.startedAt().toString());
            r.put("planName", e.planName());
            if (e.planHash() == null) r.putNull("planHash");
            else r.put("planHash", e.planHash());
            ArrayNode scenarios = r.putArray("scenarios");
            e.scenarios().forEach(scenarios::add);
            r.put("outcome", e.outcome());
            r.put("exitCode", e.exitCode());
            r.put("invalidRun", e.invalid());
            number(r, "p50Millis", e.p50Millis());
            number(r, "p95Millis", e.p95Millis());
            number(r, "p99Millis", e.p99Millis());
            number(r, "requestsPerSecond", e.requestsPerSecond());
            number(r, "errorRate", e.errorRate());
            ObjectNode tags = r.putObject("tags");
            e.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> tags.put(t.getKey(), t.getValue()));
            r.put("summary", e.summary());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the index is not serialisable", e);
        }
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) node.put(field, value);
        else node.putNull(field);
    }

    /** The entries of an index file's text, in file order. */
    static List<HistoryEntry> parse(String text) throws IndexFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IndexFormatException("not JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IndexFormatException("expected a JSON object");
        if (!SCHEMA.equals(root.path("schema").asText(null))) {
            throw new IndexFormatException("schema: expected \"" + SCHEMA + "\", got " + root.get("schema"));
        }
        JsonNode runs = root.get("runs");
        if (runs == null || !runs.isArray()) throw new IndexFormatException("runs: expected a list");
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) entries.add(entry(runs.get(i), "runs[" + i + "]"));
        return entries;
    }

    private static HistoryEntry entry(JsonNode r, String at) throws IndexFormatException {
        if (!r.isObject()) throw new IndexFormatException(at + ": expected an object");
        Instant started;
        try {
            started = Instant.parse(text(r, at, "startedAt"));
        } catch (DateTimeParseException e) {
            throw new IndexFormatException(at + ".startedAt: expected an ISO-8601 instant, got " + r.get("startedAt"));
        }
        JsonNode scenarioNode = r.get("scenarios");
        if (scenarioNode == null || !scenarioNode.isArray()) throw new IndexFormatException(at + ".scenarios: expected a list");
        List<String> scenarios = new ArrayList<>();
        scenarioNode.forEach(s -> scenarios.add(s.asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagNode = r.get("tags");
        if (tagNode != null && tagNode.isObject()) tagNode.properties().forEach(t -> tags.put(t.getKey(), t.getValue().asText()));
        JsonNode hash = r.get("planHash");
        JsonNode exit = r.get("exitCode");
        if (exit == null || !exit.canConvertToInt()) throw new IndexFormatException(at + ".exitCode: expected a whole number");
        JsonNode invalid = r.get("invalidRun");
        if (invalid == null || !invalid.isBoolean()) throw new IndexFormatException(at + ".invalidRun: expected true or false");
        String summary = text(r, at, "summary");
        // The summary must stay inside the results folder: the index is data, not a pointer anywhere on the disk.
        if (summary.startsWith("/") || summary.contains("..")) {
            throw new IndexFormatException(at + ".summary: expected a path inside the results folder, got \"" + summary + "\"");
        }
        return new HistoryEntry(text(r, at, "runId"), started, text(r, at, "planName"),
                hash == null || hash.isNull() ? null : hash.asText(), scenarios, text(r, at, "outcome"), exit.asInt(),
                invalid.asBoolean(), num(r, at, "p50Millis"), num(r, at, "p95Millis"), num(r, at, "p99Millis"),
                num(r, at, "requestsPerSecond"), num(r, at, "errorRate"), tags, summary);
    }

    private static String text(JsonNode r, String at, String field) throws IndexFormatException {
        JsonNode v = r.get(field);
        if (v == null || !v.isTextual()) throw new IndexFormatException(at + "." + field + ": expected a string");
        return v.asText();
    }

    private static double num(JsonNode r, String at, String field) throws IndexFormatException {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) return Double.NaN;
        if (!v.isNumber()) throw new IndexFormatException(at + "." + field + ": expected a number or null, got " + v);
        return v.asDouble();
    }

    /** The index file is not one this version can read; the message says where and what. */
    static final class IndexFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        IndexFormatException(String message) {
            super(message, null, false, false);
        }
    }
}
