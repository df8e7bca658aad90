package io.headroom.cli;

import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retakes the screenshots in {@code docs/} with headless Chromium, from real reports of the demo shop:
 * {@code html-report.png} (the report of {@code headroom demo}, its top 2,600 pixels at 1,280 wide, which must hold
 * every chart of "Over time", the per-endpoint percentiles included) and
 * {@code html-report-baseline.png} ({@code report --baseline}: the quickstart plan run twice, the second time with
 * 20 ms added to every response). Kept out of the normal build; rerun with
 * {@code mvn -o -q -pl headroom-cli -am test -Dtest=DocsScreenshots -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.screenshots=true}.
 */
@EnabledIfSystemProperty(named = "docs.screenshots", matches = "true")
class DocsScreenshots {
    private static final Path DOCS = Path.of("../docs");
    /** The demo report's shot: its top, down to the end of the "Over time" charts. */
    private static final int SHOT_HEIGHT = 2600;

    @TempDir
    Path dir;

    @Test
    void demoReport() throws Exception {
        Path out = dir.resolve("demo");
        CliRun demo = CliRun.of("demo", "--out", out.toString(), "--quiet", "-e", "DEMO_DURATION=12s", "-e", "DEMO_HOLD=6s");
        assertThat(Files.exists(out.resolve("report.html"))).as(demo.toString()).isTrue();
        // Every chart of the "Over time" section, the per-endpoint percentiles included, is drawn within the shot.
        String driver = """
                <script>
                var pre = document.createElement('pre');
                pre.id = 'test-results';
                pre.textContent = JSON.stringify({ errors: window.__errors, bottoms: (window.__headroomCharts || []).map(function (u) {
                  return u.__container.id + ' ' + Math.round(u.root.getBoundingClientRect().bottom + window.scrollY); }) });
                document.body.appendChild(pre);
                </script>
                """;
        com.fasterxml.jackson.databind.JsonNode r = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Chromium.harnessResults(dir.resolve("instrumented.html"), Files.readString(out.resolve("report.html")), driver));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        java.util.List<String> bottoms = new java.util.ArrayList<>();
        r.get("bottoms").forEach(b -> bottoms.add(b.asText()));
        assertThat(bottoms).as("charts and where they end").anyMatch(b -> b.startsWith("chart-endpoint-percentiles "))
                .allSatisfy(b -> assertThat(Integer.parseInt(b.substring(b.indexOf(' ') + 1))).as(b).isLessThan(SHOT_HEIGHT));
        shoot(out.resolve("report.html"), DOCS.resolve("html-report.png"), SHOT_HEIGHT);
    }

    @Test
    void baselineReport() throws Exception {
        Path plan = Files.writeString(dir.resolve("quickstart.yaml"), DemoCommand.quickstartPlan());
        Path before = dir.resolve("before.json"), after = dir.resolve("after.json");
        try (DemoServer shop = DemoServer.start(DemoConfig.defaults())) {
            run(plan, shop, before);
            shop.faults().setAddedLatencyMillis(20);
            run(plan, shop, after);
        }
        Path html = dir.resolve("compare.html");
        CliRun report = CliRun.of("report", after.toString(), "--baseline", before.toString(), "--html", html.toString());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        shoot(html, DOCS.resolve("html-report-baseline.png"), 1900);
    }

    private static void run(Path plan, DemoServer shop, Path summary) {
        CliRun run = CliRun.of("run", "--accept-invalid-run", "--no-history", plan.toString(), "-e", "BASE_URL=" + shop.baseUrl(),
                "-e", "DEMO_DURATION=12s", "-e", "DEMO_HOLD=6s", "--quiet", "--json", summary.toString());
        assertThat(run.exitCode()).as(run.toString()).isIn(0, ExitCode.THRESHOLDS_CROSSED.code());
    }

    /** A {@code height}-pixel-tall screenshot at 1,280 wide; fails on a blank page (one colour throughout). */
    private static void shoot(Path page, Path png, int height) throws Exception {
        Chromium.screenshot(page, png, 1280, height);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(height);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < height; y += 7) for (int x = 0; x < 1280; x += 7) colours.add(image.getRGB(x, y));
        assertThat(colours.size()).as("distinct colours in " + png).isGreaterThan(50);
        System.out.println("wrote " + png.toAbsolutePath().normalize() + " (" + Files.size(png) + " bytes)");
    }
}
