package io.heraldo.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * A parent-death watch for the embedded PostgreSQL: pg_ctl starts the postmaster in a session of its own, so it does
 * not die with the JVM, and Java cannot ask the kernel for a signal when its parent dies. Without the watch a
 * SIGKILLed Heraldo (the OOM killer, {@code kill -9}) leaves PostgreSQL running on its data directory.
 * <p>
 * The watch is a shell started beside the server that blocks reading its standard input, a pipe whose only writer is
 * this JVM: the read returns the moment the JVM is gone, however it went (no pid to poll, none the system could give
 * to another process meanwhile). The shell then sends the postmaster SIGINT, PostgreSQL's fast shutdown, if the data
 * directory's {@code postmaster.pid} still names it. A normal stop stops the server first and then closes the pipe: the
 * pid file is gone by then and the shell just ends. It ignores SIGINT and SIGHUP, so a Ctrl-C in a terminal (sent to
 * the whole process group) leaves it to see the JVM's own orderly stop through.
 */
final class PostmasterWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostmasterWatch.class);

    /** The watch's {@code $0}: how it shows in a process list. */
    static final String NAME = "heraldo-postgres-watch";

    private static final String SCRIPT = """
            trap '' INT HUP
            read -r ignored
            first=''
            { read -r first < "$1"; } 2>/dev/null
            if [ "$first" = "$2" ]; then kill -s INT "$2"; fi
            """;

    private final Process process;

    private PostmasterWatch(Process process) {
        this.process = process;
    }

    /**
     * Starts watching for the end of this JVM; {@code null} (and a warning) where no POSIX shell runs, so PostgreSQL
     * still starts.
     *
     * @param pidFile the data directory's {@code postmaster.pid}
     * @param postmaster the pid it names now
     */
    static PostmasterWatch start(Path pidFile, long postmaster) {
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT, NAME, pidFile.toString(),
                    Long.toString(postmaster))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new PostmasterWatch(process);
        } catch (IOException e) {
            LOG.warnf("No watch on the embedded PostgreSQL (%s): if this JVM is killed, the next start stops it",
                    e.getMessage());
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Ends the watch: after the server stopped, so it has nothing left to stop. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
