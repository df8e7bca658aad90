package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.core.result.RunResult;
import io.headroom.demo.DemoConfig;
import io.headroom.demo.DemoServer;
import io.headroom.profiler.flame.CollapsedStacks;
import io.headroom.profiler.flame.FlameGraphHtml;
import io.headroom.profiler.flame.FrameTrie;
import io.headroom.report.HtmlReport;
import io.headroom.report.JsonSummary;
import io.headroom.report.ReportBlock;
import io.headroom.report.ReportSection;
import io.headroom.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report with a flame graph, printed to PDF by headless Chromium as a user would ({@code --print-to-pdf}):
 * every chart is in the PDF with its series drawn, and so are the flame graph's frames (background colours,
 * which printing leaves out unless the page asks to keep them).
 */
class HtmlReportPrintTest {
    /** report.js's series colours. */
    private static final List<String> SERIES_COLOURS = List.of("#3652d9", "#12805c", "#c4320a", "#a15c07", "#7a3fd1",
            "#0f7c90", "#c2185b", "#5d6b82");
    private static final String DRIVER = """
            <script>
            var pre = document.createElement('pre');
            pre.id = 'test-results';
            pre.textContent = JSON.stringify({ errors: window.__errors, charts: (window.__headroomCharts || []).length });
            document.body.appendChild(pre);
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void printedReportShowsEveryChartAndTheFlameGraph() throws Exception {
        Path summary = dir.resolve("summary.json");
        try (DemoServer demo = DemoServer.start(DemoConfig.defaults())) {
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, """
                    name: print-check
                    baseUrl: ${ENV:BASE_URL}
                    scenarios:
                      shop:
                        executor: constant-vus
                        vus: 2
                        duration: 2s
                        flow:
                          - get: /products?limit=5
                            name: products
                    """);
            CliRun run = CliRun.of("run", "--accept-invalid-run", plan.toString(), "-e", "BASE_URL=" + demo.baseUrl(), "--quiet",
                    "--json", summary.toString());
            assertThat(run.exitCode()).as(run.toString()).isZero();
        }
        RunResult result = JsonSummary.read(summary);
        FrameTrie trie = FrameTrie.of(CollapsedStacks.parse(new StringReader(
                "main;app.Shop.serve;app.Catalogue.rank 70\nmain;app.Shop.serve;java.util.HashMap.get 20\nmain;app.Log.write 10\n")));
        ReportSection profile = new ReportSection("target-profile", "Target profile", List.of(
                new ReportBlock.Heading("Flame graph"),
                new ReportBlock.EmbeddedPage("flame", "target flame graph", FlameGraphHtml.render(trie, "target"))));
        String page = HtmlReport.render(result, List.of(), List.of(profile));
        Path html = dir.resolve("report.html");
        Files.writeString(html, page);

        JsonNode r = new ObjectMapper().readTree(Chromium.harnessResults(dir.resolve("instrumented.html"), page, DRIVER));
        assertThat(r.get("errors")).as(r.toString()).isEmpty();
        int charts = r.get("charts").asInt();
        assertThat(charts).as("uPlot charts on the page").isGreaterThanOrEqualTo(5);

        Path pdfFile = dir.resolve("report.pdf");
        Chromium.printToPdf(html, pdfFile, 1280);
        PrintedPdf pdf = PrintedPdf.read(pdfFile);
        // Each chart's canvas is an image in the PDF, with its lines in the series colours.
        List<Integer> drawn = pdf.images().stream().filter(i -> i.width() >= 300)
                .map(i -> i.pixelsIn(SERIES_COLOURS)).toList();
        assertThat(drawn).as("series pixels per chart image").hasSize(charts).allSatisfy(n -> assertThat(n).isGreaterThan(50));
        // The flame graph's application frames: orange backgrounds (hue 8-48°, saturation 75-95 %, lightness 55-69 %).
        assertThat(pdf.fillsWithHsl(7, 49, 0.7, 0.54, 0.70)).as("flame graph frames in the PDF").isGreaterThanOrEqualTo(3);

        // Captured full-page, as a screenshot tool does (one window as tall as the page, nothing scrolled): the flame
        // graph's frames are drawn too, and only there (the same page without the profile has none).
        assertThat(flamePixels(html)).as("flame graph frame pixels in a full-page capture").isGreaterThan(2_000);
        Path plain = dir.resolve("plain.html");
        Files.writeString(plain, HtmlReport.render(result, List.of(), List.of()));
        assertThat(flamePixels(plain)).as("the same colours without a flame graph").isLessThan(200);
    }

    /** Pixels of a 1280 × 9000 capture of {@code page} in the flame graph's application-frame colours. */
    private int flamePixels(Path page) throws Exception {
        Path png = dir.resolve(page.getFileName() + ".png");
        Chromium.screenshot(page, png, 1280, 9000);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        int n = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                double max = Math.max(r, Math.max(g, b)) / 255.0, min = Math.min(r, Math.min(g, b)) / 255.0;
                double light = (max + min) / 2, d = max - min;
                if (d == 0) continue;
                double sat = d / (1 - Math.abs(2 * light - 1));
                java.awt.Color.RGBtoHSB(r, g, b, hsb);
                double hue = hsb[0] * 360;
                if (hue >= 7 && hue <= 49 && sat >= 0.7 && light >= 0.54 && light <= 0.70) n++;
            }
        }
        return n;
    }
}
