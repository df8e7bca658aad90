package io.headroom.profiler;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code headroom profile}: the source and the files to write. Every file is optional (null: not
 * written); {@link #withDefaultHtml()} fills in the flame graph's default name. Immutable.
 *
 * @param htmlFile      the interactive flame graph
 * @param jsonFile      the report as JSON ({@code headroom.profile/1})
 * @param collapsedFile the CPU samples as collapsed stacks, for other flame-graph tools or diffs
 * @param keepJfrFile   where to keep the raw recording (for JDK Mission Control); ignored for a {@code JfrFile} source
 */
public record ProfileRequest(ProfileSource source, Path htmlFile, Path jsonFile, Path collapsedFile, Path keepJfrFile) {
    public ProfileRequest {
        Objects.requireNonNull(source, "source");
    }

    /** Only the source: nothing is written but the terminal summary. */
    public static ProfileRequest of(ProfileSource source) {
        return new ProfileRequest(source, null, null, null, null);
    }

    /**
     * This request with {@code htmlFile} set to its default when it is null: {@code flame-<pid>.html} for a
     * running JVM, {@code <recording>.html} beside a recording, {@code flame.html} for a launched command.
     */
    public ProfileRequest withDefaultHtml() {
        if (htmlFile != null) return this;
        Path html = switch (source) {
            case ProfileSource.Attach a -> Path.of("flame-" + a.pid() + ".html");
            case ProfileSource.Launch l -> Path.of("flame.html");
            case ProfileSource.JfrFile f -> {
                String name = f.file().getFileName().toString();
                String base = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
                yield f.file().resolveSibling(base + ".html");
            }
        };
        return new ProfileRequest(source, html, jsonFile, collapsedFile, keepJfrFile);
    }

    public ProfileRequest withHtmlFile(Path file) {
        return new ProfileRequest(source, file, jsonFile, collapsedFile, keepJfrFile);
    }

    public ProfileRequest withJsonFile(Path file) {
        return new ProfileRequest(source, htmlFile, file, collapsedFile, keepJfrFile);
    }

    public ProfileRequest withCollapsedFile(Path file) {
        return new ProfileRequest(source, htmlFile, jsonFile, file, keepJfrFile);
    }

    public ProfileRequest withKeepJfrFile(Path file) {
        return new ProfileRequest(source, htmlFile, jsonFile, collapsedFile, file);
    }
}
