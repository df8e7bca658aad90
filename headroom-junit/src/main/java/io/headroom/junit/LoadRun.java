package io.headroom.junit;

import io.headroom.core.engine.Engine;
import io.headroom.core.engine.RunListener;
import io.headroom.core.result.RunResult;
import io.headroom.http.HttpTransport;
import io.headroom.report.ConsoleSummary;
import io.headroom.report.HtmlReport;
import io.headroom.report.JsonSummary;
import io.headroom.report.JunitReport;
import io.headroom.report.Redaction;
import io.headroom.script.run.Headroom;
import io.headroom.script.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one place where headroom-junit reaches the engine and the report writers: runs a plan with the
 * test's metadata, and writes the files a CI keeps. Stateless and thread-safe.
 */
final class LoadRun {
    /** The file names written under a test's report folder. */
    static final String SUMMARY = "summary.json";
    static final String HTML = "report.html";
    static final String JUNIT = "junit.xml";

    private LoadRun() {}

    /**
     * Runs {@code plan} on the default HTTP transport, blocking until it ends; {@code metadata} goes into the
     * summary. Secrets (URL credentials, Authorization and the plan's {@code redact} names) are redacted from the
     * returned result, as the CLI does before any output.
     *
     * @throws IllegalArgumentException when the engine rejects the plan before starting
     */
    static RunResult execute(Plan plan, Map<String, String> metadata) {
        RunResult result;
        try (HttpTransport transport = Headroom.defaultTransport()) {
            result = new Engine().run(plan.toRunSpec(transport, metadata), RunListener.NONE);
        }
        return Redaction.apply(result, plan.redact());
    }

    /** The end-of-test summary as the CLI prints it, without colours. */
    static String consoleSummary(RunResult result) {
        return new ConsoleSummary(false).render(result);
    }

    /**
     * Writes the JSON summary, the HTML report and the JUnit XML of the thresholds into {@code dir}
     * (created when missing) and returns the files written.
     *
     * @throws UncheckedIOException when a file cannot be written
     */
    static List<Path> writeReports(RunResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Path summary = dir.resolve(SUMMARY);
            Path html = dir.resolve(HTML);
            Path junit = dir.resolve(JUNIT);
            JsonSummary.write(result, summary);
            HtmlReport.write(result, List.of(), html);
            JunitReport.write(result, junit);
            return List.of(summary, html, junit);
        } catch (IOException e) {
            throw new UncheckedIOException("headroom: could not write the reports to " + dir + ": " + e.getMessage(), e);
        }
    }
}
