package io.heraldo.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@code postmaster.pid} in a data directory: while a server runs there, its first line is the
 * postmaster's process id and its second the data directory it serves. The server removes it when it stops; a file
 * left behind names either a server still running or a process id the system may have given to anything since.
 */
record PostmasterPidFile(long pid, Path dataDirectory) {

    static final String NAME = "postmaster.pid";

    /** The pid file of {@code dataDir}, or empty when there is none (no server) or it cannot be read as one. */
    static Optional<PostmasterPidFile> read(Path dataDir) {
        try {
            return parse(Files.readAllLines(dataDir.resolve(NAME)));
        } catch (IOException | RuntimeException noneOrUnreadable) {
            return Optional.empty();
        }
    }

    static Optional<PostmasterPidFile> parse(List<String> lines) {
        if (lines.size() < 2 || lines.get(1).isBlank()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            return pid > 0 ? Optional.of(new PostmasterPidFile(pid, Path.of(lines.get(1).trim()))) : Optional.empty();
        } catch (RuntimeException notAPidFile) {
            return Optional.empty();
        }
    }

    /** Whether the file says it serves {@code dataDir} (a real path), after resolving links and {@code ..}. */
    boolean serves(Path dataDir) {
        try {
            return dataDirectory.toRealPath().equals(dataDir);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
