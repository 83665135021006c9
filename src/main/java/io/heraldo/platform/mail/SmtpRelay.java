package io.heraldo.platform.mail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * The mail relay as a queue served by a fixed number of SMTP connections, each on its own thread. A connection takes
 * the next mail as soon as it has handed over the one before, and with PIPELINING it sends the next mail's envelope
 * right behind the previous message's end: one round trip per mail. Every mail's future completes with the relay's
 * verdict; a connection that fails is dropped and opened again for the next mail.
 */
public final class SmtpRelay implements AutoCloseable {

    /** A connection idle this long is closed: relays drop idle clients (some after 30 s) anyway. */
    private static final Duration IDLE = Duration.ofSeconds(20);
    /** A reused connection idle this long may have been dropped by the relay: its first failure is not the mail's. */
    private static final Duration STALE = Duration.ofSeconds(5);

    public enum TlsMode {
        DISABLED, OPTIONAL, REQUIRED
    }

    /**
     * @param connections sessions kept open and used at once
     * @param timeout of connecting and of every read and write
     * @param heloName what Heraldo calls itself in EHLO
     */
    public record Settings(String host, int port, Optional<String> username, Optional<String> password,
            TlsMode startTls, int connections, Duration timeout, String heloName) {
    }

    private record Job(OutgoingMail mail, CompletableFuture<SmtpReply> verdict) {
    }

    private final Settings settings;
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public SmtpRelay(Settings settings) {
        this.settings = settings;
        for (int i = 0; i < settings.connections(); i++) {
            Thread thread = new Thread(this::serve, "heraldo-smtp-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues a mail; the future completes with the relay's verdict (code 0: no answer, try again later). */
    public CompletableFuture<SmtpReply> submit(OutgoingMail mail) {
        CompletableFuture<SmtpReply> verdict = new CompletableFuture<>();
        if (!running) {
            verdict.complete(SmtpReply.noAnswer("the mail relay client is stopping"));
            return verdict;
        }
        queue.add(new Job(mail, verdict));
        return verdict;
    }

    private void serve() {
        SmtpConnection connection = new SmtpConnection(settings);
        try {
            while (running) {
                Job job;
                try {
                    job = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (job == null) {
                    if (connection.isOpen() && connection.idleNanos() > IDLE.toNanos()) {
                        connection.close();
                    }
                    continue;
                }
                send(connection, job);
            }
        } finally {
            connection.close();
            Job left;
            while ((left = queue.poll()) != null) {
                left.verdict().complete(SmtpReply.noAnswer("the mail relay client stopped"));
            }
        }
    }

    /** Sends a job and, while mails keep coming, the ones after it on the same connection. */
    private void send(SmtpConnection connection, Job first) {
        if (connection.isOpen() && connection.hasUnsolicitedInput()) {
            connection.abort();
        }
        boolean reused = connection.isOpen();
        boolean stale = reused && connection.idleNanos() > STALE.toNanos();
        if (!connection.isOpen() && !open(connection, first)) {
            return;
        }
        Job current = first;
        Job next = null;
        boolean messageSent = false;
        try {
            if (connection.pipelining()) {
                connection.writeEnvelope(current.mail());
                connection.flush();
            }
            while (current != null) {
                messageSent = false;
                SmtpReply refusal = connection.pipelining() ? connection.envelopeReplies(current.mail())
                        : connection.envelopeStepByStep(current.mail());
                stale = false;
                if (refusal != null) {
                    current.verdict().complete(refusal);
                    // The next mail is the current one before its envelope is written: if the write fails, it is
                    // this mail that goes back to the queue, not lost.
                    current = queue.poll();
                    writeEnvelope(connection, current);
                    continue;
                }
                connection.writeMessage(current.mail());
                messageSent = true;
                next = connection.pipelining() ? queue.poll() : null;
                if (next != null) {
                    connection.writeEnvelope(next.mail());
                }
                connection.flush();
                current.verdict().complete(connection.read());
                messageSent = false;
                if (next != null) {
                    current = next;
                    next = null;
                } else {
                    current = queue.poll();
                    writeEnvelope(connection, current);
                }
            }
        } catch (IOException | RuntimeException e) {
            connection.abort();
            if (next != null) {
                // Its envelope went out but not its message: it was not delivered, so it goes first again.
                queue.addFirst(next);
            }
            // A connection that already carried a mail and fails before this one's message went (the relay closing
            // it when idle or after its messages per connection: a 421, the end of the stream, or a reset that
            // discarded the 421) delivered nothing of this mail. Only a connection opened for it counts as its own
            // failure, so a relay that refuses every new connection is not tried in a loop.
            boolean carriedBefore = reused || current != first;
            boolean closedUnderIt = stale || (carriedBefore && e instanceof IOException);
            if (current != null && closedUnderIt && !messageSent) {
                // The relay had dropped (or was closing) the idle connection: nothing of this mail reached it, so a
                // fresh connection takes it.
                queue.addFirst(current);
            } else if (current != null) {
                current.verdict().complete(SmtpReply.noAnswer(
                        (messageSent ? "no answer after the message was sent: " : "the relay connection failed: ")
                                + e.getMessage()));
            }
        }
    }

    /** With pipelining, a job's envelope goes out as soon as it is the current one. */
    private static void writeEnvelope(SmtpConnection connection, Job job) throws IOException {
        if (job != null && connection.pipelining()) {
            connection.writeEnvelope(job.mail());
            connection.flush();
        }
    }

    private boolean open(SmtpConnection connection, Job job) {
        try {
            SmtpReply hello = connection.open();
            if (hello.accepted()) {
                return true;
            }
            connection.close();
            job.verdict().complete(hello);
        } catch (IOException | RuntimeException e) {
            connection.abort();
            job.verdict().complete(SmtpReply.noAnswer("cannot reach the mail relay " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage()));
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(settings.timeout().toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.verdict().complete(SmtpReply.noAnswer("the mail relay client stopped"));
        }
    }
}
