package io.headroom.cli;

import io.headroom.analysis.history.HistoryEntry;
import io.headroom.analysis.history.TrendMetric;
import io.headroom.analysis.history.TrendSeries;
import io.headroom.report.TrendReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** {@code headroom trend}: one metric over the last runs of a plan, from the results index, as a table and an HTML chart. */
@Command(name = "trend", mixinStandardHelpOptions = true,
        description = {"Show a metric over the last runs of a plan, from the results index that 'headroom run' keeps.",
                "Invalid runs (the generator was the bottleneck) and incomplete ones are marked, never hidden."})
final class TrendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN",
            description = "The plan file: its runs with the file's current content (see --plan for every version).")
    Path planFile;

    @Option(names = "--plan", paramLabel = "NAME", description = "The runs of the plan of this name, whatever its content.")
    String planName;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "http_req_duration:p95",
            description = "http_req_duration:p50|p95|p99, http_reqs:rate or http_req_failed:rate (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "How many of the latest runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the chart as a self-contained HTML page.")
    Path htmlFile;

    @Mixin
    ResultsDirOption results;

    @Override
    public Integer call() {
        if ((planFile == null) == (planName == null)) throw new UsageException("trend needs a PLAN file or --plan NAME (one of them)");
        if (last < 1) throw new UsageException("--last must be at least 1, got " + last);
        TrendMetric m;
        try {
            m = TrendMetric.parse(metric);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--metric: " + e.getMessage());
        }
        if (htmlFile != null) ReportOutputs.checkWritable("--html", htmlFile);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<HistoryEntry> history = results.read(err);
        Predicate<HistoryEntry> select;
        String description;
        if (planFile != null) {
            if (!Files.isRegularFile(planFile)) throw new UsageException(planFile + ": no such plan file (or pass --plan NAME)");
            String hash = PlanHash.of(planFile);
            if (hash == null) throw new UsageException(planFile + ": cannot read the plan file");
            select = e -> hash.equals(e.planHash());
            description = planFile + " (" + hash + ")";
        } else {
            select = e -> planName.equals(e.planName());
            description = "named " + planName;
        }
        TrendSeries series = TrendSeries.of(history, select, description, m, last);
        if (series.points().isEmpty()) throw new UsageException(noRuns(history, description));
        out.print(table(series));
        out.flush();
        if (htmlFile != null && !SummaryFiles.write("--html", htmlFile, TrendReport.render(series), out, err)) {
            return ExitCode.OUTPUTS_NOT_WRITTEN.code();
        }
        if (htmlFile != null) out.println("trend chart written to " + htmlFile);
        out.flush();
        return ExitCode.OK.code();
    }

    /** No run matched: say what the index does hold, so the user can ask again. */
    private String noRuns(List<HistoryEntry> history, String description) {
        String where = " in the results index " + results.index().indexFile();
        if (history.isEmpty()) return "no runs" + where + " yet ('headroom run' adds one per run; see --results-dir)";
        List<String> names = history.stream().map(HistoryEntry::planName).distinct().sorted().toList();
        String hint = planFile != null ? "; the plan may have been edited since: pass --plan NAME for every version" : "";
        return "no runs of the plan " + description + where + " (it holds runs of " + String.join(", ", names) + ")" + hint;
    }

    static String table(TrendSeries series) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "run", "started (UTC)", series.metric().option(), "exit", "note"});
        int i = 1;
        for (TrendSeries.Point p : series.points()) {
            rows.add(new String[] {String.valueOf(i++), p.runId(), p.startedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    TrendReport.value(series, p.value()), String.valueOf(p.entry().exitCode()),
                    p.trusted() ? "" : "! " + p.note()});
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] r : rows) for (int c = 0; c < r.length; c++) widths[c] = Math.max(widths[c], r[c].length());
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n  %s over the last %d run%s of plan %s%s%n%n", series.metric().option(),
                series.points().size(), series.points().size() == 1 ? "" : "s", series.plan(),
                series.olderRuns() > 0 ? " (" + series.olderRuns() + " older not shown; see --last)" : ""));
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < r.length; c++) {
                boolean right = c == 0 || c == 3 || c == 4;
                String cell = right ? " ".repeat(widths[c] - r[c].length()) + r[c] : r[c] + " ".repeat(widths[c] - r[c].length());
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        long untrusted = series.points().stream().filter(p -> !p.trusted()).count();
        if (untrusted > 0) {
            s.append(String.format(Locale.ROOT, "%n  ! %d run%s invalid or incomplete: not comparable with the others%n",
                    untrusted, untrusted == 1 ? "" : "s"));
        }
        s.append('\n');
        return s.toString();
    }
}
