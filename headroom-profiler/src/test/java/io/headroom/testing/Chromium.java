package io.headroom.testing;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Debian {@code chromium} for tests that open generated pages. Installs it with apt-get when it is
 * missing and the tests run as root; skips the test (with the reason) only when that fails. Shared by the modules
 * whose tests open pages (headroom-profiler publishes it in its test jar).
 */
public final class Chromium {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final Pattern HARNESS_RESULTS = Pattern.compile("<pre id=\"test-results\">(.*?)</pre>", Pattern.DOTALL);
    /** Collects the page's uncaught errors and {@code console.error} calls in {@code window.__errors}. */
    private static final String ERROR_TRAP = """
            <script>
            window.__errors = [];
            window.addEventListener('error', function (e) { window.__errors.push('error: ' + e.message); });
            (function () {
              var original = console.error;
              console.error = function () { window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
            })();
            </script>
            """;

    private Chromium() {}

    /** The chromium binary, installing it once per test JVM if needed; aborts (skips) the test if impossible. */
    public static Path require() {
        return DebianPackage.require("chromium", CANDIDATES);
    }

    /**
     * Opens {@code page} in headless Chromium and returns the DOM after load, with the browser's own log
     * (console messages appear there as {@code CONSOLE} lines).
     */
    public static Result dumpDom(Path page) throws IOException, InterruptedException {
        Path chromium = require();
        Path profileDir = Files.createTempDirectory("headroom-chromium-");
        Path stderr = profileDir.resolve("stderr.log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profileDir, "--window-size=1280,900",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 60 s");
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        deleteRecursively(profileDir);
        return new Result(new String(dom, StandardCharsets.UTF_8), log, p.exitValue());
    }

    /** Opens {@code page} at {@code widthPixels} × {@code heightPixels} and saves a PNG screenshot to {@code png}. */
    public static void screenshot(Path page, Path png, int widthPixels, int heightPixels) throws IOException, InterruptedException {
        Path chromium = require();
        Path profileDir = Files.createTempDirectory("headroom-chromium-");
        List<String> command = List.of(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--user-data-dir=" + profileDir, "--window-size=" + widthPixels + "," + heightPixels,
                "--virtual-time-budget=5000", "--screenshot=" + png.toAbsolutePath(), page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(profileDir.resolve("log").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish its screenshot within 60 s");
        }
        deleteRecursively(profileDir);
    }

    /**
     * Opens {@code page} in a {@code widthPixels}-wide window and prints it to {@code pdf} as Chromium's
     * {@code --print-to-pdf} does (Letter paper, no header or footer, background graphics off).
     */
    public static void printToPdf(Path page, Path pdf, int widthPixels) throws IOException, InterruptedException {
        Path chromium = require();
        Path profileDir = Files.createTempDirectory("headroom-chromium-");
        List<String> command = List.of(chromium.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profileDir, "--window-size=" + widthPixels + ",900", "--virtual-time-budget=5000",
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(), page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(profileDir.resolve("log").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish printing within 60 s");
        }
        deleteRecursively(profileDir);
        assertThat(pdf).as("the PDF chromium printed").exists();
    }

    /**
     * Writes {@code page} to {@code file} with an error trap at the top of its head ({@code window.__errors}) and
     * {@code driver} at the end of its body, opens it, and returns the JSON text the driver wrote into
     * {@code <pre id="test-results">}. Fails when the driver wrote nothing or the page logged to the console.
     */
    public static String harnessResults(Path file, String page, String driver) throws IOException, InterruptedException {
        String instrumented = page.replaceFirst("<head>", "<head>" + Matcher.quoteReplacement(ERROR_TRAP))
                .replace("</body>", driver + "</body>");
        Files.writeString(file, instrumented, StandardCharsets.UTF_8);
        Result result = dumpDom(file);
        Matcher m = HARNESS_RESULTS.matcher(result.dom());
        assertThat(m.find()).as("harness results in the DOM; chromium log:\n" + result.log()).isTrue();
        assertThat(result.consoleLines()).as("console output").isEmpty();
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** What Chromium printed: the DOM, its log, its exit status. */
    public record Result(String dom, String log, int exitCode) {
        /** Console messages and uncaught errors the page produced, from Chromium's log. */
        public List<String> consoleLines() {
            return log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
