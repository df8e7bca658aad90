package io.headroom.report;

import io.headroom.core.engine.ScenarioProgress;
import io.headroom.core.engine.ScenarioProgress.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String ESC = "\u001b[";

    private final AtomicLong nanos = new AtomicLong(5 * SECOND);
    private final StringBuilder out = new StringBuilder();

    private static ScenarioProgress progress(String name, State state, long elapsedSeconds, long requestsPerSecond,
                                             double p95Millis, long failed) {
        return new ScenarioProgress(name, "constant-vus", state, Duration.ofSeconds(elapsedSeconds), Duration.ofSeconds(30),
                10, 10, elapsedSeconds * 5, 0, requestsPerSecond, p95Millis, failed);
    }

    private List<ScenarioProgress> both(long second, State browseState) {
        return List.of(progress("browse", browseState, second, 123, 45, 0),
                progress("checkout", State.RUNNING, second, 40, 120.5, 3));
    }

    @Test
    void plainModePrintsEachRunningScenarioEveryTenSecondsOnTheInjectedClock() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.PLAIN, nanos::get);
        int[] linesAfter = new int[31];
        for (int second = 0; second <= 30; second++) {
            printer.onProgress(both(second, State.RUNNING));
            linesAfter[second] = lines().size();
            nanos.addAndGet(SECOND);
        }
        // First report at once, then at 10 s, 20 s and 30 s on the clock; two scenarios each time.
        assertThat(linesAfter[0]).isEqualTo(2);
        assertThat(linesAfter[9]).isEqualTo(2);
        assertThat(linesAfter[10]).isEqualTo(4);
        assertThat(linesAfter[19]).isEqualTo(4);
        assertThat(linesAfter[20]).isEqualTo(6);
        assertThat(linesAfter[30]).isEqualTo(8);
        assertThat(out.toString()).doesNotContain("\u001b");
        assertThat(lines().get(2)).isEqualTo("browse    running  10s/30s (33%)  VUs 10/10  123 req/s  p95 45ms  errors 0");
        assertThat(lines().get(3)).isEqualTo("checkout  running  10s/30s (33%)  VUs 10/10  40 req/s  p95 120.5ms  errors 3");
    }

    @Test
    void plainModeFollowsTheClockNotTheNumberOfCalls() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.PLAIN, nanos::get);
        printer.onProgress(both(0, State.RUNNING));
        for (int i = 0; i < 50; i++) printer.onProgress(both(0, State.RUNNING));
        assertThat(lines()).hasSize(2);
        nanos.addAndGet(10 * SECOND - 1);
        printer.onProgress(both(9, State.RUNNING));
        assertThat(lines()).hasSize(2);
        nanos.addAndGet(1);
        printer.onProgress(both(10, State.RUNNING));
        assertThat(lines()).hasSize(4);
    }

    @Test
    void plainModeReportsAScenarioOnceWhenItEndsAndSkipsWaitingOnes() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.PLAIN, nanos::get);
        printer.onProgress(List.of(progress("browse", State.WAITING, 0, 0, Double.NaN, 0)));
        assertThat(lines()).isEmpty();
        nanos.addAndGet(3 * SECOND);
        printer.onProgress(List.of(progress("browse", State.DONE, 30, 0, Double.NaN, 0)));
        printer.onProgress(List.of(progress("browse", State.DONE, 30, 0, Double.NaN, 0)));
        assertThat(lines()).containsExactly("browse  done  30s/30s (100%)  VUs 10/10  0 req/s  p95 -  errors 0");
    }

    @Test
    void terminalModeRedrawsAHeaderAndOneLinePerScenarioInPlace() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get);
        printer.onProgress(both(12, State.RUNNING));
        String first = out.toString();
        out.setLength(0);
        nanos.addAndGet(SECOND);
        printer.onProgress(both(13, State.RUNNING));
        String second = out.toString();

        // The first frame draws below the cursor; later frames go up three lines and clear each before writing.
        assertThat(first).doesNotContain(ESC + "3A")
                .isEqualTo("\r" + ESC + "2K" + ESC + "36mrunning" + ESC + "0m (12s/30s), 20/20 VUs, 120 complete and 0 interrupted iterations, ETA 18s\n"
                        + "\r" + ESC + "2Kbrowse    [" + ESC + "32m========>" + ESC + "0m           ]  12s/30s  VUs 10/10  123 req/s  p95 45ms  errors 0\n"
                        + "\r" + ESC + "2Kcheckout  [" + ESC + "32m========>" + ESC + "0m           ]  12s/30s  VUs 10/10  40 req/s  p95 120.5ms  "
                        + ESC + "31merrors 3" + ESC + "0m\n");
        assertThat(second).startsWith(ESC + "3A\r" + ESC + "2K" + ESC + "36mrunning" + ESC + "0m (13s/30s)");
        assertThat(second.split("\n")).hasSize(3);
        assertThat(second).doesNotContain(ESC + "2J");
    }

    @Test
    void terminalModeBlanksLeftoverLinesWhenFewerScenariosAreShown() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get);
        printer.onProgress(both(1, State.RUNNING));
        out.setLength(0);
        printer.onProgress(List.of(progress("browse", State.DONE, 30, 0, Double.NaN, 0)));
        assertThat(out.toString()).isEqualTo(ESC + "3A"
                + "\r" + ESC + "2K" + ESC + "36mdone" + ESC + "0m (30s/30s), 10/10 VUs, 150 complete and 0 interrupted iterations\n"
                + "\r" + ESC + "2Kbrowse  [" + ESC + "32m====================" + ESC + "0m]  30s/30s  VUs 10/10  0 req/s  p95 -  errors 0  "
                + ESC + "2mdone" + ESC + "0m\n"
                + "\r" + ESC + "2K\n" + ESC + "1A");
    }

    @Test
    void everyLiveLineFitsOneColumnShortOfTheWidthAndAWideTerminalGetsEveryField() {
        List<ScenarioProgress> scenarios = List.of(
                new ScenarioProgress("a-rather-long-scenario-name", "constant-vus", State.RUNNING, Duration.ofSeconds(12),
                        Duration.ofSeconds(30), 10, 10, 60, 7, 1234.5, 45, 3, 2),
                progress("checkout", State.RUNNING, 12, 40, 120.5, 0));
        for (int width : new int[] {30, 40, 60, 80}) {
            out.setLength(0);
            new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, true, () -> width).onProgress(scenarios);
            for (String line : out.toString().split("\n")) {
                String visible = Ansi.strip(line.replace("\r", "").replace(ESC + "2K", ""));
                assertThat(Ansi.width(visible)).as("at %d columns: %s", width, visible).isLessThanOrEqualTo(width - 1);
            }
        }
        // At 60 columns the name is shortened, not the numbers that matter: time, VUs, errors, dropped.
        out.setLength(0);
        new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, false, () -> 60).onProgress(scenarios);
        // No colour: one line, the header, nothing else and no escape at all.
        assertThat(out.toString()).doesNotContain("\u001b").doesNotContain("\n").startsWith("\r");

        out.setLength(0);
        new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, true, () -> 200).onProgress(scenarios);
        String wide = Ansi.strip(out.toString());
        assertThat(wide).contains("120 complete and 2 interrupted iterations", "ETA 18s", "20/20 VUs",
                "a-rather-long-scenario-name  [", "1235 req/s", "p95 45ms", "dropped 7", "40 req/s", "p95 120.5ms");
        out.setLength(0);
        new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, true, () -> 60).onProgress(scenarios);
        String narrow = Ansi.strip(out.toString());
        assertThat(narrow).contains("12s/30s, 20/20 VUs, 120 complete, 2 interrupted, ETA 18s", "a-rather-…",
                "12s/30s", "VUs 10/10", "errors 3", "dropped 7").doesNotContain("p95").doesNotContain("running");
    }

    @Test
    void withoutColourTheHeaderIsRedrawnOnOneLineWithNoEscapeAndBlanksWhatALongerOneLeft() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, false, () -> 200);
        printer.onProgress(List.of(new ScenarioProgress("browse", "constant-vus", State.RUNNING, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 100, 100, 10_000, 0, 1, 1, 0, 0)));
        String first = out.toString();
        out.setLength(0);
        nanos.addAndGet(SECOND);
        printer.onProgress(List.of(progress("browse", State.RUNNING, 2, 1, 1, 0)));
        String second = out.toString();
        printer.onWarning("slow");
        printer.finish();
        printer.finish();
        assertThat(first).isEqualTo("\rrunning (1s/30s), 100/100 VUs, 10000 complete and 0 interrupted iterations, ETA 29s");
                assertThat(second).isEqualTo("\rrunning (2s/30s), 10/10 VUs, 10 complete and 0 interrupted iterations, ETA 28s     ");
        // five spaces: "100/100" and "10000" lost two and three columns
        assertThat(out.toString()).doesNotContain("\u001b").endsWith("\n! warning: slow\n");
    }

    @Test
    void aFrameIsSkippedUntilTheWidthIsKnown() {
        int[] width = {-1};
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get, true, () -> width[0]);
        printer.onProgress(both(1, State.RUNNING));
        assertThat(out).isEmpty();
        width[0] = 60;
        printer.onProgress(both(2, State.RUNNING));
        assertThat(out.toString()).contains("browse");
    }

    @Test
    void abortReasonIsPrintedBelowTheLiveLinesAndNotOverwritten() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.TERMINAL, nanos::get);
        printer.onProgress(both(5, State.RUNNING));
        printer.onAbort("http_req_failed 'rate<0.01' crossed (rate=5.00%)");
        out.setLength(0);
        printer.onProgress(both(6, State.STOPPING));
        assertThat(out.toString()).doesNotContain(ESC + "3A").contains("stopping");
    }

    @Test
    void quietModePrintsNothing() {
        ProgressPrinter printer = new ProgressPrinter(out, ProgressPrinter.Mode.QUIET, nanos::get);
        for (int second = 0; second < 30; second++) {
            printer.onProgress(both(second, State.RUNNING));
            nanos.addAndGet(SECOND);
        }
        printer.onAbort("stop");
        assertThat(out).isEmpty();
        assertThat(ProgressPrinter.quiet().mode()).isEqualTo(ProgressPrinter.Mode.QUIET);
    }

    private List<String> lines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.toString().split("\n"));
    }
}
