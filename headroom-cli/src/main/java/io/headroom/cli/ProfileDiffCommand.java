package io.headroom.cli;

import io.headroom.profiler.analysis.JfrAnalyzer;
import io.headroom.profiler.analysis.Profile;
import io.headroom.profiler.flame.CollapsedFormatException;
import io.headroom.profiler.flame.CollapsedStacks;
import io.headroom.profiler.flame.FlameDiff;
import io.headroom.profiler.flame.FlameGraphHtml;
import io.headroom.report.OutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code headroom profile diff BEFORE AFTER}: a differential flame graph of two profiles, each a JFR recording
 * or a collapsed-stacks file (ours from {@code --collapsed}, async-profiler's, {@code stackcollapse}'s). The
 * frames and widths are AFTER's; each frame's colour is the change of its share of all samples (red grew,
 * blue shrank). Shares, not counts, so recordings of different lengths compare.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Differential flame graph between two profiles: frames and widths of AFTER, each coloured by "
                + "the change of its share from BEFORE (red grew, blue shrank).",
                "Each profile is a JFR recording (.jfr) or a collapsed-stacks file (frame;frame;... count)."},
        footer = {"", "Examples:",
                "  headroom profile diff before.jfr after.jfr",
                "  headroom profile diff --wall --html wall-diff.html before.jfr after.jfr",
                "  headroom profile diff before.collapsed after.collapsed", "", "See docs/profiling.md."})
final class ProfileDiffCommand implements Callable<Integer> {
    /** The first bytes of every JFR chunk. */
    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};
    static final int CHANGES_SHOWN = 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The baseline profile: .jfr or collapsed stacks.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The profile to compare: .jfr or collapsed stacks.")
    Path after;

    @Option(names = "--html", paramLabel = "FILE",
            description = "The differential flame graph page (default: flame-diff.html; - for standard output).")
    Path htmlFile = Path.of("flame-diff.html");

    @Option(names = "--wall", description = "Compare the wall-clock stacks (on CPU and waiting) instead of the CPU "
            + "samples; both profiles must be JFR recordings.")
    boolean wall;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // With --html - the page is standard output, so the words go to standard error.
        PrintWriter out = OutputFile.isStdout(htmlFile) ? err : stdout;
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--html", htmlFile);
        ReportOutputs.checkAll(outputs);
        CollapsedStacks beforeStacks = read(before, "BEFORE");
        CollapsedStacks afterStacks = read(after, "AFTER");
        String unit = wall ? "ms" : "samples";
        FlameDiff diff = FlameDiff.of(beforeStacks, afterStacks, unit);
        String title = (wall ? "Wall-clock" : "CPU") + " differential flame graph: " + before.getFileName() + " \u2192 "
                + after.getFileName();
        out.println(title);
        out.printf(Locale.ROOT, "  before %,d %s, after %,d %s; shares of all %s compared%n", beforeStacks.totalSamples(),
                unit, afterStacks.totalSamples(), unit, unit);
        List<FlameDiff.Change> changes = diff.biggestChanges(CHANGES_SHOWN);
        if (changes.isEmpty()) {
            out.println("  no frame's share changed");
        } else {
            out.println("  biggest changes of self share (percentage points):");
            for (FlameDiff.Change c : changes) {
                out.printf(Locale.ROOT, "  %+7.2f  %5.1f %% -> %5.1f %%  %s%n", c.deltaPoints(), c.beforePercent(),
                        c.afterPercent(), c.path().getLast());
            }
        }
        String page = FlameGraphHtml.renderDiff(diff, title);
        boolean written = ReportOutputs.writeOne("--html", htmlFile, "Differential flame graph",
                stream -> stream.write(page.getBytes(StandardCharsets.UTF_8)), stdout, out, err);
        out.flush();
        return written ? ExitCode.OK.code() : ExitCode.OUTPUTS_NOT_WRITTEN.code();
    }

    /** The CPU (or wall-clock) stacks of a recording, or the stacks of a collapsed file; exit 2 naming the file. */
    private CollapsedStacks read(Path file, String which) {
        if (!Files.isRegularFile(file)) throw new UsageException(which + " " + file + ": no such file");
        boolean jfr;
        try (InputStream in = Files.newInputStream(file)) {
            jfr = Arrays.equals(in.readNBytes(JFR_MAGIC.length), JFR_MAGIC);
        } catch (IOException e) {
            throw new UsageException(which + " " + file + ": cannot read it: " + e.getMessage());
        }
        if (jfr) {
            try {
                Profile profile = JfrAnalyzer.analyse(file);
                return wall ? profile.wallStacks() : profile.cpuStacks();
            } catch (IOException e) {
                throw new UsageException(which + " " + file + ": not a readable JFR recording: " + e.getMessage());
            }
        }
        if (wall) {
            throw new UsageException(which + " " + file + ": --wall needs JFR recordings (a collapsed file has no waits "
                    + "apart from its samples)");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CollapsedStacks.parse(in);
        } catch (CollapsedFormatException e) {
            throw new UsageException(which + " " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(which + " " + file + ": cannot read it as collapsed stacks: " + e.getMessage());
        }
    }
}
