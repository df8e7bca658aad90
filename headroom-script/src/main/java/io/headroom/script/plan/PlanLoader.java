package io.headroom.script.plan;

import io.headroom.script.plan.YamlTree.YNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a YAML plan into a {@link Plan}: k6's option names, a {@code flow} per scenario compiled to the
 * {@link io.headroom.script.Scenario} interface, {@code ${ENV:NAME:-default}} substituted at load time.
 * Every problem is collected and thrown together as one {@link PlanException}, each with file, line,
 * column and field path. Instances are immutable and thread-safe.
 *
 * <p>The reading is in parts, one per section of a plan, each with its table of keys ({@link KeyTable}):
 * {@link RootSection}, {@link HttpSection}, {@link DataSection} (and the data files), {@link ScenarioSection}
 * with {@link ExecutorSection} (core's {@code ExecutorSpec} holds the executor rules and k6's defaults),
 * {@link ThresholdSection}, and the {@link FlowCompiler} with one {@link StepReader} per step kind.
 */
public final class PlanLoader {
    private final Function<String, String> env;
    private final String baseUrlOverride;

    /** A loader over the process environment. */
    public PlanLoader() {
        this(System::getenv);
    }

    /** @param env looks up environment variables for {@code ${ENV:...}}; returns null when unset */
    public PlanLoader(Function<String, String> env) {
        this(env, null);
    }

    private PlanLoader(Function<String, String> env, String baseUrlOverride) {
        this.env = Objects.requireNonNull(env, "env");
        this.baseUrlOverride = baseUrlOverride;
    }

    /**
     * The same loader with a base URL that wins over every plan's {@code baseUrl} (the command line's
     * {@code --base-url}), so relative URLs are checked against it at load time.
     *
     * @param baseUrl an absolute http(s) URL with a host and a port 1..65535
     * @throws IllegalArgumentException saying what is wrong with {@code baseUrl}
     */
    public PlanLoader withBaseUrl(String baseUrl) {
        RequestRules.baseUrlProblem(baseUrl).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new PlanLoader(env, baseUrl);
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
            text = readBounded(file, name);
        } catch (NoSuchFileException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "file not found"));
        } catch (CharacterCodingException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "cannot read: not UTF-8 text"));
        } catch (IOException e) {
            throw new PlanException(new PlanError(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return read(text, name, file.getParent() == null ? Path.of("") : file.getParent());
    }

    /** Bytes in a plan file; a larger file is refused before it is read. */
    public static final long MAX_PLAN_BYTES = 1L << 20;

    /** The file as UTF-8 text, reading at most {@link #MAX_PLAN_BYTES} + 1 bytes (a FIFO or a device included). */
    private static String readBounded(Path file, String name) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_PLAN_BYTES) throw tooLarge(name);
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_PLAN_BYTES + 1);
        }
        if (bytes.length > MAX_PLAN_BYTES) throw tooLarge(name);
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static PlanException tooLarge(String name) {
        return new PlanException(new PlanError(name, 0, 0, "", "the plan file is larger than "
                + (MAX_PLAN_BYTES >> 20) + " MiB; a plan is settings and flows: put large bodies and data into data files"));
    }

    /**
     * Reads plan text.
     *
     * @param fileName names the plan in messages and is the default plan name
     * @param baseDir the folder relative data file paths are read against
     * @throws PlanException with every problem found
     */
    public Plan read(String yaml, String fileName, Path baseDir) {
        PlanContext ctx = new PlanContext(fileName, baseDir == null ? Path.of("") : baseDir, baseUrlOverride);
        YNode root = YamlTree.parse(yaml, env, ctx.problems).orElseThrow(() -> new PlanException(ctx.problems.errors()));
        return new RootSection(ctx).read(root);
    }
}
