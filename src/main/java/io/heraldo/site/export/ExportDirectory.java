package io.heraldo.site.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.heraldo.site.SitePart;
import io.heraldo.site.SitePaths;

/**
 * Files of the static copy, each replaced whole: written to a temporary file in the same directory, flushed to disk,
 * then renamed over the old one ({@code ATOMIC_MOVE}). A web server serving the directory, or a second replica
 * writing it at the same time, only ever sees a complete old file or a complete new one. A file whose bytes did not
 * change is left alone, so its time stamp still says when it last changed (rsync and caches rely on that).
 * <p>
 * A path with a segment that is not a {@link SitePaths#safeSegment} (an incident id {@code ..} or {@code .tmp-x})
 * is not written but skipped and listed in {@link #skipped()}, so one such id costs its own pages and not the rest
 * of the copy.
 */
public final class ExportDirectory implements SitePart.SiteFiles {

    /** Temporary files start with this: a dot file, which publishing should skip (see the README). */
    static final String TEMPORARY_PREFIX = ".tmp-";
    /** The export's own files at the top of the directory, which no site path can name (they start with a dot). */
    static final String BOOKKEEPING_PREFIX = ".heraldo-";
    /** Readable by the web server: a temporary file is created owner-only. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final List<String> skipped = new ArrayList<>();
    private int written;
    private int unchanged;

    public ExportDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String path, byte[] content) throws IOException {
        if (!sitePath(path)) {
            skipped.add(path);
            return;
        }
        write(resolve(path), content);
    }

    /** One of the export's own files ({@code .heraldo-revision}), at the top of the directory. */
    void putBookkeeping(String name, byte[] content) throws IOException {
        if (!name.startsWith(BOOKKEEPING_PREFIX) || name.contains("/") || !sitePath(name.substring(1))) {
            throw new FileSystemException(name, null, "not a bookkeeping file of the export");
        }
        write(resolve(name), content);
    }

    private void write(Path target, byte[] content) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (Files.isRegularFile(target) && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content)) {
            unchanged++;
            return;
        }
        Path temporary = Files.createTempFile(parent, TEMPORARY_PREFIX + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the rename, so a crash cannot leave an empty file under the real name.
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(temporary, READABLE);
            } catch (UnsupportedOperationException notPosix) {
                // other file systems keep their default permissions
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written++;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** How many files this export replaced, and how many it found already up to date. */
    public int written() {
        return written;
    }

    public int unchanged() {
        return unchanged;
    }

    /** The paths given that were not site paths, so not written, in the order given. */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** A relative path of {@code /}-separated {@link SitePaths#safeSegment safe segments}. */
    static boolean sitePath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SitePaths.safeSegment(segment)) {
                return false;
            }
        }
        return true;
    }

    /** A checked path inside the root; the last guard against leaving it. */
    private Path resolve(String path) throws IOException {
        Path target = root;
        for (String segment : path.split("/", -1)) {
            target = target.resolve(segment);
        }
        if (!target.normalize().equals(target) || !target.startsWith(root)) {
            throw new FileSystemException(path, null, "outside the export directory");
        }
        return target;
    }
}
