package io.headroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build-checked rule that no production source file is over {@link #MAX_LINES} lines (issue 11: "no
 * production class over ~400 lines"): every {@code .java} file under a {@code src/main/java} of every module of
 * the repository. Tests, fixtures and generated sources are not counted. A file over the limit is split along a
 * cohesive line (a concept of its own, not an arbitrary cut). An entry of the allow-list is checked too: it fails
 * once its file is back under the limit or gone, so the list only shrinks. Stateless and thread-safe.
 */
public final class SourceFileSize {
    /** The most lines a production source file may have. */
    public static final int MAX_LINES = 400;

    /** Build output and installed tools, never sources of ours (a dot-directory is skipped too: .git, .idea). */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

    private SourceFileSize() {}

    /** A source file and its line count; {@code file} relative to the scanned root, with {@code /} separators. */
    public record Count(String file, long lines) {}

    /**
     * Every production source file under {@code root} with more than {@code maxLines} lines, largest first:
     * {@code *.java} below a {@code src/main/java} directory of {@code root} or any module below it (build output
     * under {@code target} is skipped).
     */
    public static List<Count> over(Path root, int maxLines) {
        List<Count> out = new ArrayList<>();
        for (Count c : count(root)) if (c.lines() > maxLines) out.add(c);
        out.sort(Comparator.comparingLong(Count::lines).reversed().thenComparing(Count::file));
        return out;
    }

    /** Every production source file under {@code root} with its line count, in path order. */
    public static List<Count> count(Path root) {
        List<Count> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skipped = !dir.equals(root) && (SKIPPED_DIRECTORIES.contains(name) || name.startsWith("."));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    if (attrs.isRegularFile() && relative.endsWith(".java") && ("/" + relative).contains("/src/main/java/")) {
                        out.add(new Count(relative, lines(Files.readAllBytes(file))));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.comparing(Count::file));
        return out;
    }

    /**
     * Fails, naming every file and its line count, when a production file under {@code root} is over
     * {@code maxLines} and not in {@code allowed} (relative path: why it may be, for now), or when an entry of
     * {@code allowed} is no longer over the limit.
     */
    public static void assertNoneOver(Path root, int maxLines, Map<String, String> allowed) {
        List<String> problems = new ArrayList<>();
        List<Count> counts = count(root);
        if (counts.isEmpty()) throw new AssertionError("no production source files under " + root);
        for (Count c : counts) {
            if (c.lines() > maxLines && !allowed.containsKey(c.file())) {
                problems.add(c.file() + " has " + c.lines() + " lines; split it along a cohesive line");
            }
        }
        for (String file : allowed.keySet()) {
            long lines = counts.stream().filter(c -> c.file().equals(file)).mapToLong(Count::lines).findFirst().orElse(-1);
            if (lines < 0) problems.add(file + " is in the allow-list but no longer exists: remove its entry");
            else if (lines <= maxLines) problems.add(file + " is in the allow-list but has " + lines + " lines now: remove its entry");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("production source files over " + maxLines + " lines (issue 11):\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * The repository's root: the nearest directory, from the working directory (a module's, under Maven) up, whose
     * {@code pom.xml} lists {@code headroom-core} as a module.
     */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>headroom-core</module>")) return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + pom, e);
            }
        }
        throw new AssertionError("no pom.xml listing the module headroom-core in " + start + " or above it");
    }

    /** Lines as an editor counts them: newlines, plus a last line without one. */
    static long lines(byte[] text) {
        long lines = 0;
        for (byte b : text) if (b == '\n') lines++;
        return text.length > 0 && text[text.length - 1] != '\n' ? lines + 1 : lines;
    }
}
