package io.headroom.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that reads summaries (compare, diagnose, report, capacity) answers a corrupt one with exit 2, the
 * file and the JSON path at fault, and no stack trace; the valid one is accepted. (The mutations one by one are
 * in headroom-report's CorruptSummaryTest; here the commands.)
 */
class CorruptSummaryCliTest {
    @TempDir
    Path dir;

    String valid;
    Path good;

    @BeforeEach
    void writeValid() throws IOException {
        try (InputStream in = CorruptSummaryCliTest.class.getResourceAsStream("small-summary.json")) {
            valid = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        good = dir.resolve("good.json");
        Files.writeString(good, valid);
    }

    private Path file(String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    /** Each reading command given {@code bad}: exit 2 naming the file and {@code message}. */
    private static void rejectedByEveryReader(Path bad, Path good, String message) {
        List<String[]> commands = List.of(
                new String[]{"compare", good.toString(), bad.toString()},
                new String[]{"compare", bad.toString(), good.toString()},
                new String[]{"diagnose", bad.toString()},
                new String[]{"report", bad.toString()},
                new String[]{"capacity", bad.toString()});
        for (String[] args : commands) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run).isEqualTo(2);
            assertThat(run.err()).as(args[0]).startsWith("headroom: " + bad + ": " + message)
                    .doesNotContain("\tat ", "Exception", "cannot read");
        }
    }

    @Test
    void wrongTypesNegativeCountsMissingFieldsAndTruncationAreExit2WithTheField() throws IOException {
        rejectedByEveryReader(file("type.json", valid.replace("\"durationNanos\": 2000000500", "\"durationNanos\": \"2s\"")),
                good, "run.durationNanos: expected a whole number or null");
        rejectedByEveryReader(file("negative.json", valid.replace("\"passes\": 1,", "\"passes\": -1,")),
                good, "series[3].stats.passes: expected at least 0, found -1");
        rejectedByEveryReader(file("missing.json", valid.replace("\"outcome\": \"completed\",", "")), good, "outcome: missing");
        rejectedByEveryReader(file("null.json", valid.replace("\"metric\": \"vus\"", "\"metric\": null")),
                good, "series[4].metric: expected a string");
        rejectedByEveryReader(file("truncated.json", valid.substring(0, valid.length() / 3)), good, "not valid JSON at line");
        rejectedByEveryReader(file("future.json", valid.replace("headroom.summary/1", "headroom.summary/9")),
                good, "unsupported schema \"headroom.summary/9\"");
    }

    @Test
    void aNullDurationIsReadByReportButRefusedByTheCommandsThatDivideByIt() throws IOException {
        Path noDuration = file("no-duration.json", valid.replace("\"durationNanos\": 2000000500", "\"durationNanos\": null"));
        for (String[] args : List.of(new String[]{"compare", good.toString(), noDuration.toString()},
                new String[]{"diagnose", noDuration.toString()}, new String[]{"capacity", noDuration.toString()})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains(noDuration + ": run.durationNanos: is null").doesNotContain("\tat ");
        }
        CliRun report = CliRun.of("report", noDuration.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
    }

    @Test
    void theValidSummaryIsAccepted() {
        CliRun compare = CliRun.of("compare", good.toString(), good.toString());
        assertThat(compare.exitCode()).as(compare.toString()).isZero();
        CliRun diagnose = CliRun.of("diagnose", good.toString());
        assertThat(diagnose.exitCode()).as(diagnose.toString()).isZero();
        CliRun report = CliRun.of("report", good.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
    }
}
