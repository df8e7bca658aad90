package io.headroom.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way every output file of Headroom is written (JSON summary, HTML, JUnit XML, CSV, markdown), so that an
 * output never damages what is at its path and is never left half-written:
 *
 * <ul>
 *   <li>{@code -} (and {@code /dev/stdout}) is standard output: the caller's stream gets the bytes;</li>
 *   <li>a regular file (or a new one) is written to a temporary file in the same folder and renamed over it, so
 *       a reader sees the old content or the whole new one, never a truncated file; on failure the temporary
 *       file is deleted and the old content stays;</li>
 *   <li>a symbolic link is followed: the link stays, its target gets the content (by the same rename);</li>
 *   <li>a character device or a FIFO ({@code /dev/null}, {@code /dev/tty}, a named pipe, {@code /dev/fd/N}
 *       and other descriptor links under {@code /proc}) is written through, never replaced;</li>
 *   <li>a directory, a block device or a socket is refused.</li>
 * </ul>
 *
 * {@link #check} finds, before a run, what {@link #write} would fail on, so no load is sent for a result that
 * cannot be kept. Stateless and thread-safe; two writers of one path each rename a complete file, the last wins.
 */
public final class OutputFile {
    /** The path that means standard output. */
    public static final String STDOUT = "-";

    // Bounds the symbolic-link chain as the kernel does (ELOOP after 40), so a loop is an error, not a hang.
    private static final int MAX_LINKS = 40;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private OutputFile() {}

    /** What writes the content; it may be called once and must not close {@code out}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where the bytes of one output go, resolved from its path. */
    sealed interface Destination {
        /** Standard output. */
        record Stdout() implements Destination {}

        /** Opened and written in place: a device, a FIFO or a descriptor link. */
        record WriteThrough(Path path) implements Destination {}

        /** A regular file, existing or new, replaced by a rename; {@code path} is a link's final target. */
        record Replace(Path path) implements Destination {}
    }

    /** True when {@code file} means standard output: {@code -}, {@code /dev/stdout}, {@code /dev/fd/1}, {@code /proc/self/fd/1}. */
    public static boolean isStdout(Path file) {
        String name = file.toString();
        if (name.equals(STDOUT)) return true;
        String absolute = file.toAbsolutePath().normalize().toString();
        return absolute.equals("/dev/stdout") || absolute.equals("/dev/fd/1") || absolute.equals("/proc/self/fd/1");
    }

    /**
     * Checks, without writing anything, that {@link #write} can put a file at {@code file}: creates its missing
     * parent folders (as {@link #write} would need them), then refuses a directory, a block device or a socket, a
     * device or FIFO that this process may not write, and a folder in which no new file can be created (read-only,
     * not permitted, full of inodes). A FIFO is not opened (that would wait for a reader).
     *
     * @throws UnwritableOutputException with a message that starts with {@code file} and says what is wrong
     */
    public static void check(Path file) throws UnwritableOutputException {
        Objects.requireNonNull(file, "file");
        if (isStdout(file)) return;
        Destination destination = resolve(file);
        switch (destination) {
            case Destination.Stdout s -> { }
            case Destination.WriteThrough w -> {
                if (!Files.isWritable(w.path())) throw new UnwritableOutputException(file + " is not writable");
            }
            case Destination.Replace r -> {
                Path dir = folder(r.path());
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UnwritableOutputException(file + ": cannot create the folder " + dir + ": " + reason(e));
                }
                // A probe file is the only honest test: access(2) says yes to root on a read-only file system.
                Path probe = tempBeside(r.path());
                try {
                    Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                } catch (IOException e) {
                    throw new UnwritableOutputException(file + ": cannot create a file in " + dir + ": " + reason(e));
                } finally {
                    try {
                        Files.deleteIfExists(probe);
                    } catch (IOException ignored) {
                        // the folder took a file but will not give it back; write() will fail and say so
                    }
                }
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} as described on the class: never replaces what is not a regular
     * file, never leaves a truncated one. Creates missing parent folders.
     *
     * @param stdout where {@code -} goes (not closed; flushed); may be null when the caller never passes {@code -},
     *               then {@link System#out}
     * @throws IOException when the bytes could not all be written; a regular file then holds its old content
     */
    public static void write(Path file, OutputStream stdout, Content content) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Destination destination = isStdout(file) ? new Destination.Stdout() : resolve(file);
        switch (destination) {
            case Destination.Stdout s -> {
                OutputStream out = stdout != null ? stdout : System.out;
                content.writeTo(out);
                out.flush();
            }
            case Destination.WriteThrough w -> {
                // No CREATE, no TRUNCATE: a device or a pipe is written, never made; APPEND keeps what a shell
                // redirection behind a descriptor link (3>>file) already holds.
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(w.path(),
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND), 64 * 1024)) {
                    content.writeTo(out);
                    out.flush();
                }
            }
            case Destination.Replace r -> replace(r.path(), content);
        }
    }

    /** As {@link #write(Path, OutputStream, Content)}, text as UTF-8. */
    public static void writeString(Path file, OutputStream stdout, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(file, stdout, out -> out.write(bytes));
    }

    private static void replace(Path target, Content content) throws IOException {
        Files.createDirectories(folder(target));
        Path temp = tempBeside(target);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024)) {
                content.writeTo(out);
                out.flush();
                // On disk before the rename, so a crash after it cannot leave an empty file under the name.
                channel.force(false);
            }
            keepAttributes(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) Files.deleteIfExists(temp);
        }
    }

    /** The replacing file keeps the old one's permissions and owner (best effort: a user cannot give files away). */
    private static void keepAttributes(Path target, Path temp) {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) return;
        try {
            PosixFileAttributes old = view.readAttributes();
            Files.setPosixFilePermissions(temp, old.permissions());
            if (!old.owner().equals(Files.getOwner(temp))) Files.setOwner(temp, old.owner());
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // the new content matters more than the old mode
        }
    }

    private static Path tempBeside(Path target) {
        String name = target.getFileName().toString();
        return folder(target).resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                + ".headroom-tmp");
    }

    private static Path folder(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        return dir == null ? target.toAbsolutePath().getRoot() : dir;
    }

    /** Follows a link chain to what the bytes should go to; refuses what must not be written. */
    static Destination resolve(Path file) throws UnwritableOutputException {
        Path path = file.toAbsolutePath();
        for (int hops = 0; ; hops++) {
            if (descriptorLink(path)) {
                // /dev/fd/N, /proc/self/fd/N: the kernel's link to an open descriptor (a pipe, a terminal, a file a
                // shell redirected); renaming its target would steal the file from under the descriptor.
                if (Files.exists(path)) return new Destination.WriteThrough(path);
            }
            if (!Files.isSymbolicLink(path)) break;
            if (hops == MAX_LINKS) throw new UnwritableOutputException(file + ": too many levels of symbolic links");
            try {
                Path link = Files.readSymbolicLink(path);
                path = path.resolveSibling(link).toAbsolutePath();
            } catch (IOException e) {
                throw new UnwritableOutputException(file + ": cannot read the link: " + reason(e));
            }
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return new Destination.Replace(path);
        if (Files.isDirectory(path)) throw new UnwritableOutputException(file + " is a directory; give a file name");
        if (Files.isRegularFile(path)) return new Destination.Replace(path);
        int type = fileType(path);
        if (type == S_IFBLK) throw new UnwritableOutputException(file + " is a block device; refusing to write a report over it");
        if (type == S_IFSOCK) throw new UnwritableOutputException(file + " is a socket; give a file name");
        // S_IFCHR, S_IFIFO, or unknown (no unix view): written through, which is what the user asked of a device.
        return new Destination.WriteThrough(path);
    }

    private static boolean descriptorLink(Path absolute) {
        String p = absolute.normalize().toString();
        return p.startsWith("/proc/") || p.startsWith("/dev/fd/") || p.equals("/dev/stdout") || p.equals("/dev/stderr");
    }

    private static int fileType(Path path) {
        try {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return ((Integer) attributes.get("mode")) & S_IFMT;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return S_IFCHR;
        }
    }

    private static String reason(IOException e) {
        String detail = e.getMessage();
        if (e instanceof FileAlreadyExistsException) return "a file of that name appeared meanwhile";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return detail == null ? e.getClass().getSimpleName() : detail;
    }
}
