package io.headroom.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The coordinator pod's results, carried back in its log: after the run it prints the files of its output folder as a
 * zip, base64 in lines of {@value #LINE_CHARS} characters that start with {@value #PREFIX}, then one line
 * {@value #END}{@code <exit code>}. The CLI that follows the log relays every other line and decodes these. At most
 * {@link #MAX_ZIP_BYTES} (the kubelet rotates a container's log at 10 MiB by default): over it only the summary goes.
 */
public final class ResultBundle {
    /** The first characters of every bundle line. */
    public static final String PREFIX = "headroom-bundle:";
    /** The last line's first characters; the run's exit code follows. */
    public static final String END = "headroom-bundle-end:";
    static final int LINE_CHARS = 96;
    /** The largest zip sent whole; base64 makes it 4/3 as large in the log. */
    public static final int MAX_ZIP_BYTES = 6 * 1024 * 1024;
    /** The file always sent (when the run wrote it), even when the rest is too large. */
    public static final String SUMMARY = "summary.json";

    private ResultBundle() {}

    /** Prints the regular files directly in {@code dir} (sorted by name) and {@code exitCode} to {@code out}. */
    public static void print(Path dir, int exitCode, PrintStream out) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.filter(Files::isRegularFile).sorted().toList()) files.put(p.getFileName().toString(), Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        byte[] zip = zip(files);
        if (zip.length > MAX_ZIP_BYTES && files.containsKey(SUMMARY)) {
            out.println("headroom: WARNING: the reports come to " + zip.length + " bytes zipped, more than " + MAX_ZIP_BYTES
                    + " (docs/limits.md): only " + SUMMARY + " is sent back; rebuild the reports with 'headroom report'");
            zip = zip(Map.of(SUMMARY, files.get(SUMMARY)));
        }
        String text = Base64.getEncoder().encodeToString(zip);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < text.length(); i += LINE_CHARS) {
            lines.append(PREFIX).append(text, i, Math.min(text.length(), i + LINE_CHARS)).append('\n');
        }
        lines.append(END).append(exitCode).append('\n');
        out.print(lines);
        out.flush();
    }

    /** Decodes the base64 payloads of the bundle's lines (without their prefix) into file name → bytes. */
    public static Map<String, byte[]> decode(List<String> payloads) {
        byte[] zip = Base64.getDecoder().decode(String.join("", payloads));
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = Path.of(e.getName()).getFileName().toString(); // never a path out of the target folder
                files.put(name, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the coordinator's result bundle is corrupt", e);
        }
        return files;
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Splits a log into the lines to relay, the bundle's payloads and the exit code (null when the end never came). */
    public static final class Reader {
        private final List<String> payloads = new ArrayList<>();
        private Integer exitCode;

        /** Takes one log line; returns true when it belongs to the bundle (and is not to be shown). */
        public boolean accept(String line) {
            if (line.startsWith(PREFIX)) {
                payloads.add(line.substring(PREFIX.length()).strip());
                return true;
            }
            if (line.startsWith(END)) {
                try {
                    exitCode = Integer.parseInt(line.substring(END.length()).strip());
                } catch (NumberFormatException e) {
                    exitCode = null;
                }
                return true;
            }
            return false;
        }

        /** The run's exit code once the last line came, else null. */
        public Integer exitCode() {
            return exitCode;
        }

        /** The files, once {@link #exitCode()} is set. */
        public Map<String, byte[]> files() {
            return payloads.isEmpty() ? Map.of() : decode(payloads);
        }
    }
}
