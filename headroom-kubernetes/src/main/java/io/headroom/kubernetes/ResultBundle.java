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
    /**
     * The most a bundle's files may come to unzipped, and the most base64 the reader keeps: the CLI reads a pod's log,
     * and a log that is not the coordinator's (or a zip bomb) must not fill its memory.
     */
    public static final long MAX_UNZIPPED_BYTES = 256L * 1024 * 1024;
    static final long MAX_PAYLOAD_CHARS = MAX_ZIP_BYTES / 3L * 4 + 4L * LINE_CHARS;
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

    /**
     * Decodes the base64 payloads of the bundle's lines (without their prefix) into file name → bytes.
     *
     * @throws UncheckedIOException when they are not base64 of a zip, or unzip to more than {@link #MAX_UNZIPPED_BYTES}
     */
    public static Map<String, byte[]> decode(List<String> payloads) {
        return decode(payloads, MAX_UNZIPPED_BYTES);
    }

    static Map<String, byte[]> decode(List<String> payloads, long maxUnzippedBytes) {
        byte[] zip;
        try {
            zip = Base64.getDecoder().decode(String.join("", payloads));
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("the coordinator's result bundle is corrupt: " + e.getMessage(), e));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = Path.of(e.getName()).getFileName().toString(); // never a path out of the target folder
                byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUnzippedBytes - total + 1));
                total += content.length;
                if (total > maxUnzippedBytes) {
                    throw new IOException("the coordinator's result bundle unzips to more than " + maxUnzippedBytes
                            + " bytes (docs/limits.md)");
                }
                files.put(name, content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage().startsWith("the coordinator's")
                    ? e : new IOException("the coordinator's result bundle is corrupt", e));
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
        private long payloadChars;
        private boolean tooLarge;
        private Integer exitCode;
        /** Decoded on first use, after the end line. */
        private Map<String, byte[]> files;
        private String problem;

        /** Takes one log line; returns true when it belongs to the bundle (and is not to be shown). */
        public boolean accept(String line) {
            if (line.startsWith(PREFIX)) {
                String payload = line.substring(PREFIX.length()).strip();
                payloadChars += payload.length();
                if (payloadChars > MAX_PAYLOAD_CHARS) tooLarge = true; // kept no further, and not shown
                else payloads.add(payload);
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

        /**
         * The files, once {@link #exitCode()} is set; none when the bundle was larger than a coordinator sends
         * ({@link #MAX_ZIP_BYTES} zipped) or does not decode ({@link #problem()} says which).
         */
        public Map<String, byte[]> files() {
            decodeOnce();
            return files;
        }

        /** Why {@link #files()} is empty though bundle lines came, or null. */
        public String problem() {
            decodeOnce();
            return problem;
        }

        private void decodeOnce() {
            if (files != null) return;
            files = Map.of();
            if (tooLarge) {
                problem = "the result bundle in the coordinator's log is larger than " + MAX_ZIP_BYTES
                        + " bytes zipped, more than a coordinator sends (docs/limits.md): its files are not kept";
            } else if (!payloads.isEmpty()) {
                try {
                    files = decode(payloads);
                } catch (UncheckedIOException e) {
                    problem = e.getCause().getMessage();
                }
            }
        }
    }
}
