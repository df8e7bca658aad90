package io.headroom.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files a run needs in its pods: the plan and the data files it reads (a YAML plan's {@code data} section, plus
 * any named with {@code --file}), each with its path relative to the plan's folder, for the run's ConfigMap. At most
 * {@link #MAX_BYTES} in all (a ConfigMap holds 1 MiB). Immutable.
 *
 * @param planPath the plan's path relative to the mount (its file name)
 * @param files every file, the plan first, by ConfigMap key
 */
public record PlanBundle(String planPath, List<PlanFile> files) {
    /** The most bytes of plan and data files one run carries (Kubernetes refuses a ConfigMap over 1 MiB). */
    public static final long MAX_BYTES = 1_000_000;

    /** One file of the bundle: its ConfigMap key, its path under the mount, its bytes. */
    public record PlanFile(String key, String path, byte[] bytes) {}

    public PlanBundle {
        files = List.copyOf(files);
    }

    /**
     * Reads {@code plan} and its data files.
     *
     * @param extra more files the plan reads (relative to the working directory), e.g. a Java scenario's CSV
     * @throws PlanBundleException naming the file when one cannot be read, lies outside the plan's folder, or the
     *                             bundle is over {@link #MAX_BYTES}
     */
    public static PlanBundle read(Path plan, List<Path> extra) {
        Path base = plan.toAbsolutePath().normalize().getParent();
        Map<String, Path> paths = new LinkedHashMap<>();
        paths.put(plan.getFileName().toString(), plan);
        String name = plan.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            for (String file : dataFiles(plan)) paths.putIfAbsent(relative(base, base.resolve(file), plan, "data file '" + file + "'"), base.resolve(file));
        }
        for (Path p : extra) paths.putIfAbsent(relative(base, p.toAbsolutePath(), plan, "--file " + p), p);
        List<PlanFile> files = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Path> e : paths.entrySet()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(e.getValue());
            } catch (IOException ex) {
                throw new PlanBundleException(e.getValue() + ": cannot read it for the run's ConfigMap: " + ex.getMessage());
            }
            total += bytes.length;
            if (total > MAX_BYTES) {
                throw new PlanBundleException(e.getValue() + ": the plan and its data files come to more than " + MAX_BYTES
                        + " bytes, the most a run's ConfigMap carries (docs/limits.md); bake large data into the image instead");
            }
            String key = key(e.getKey());
            String clash = keys.putIfAbsent(key, e.getKey());
            if (clash != null) throw new PlanBundleException(e.getValue() + ": its ConfigMap key '" + key + "' is also that of " + clash + ": rename one");
            files.add(new PlanFile(key, e.getKey(), bytes));
        }
        return new PlanBundle(plan.getFileName().toString(), files);
    }

    /** The {@code file} of every entry of a YAML plan's {@code data} section ({@code name: file.csv} or {@code name: {file: ...}}). */
    static List<String> dataFiles(Path plan) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(plan.toFile());
        } catch (IOException e) {
            throw new PlanBundleException(plan + ": cannot read the plan: " + e.getMessage());
        }
        List<String> files = new ArrayList<>();
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject()) return files;
        for (JsonNode entry : data) {
            JsonNode file = entry.isObject() ? entry.get("file") : entry;
            if (file != null && file.isTextual() && !file.asText().isBlank()) files.add(file.asText());
        }
        return files;
    }

    private static String relative(Path base, Path file, Path plan, String what) {
        Path normal = file.normalize();
        if (!normal.startsWith(base)) {
            throw new PlanBundleException(plan + ": " + what + " is outside the plan's folder " + base
                    + ": on Kubernetes the plan's files are mounted next to it; move it under that folder");
        }
        return base.relativize(normal).toString().replace('\\', '/');
    }

    /** A ConfigMap key ({@code [-._a-zA-Z0-9]+}) for a relative path: '/' becomes "__", anything else '_'. */
    static String key(String path) {
        return path.replace("/", "__").replaceAll("[^-._a-zA-Z0-9]", "_");
    }

    /** The bundle's total size in bytes. */
    public long totalBytes() {
        return files.stream().mapToLong(f -> f.bytes().length).sum();
    }
}
