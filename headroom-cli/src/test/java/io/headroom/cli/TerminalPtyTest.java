package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The real CLI under a real pseudo-terminal (util-linux {@code script}), at 60 and 200 columns and with
 * {@code NO_COLOR}: what it wrote is replayed on a small screen model (carriage return, cursor up, clear line,
 * wrap at the last column) so the test sees what a user would: no line wraps, no live line is left behind, and
 * no escape byte at all without colour.
 */
class TerminalPtyTest {
    private static DemoServer demo;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start(DemoConfig.defaults());
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) demo.close();
    }

    @Test
    void at60ColumnsNothingWrapsAndTheLiveLinesAreRedrawnInPlaceInColour() throws Exception {
        byte[] raw = runUnderPty(60, false);
        Screen screen = Screen.replay(new String(raw, StandardCharsets.UTF_8), 60);
        String text = String.join("\n", screen.lines);
        assertThat(screen.wrapped).as("a line reached past column 60:\n%s", text).isEmpty();
        assertThat(liveHeaders(screen)).as("live header lines left on screen:\n%s", text).hasSize(1);
        assertThat(screen.lines.stream().filter(l -> l.startsWith("browse")).count())
                .as("scenario lines left on screen:\n%s", text).isEqualTo(1);
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains("\u001b[32m", "\u001b[1m");
        // The summary is there, its trend values wrapped between fields under the value column.
        assertThat(text).contains("http_req_duration", "p(95)=");
        // The plan's path and the generator line are broken at spaces, with the rest indented below.
        assertThat(text).contains("    generator...: CPU max");
    }

    @Test
    void at200ColumnsEveryFieldIsShownOnOneLine() throws Exception {
        Screen screen = Screen.replay(new String(runUnderPty(200, false), StandardCharsets.UTF_8), 200);
        String text = String.join("\n", screen.lines);
        assertThat(screen.wrapped).isEmpty();
        assertThat(liveHeaders(screen)).hasSize(1);
        assertThat(liveHeaders(screen).getFirst()).containsPattern("\\d/2 VUs, \\d+ complete and 0 interrupted iterations");
        assertThat(text).containsPattern("browse  \\[=+\\]  \\d+s/3s  VUs \\d+/2  [0-9.]+ req/s  p95 ");
        // A closed model: the service-time metrics repeat the others, so the console leaves them out.
        assertThat(text).contains("http_req_duration").doesNotContain("http_req_service_duration")
                .doesNotContain("iteration_service_duration");
    }

    @Test
    void withNoColorNotOneEscapeByteIsWritten() throws Exception {
        byte[] raw = runUnderPty(60, true);
        String output = new String(raw, StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("\u001b");
        Screen screen = Screen.replay(output, 60);
        assertThat(screen.wrapped).isEmpty();
        assertThat(liveHeaders(screen)).as(String.join("\n", screen.lines)).hasSize(1);
        assertThat(String.join("\n", screen.lines)).contains("http_req_duration");
    }

    @Test
    void withStdoutRedirectedToAFileNeitherTheSummaryNorTheProgressHasAnEscape() throws Exception {
        Path summary = dir.resolve("summary.txt");
        String terminal = new String(runUnderPty(60, false, " > '" + summary + "'"), StandardCharsets.UTF_8);
        assertThat(terminal).doesNotContain("\u001b").contains("browse  ");
        assertThat(Files.readString(summary)).doesNotContain("\u001b").contains("http_req_duration")
                // not fitted to the terminal either: the file gets the full-width summary
                .containsPattern("http_req_duration\\.+: avg=\\S+ +min=\\S+ +med=\\S+ +max=");
    }

    private static List<String> liveHeaders(Screen screen) {
        return screen.lines.stream().filter(l -> l.matches("^(running|stopping|done)? ?\\(?\\d+s/\\d+s.*")).toList();
    }

    /** {@code headroom run} for about 3 s inside {@code script}, the pty {@code columns} wide; all it wrote. */
    private static byte[] runUnderPty(int columns, boolean noColour) throws Exception {
        return runUnderPty(columns, noColour, "");
    }

    /** As {@link #runUnderPty(int, boolean)}, {@code redirect} appended to the command (e.g. {@code > file}). */
    private static byte[] runUnderPty(int columns, boolean noColour, String redirect) throws Exception {
        assumeThat(new File("/usr/bin/script").canExecute() || new File("/bin/script").canExecute())
                .as("util-linux script").isTrue();
        String variant = columns + (noColour ? "-nc" : "") + (redirect.isEmpty() ? "" : "-redirected");
        Path plan = dir.resolve("pty-" + variant + ".yaml");
        Files.writeString(plan, """
                name: pty
                scenarios:
                  browse:
                    executor: constant-vus
                    vus: 2
                    duration: 3s
                    flow:
                      - get: %s/products?limit=5
                      - think: 50ms
                """.formatted(demo.baseUrl()));
        Path launcher = dir.resolve("run-" + variant + ".sh");
        Files.writeString(launcher, "stty cols " + columns + " rows 40\nexec '" + javaBinary() + "' -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " run '" + plan + "'" + redirect + "\n");
        Path captured = dir.resolve("pty-" + variant + ".out");
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", "sh " + launcher, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(captured.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("NO_COLOR");
        env.remove("COLUMNS");
        env.put("TERM", "xterm-256color");
        if (noColour) env.put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the run under script did not end:\n" + Files.readString(captured));
        }
        byte[] raw = Files.readAllBytes(captured);
        assertThat(process.exitValue()).as(new String(raw, StandardCharsets.UTF_8)).isZero();
        return raw;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * What a terminal shows after the output: printable characters at the cursor, a character past the last
     * column wraps (and is recorded), CR, LF, CSI n A (up), CSI 2K / K (clear line), SGR and other CSI ignored.
     */
    static final class Screen {
        final List<String> lines = new ArrayList<>();
        final List<Integer> wrapped = new ArrayList<>();

        static Screen replay(String output, int columns) {
            Screen screen = new Screen();
            List<StringBuilder> rows = new ArrayList<>();
            rows.add(new StringBuilder());
            int row = 0, col = 0;
            for (int i = 0; i < output.length(); ) {
                int cp = output.codePointAt(i);
                i += Character.charCount(cp);
                if (cp == '\r') {
                    col = 0;
                } else if (cp == '\n') {
                    row++;
                    col = 0;
                } else if (cp == 0x1b && i < output.length() && output.charAt(i) == '[') {
                    int end = i + 1;
                    while (end < output.length() && !Character.isLetter(output.charAt(end))) end++;
                    String param = output.substring(i + 1, end);
                    char command = end < output.length() ? output.charAt(end) : 'm';
                    i = end + 1;
                    if (command == 'A') row = Math.max(0, row - (param.isEmpty() ? 1 : Integer.parseInt(param)));
                    if (command == 'K') {
                        StringBuilder r = rows.get(row);
                        if (param.equals("2")) r.setLength(0);
                        else if (r.length() > col) r.setLength(col);
                    }
                } else if (cp >= ' ') {
                    if (col >= columns) {
                        screen.wrapped.add(row);
                        row++;
                        col = 0;
                    }
                    while (rows.size() <= row) rows.add(new StringBuilder());
                    StringBuilder r = rows.get(row);
                    while (r.codePointCount(0, r.length()) < col) r.append(' ');
                    int at = r.offsetByCodePoints(0, col);
                    if (at < r.length()) {
                        r.replace(at, r.offsetByCodePoints(at, 1), new String(Character.toChars(cp)));
                    } else {
                        r.appendCodePoint(cp);
                    }
                    col++;
                }
                while (rows.size() <= row) rows.add(new StringBuilder());
            }
            for (StringBuilder r : rows) screen.lines.add(r.toString().stripTrailing());
            return screen;
        }
    }
}
