package io.headroom.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What a PDF that Chromium (Skia) printed paints, read just far enough for a test: the RGB fill colours of its
 * content streams ({@code r g b rg}) and its 8-bit images with their soft masks (a printed canvas is one).
 * Not a PDF parser: Skia's output only (uncompressed object headers, Flate streams).
 */
record PrintedPdf(List<double[]> fills, List<Image> images) {
    private static final Pattern STREAM = Pattern.compile(
            "(\\d+) 0 obj\\s*<<((?:(?!endobj).)*?)>>\\s*stream\\r?\\n", Pattern.DOTALL);
    private static final Pattern FILL = Pattern.compile("(?<![\\w.])([\\d.]+) ([\\d.]+) ([\\d.]+) rg\\b");

    /** An image: {@code rgb} 3 bytes a pixel, {@code alpha} one (255 when it has no mask). */
    record Image(int width, int height, byte[] rgb, byte[] alpha) {
        /** Pixels that show (alpha above 0) within 8 of one of {@code colours} (each {@code #rrggbb}) in every channel. */
        int pixelsIn(List<String> colours) {
            int[][] wanted = colours.stream().map(c -> new int[]{Integer.parseInt(c.substring(1, 3), 16),
                    Integer.parseInt(c.substring(3, 5), 16), Integer.parseInt(c.substring(5, 7), 16)}).toArray(int[][]::new);
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if ((alpha[i] & 0xff) == 0) continue;
                int r = rgb[3 * i] & 0xff, g = rgb[3 * i + 1] & 0xff, b = rgb[3 * i + 2] & 0xff;
                for (int[] w : wanted) {
                    if (Math.abs(r - w[0]) < 8 && Math.abs(g - w[1]) < 8 && Math.abs(b - w[2]) < 8) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        }
    }

    static PrintedPdf read(Path pdf) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        record Raw(String header, byte[] data) {}
        Map<Integer, Raw> streams = new HashMap<>();
        Matcher m = STREAM.matcher(text);
        while (m.find()) {
            String header = m.group(2);
            Matcher length = Pattern.compile("/Length (\\d+)").matcher(header);
            if (!length.find()) continue;
            int start = m.end();
            int end = Math.min(bytes.length, start + Integer.parseInt(length.group(1)));
            byte[] data = java.util.Arrays.copyOfRange(bytes, start, end);
            if (header.contains("/FlateDecode")) data = inflate(data);
            streams.put(Integer.parseInt(m.group(1)), new Raw(header, data));
        }
        List<double[]> fills = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        for (Raw s : streams.values()) {
            if (s.header().contains("/Subtype /Image")) {
                if (s.header().contains("/DeviceGray") || !s.header().contains("/BitsPerComponent 8")) continue;
                int w = intField(s.header(), "Width"), h = intField(s.header(), "Height");
                if (s.data().length < 3 * w * h) continue;
                byte[] alpha = new byte[w * h];
                java.util.Arrays.fill(alpha, (byte) 255);
                Matcher mask = Pattern.compile("/SMask (\\d+) 0 R").matcher(s.header());
                if (mask.find() && streams.containsKey(Integer.parseInt(mask.group(1)))) {
                    alpha = streams.get(Integer.parseInt(mask.group(1))).data();
                }
                images.add(new Image(w, h, s.data(), alpha));
            } else if (s.data() != null) {
                Matcher f = FILL.matcher(new String(s.data(), StandardCharsets.ISO_8859_1));
                while (f.find()) {
                    fills.add(new double[]{Double.parseDouble(f.group(1)), Double.parseDouble(f.group(2)),
                            Double.parseDouble(f.group(3))});
                }
            }
        }
        return new PrintedPdf(fills, images);
    }

    /** Fill colours whose hue (degrees), saturation and lightness (0..1, HSL) lie in the ranges given. */
    long fillsWithHsl(double hueFrom, double hueTo, double minSaturation, double lightFrom, double lightTo) {
        return fills.stream().filter(c -> {
            double max = Math.max(c[0], Math.max(c[1], c[2])), min = Math.min(c[0], Math.min(c[1], c[2]));
            double light = (max + min) / 2, d = max - min;
            if (d == 0) return false;
            double sat = d / (1 - Math.abs(2 * light - 1));
            double hue = max == c[0] ? 60 * (((c[1] - c[2]) / d) % 6) : max == c[1] ? 60 * ((c[2] - c[0]) / d + 2)
                    : 60 * ((c[0] - c[1]) / d + 4);
            if (hue < 0) hue += 360;
            return hue >= hueFrom && hue <= hueTo && sat >= minSaturation && light >= lightFrom && light <= lightTo;
        }).count();
    }

    private static int intField(String header, String name) {
        Matcher m = Pattern.compile("/" + name + " (\\d+)").matcher(header);
        if (!m.find()) throw new AssertionError("no /" + name + " in " + header);
        return Integer.parseInt(m.group(1));
    }

    private static byte[] inflate(byte[] data) {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
