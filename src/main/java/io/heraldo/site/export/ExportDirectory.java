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
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

import io.heraldo.site.SitePart;

/**
 * Files of the static copy, each replaced whole: written to a temporary file in the same directory, flushed to disk,
 * then renamed over the old one ({@code ATOMIC_MOVE}). A web server serving the directory, or a second replica
 * writing it at the same time, only ever sees a complete old file or a complete new one. A file whose bytes did not
 * change is left alone, so its time stamp still says when it last changed (rsync and caches rely on that).
 */
public final class ExportDirectory implements SitePart.SiteFiles {

    /** Temporary files start with this: a dot file, which publishing should skip (see the README). */
    static final String TEMPORARY_PREFIX = ".tmp-";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._:@+-]+");
    /** Readable by the web server: a temporary file is created owner-only. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private int written;
    private int unchanged;

    public ExportDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String path, byte[] content) throws IOException {
        Path target = resolve(path);
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

    /**
     * A part's path inside the root: {@code /}-separated segments of letters, digits and {@code ._:@+-}, none of
     * them {@code .} or {@code ..}, none starting with the temporary prefix.
     */
    Path resolve(String path) throws IOException {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new FileSystemException(String.valueOf(path), null, "not a relative file path of the site");
        }
        Path target = root;
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")
                    || segment.startsWith(TEMPORARY_PREFIX)) {
                throw new FileSystemException(path, null, "not a relative file path of the site");
            }
            target = target.resolve(segment);
        }
        if (!target.normalize().startsWith(root)) {
            throw new FileSystemException(path, null, "outside the export directory");
        }
        return target;
    }
}
