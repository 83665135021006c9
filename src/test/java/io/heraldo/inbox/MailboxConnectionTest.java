package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The support mailbox's IMAP connection against a real IMAP server (GreenMail): folders, moves and IDLE. */
class MailboxConnectionTest {

    static final String ADDRESS = "ayuda@mailbox.test";
    static final String PASSWORD = "mailbox-password";

    private GreenMail greenMail;
    private GreenMailUser user;
    private ScheduledExecutorService nudger;

    @BeforeEach
    void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        user = greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
        nudger = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopServer() {
        nudger.shutdownNow();
        greenMail.stop();
    }

    /** The reader's configuration, read by SmallRye Config as the application reads it. */
    static InboxConfig config(GreenMail greenMail, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "heraldo.inbox.imap-host", "127.0.0.1",
                "heraldo.inbox.imap-port", Integer.toString(greenMail.getImap().getPort()),
                "heraldo.inbox.username", ADDRESS,
                "heraldo.inbox.password", PASSWORD,
                "heraldo.inbox.timeout", "10s"));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return new SmallRyeConfigBuilder().withMapping(InboxConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(InboxConfig.class);
    }

    static void deliver(GreenMailUser user, String messageId, String subject, String body) throws MessagingException {
        String raw = "From: ana@example.test\r\nMessage-ID: " + messageId + "\r\nSubject: " + subject
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void openingMakesTheFoldersItMovesToAndOpensTheInboxForWriting() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(config(greenMail,
                "heraldo.inbox.processed-folder", "Done/Handled", "heraldo.inbox.failed-folder", "Done/Broken"))) {
            assertThat(connection.processed().getFullName()).isEqualTo("Done/Handled");
            assertThat(connection.failed().getFullName()).isEqualTo("Done/Broken");
            assertThat(connection.processed().exists()).isTrue();
            assertThat(connection.failed().exists()).isTrue();
            assertThat(connection.inbox().isOpen()).isTrue();
            assertThat(connection.inbox().getMode()).isEqualTo(Folder.READ_WRITE);
        }
    }

    @Test
    void aMoveMarksTheMessagesSeenAndLeavesNothingBehind() throws Exception {
        deliver(user, "<one@example.test>", "One", "first");
        deliver(user, "<two@example.test>", "Two", "second");
        deliver(user, "<three@example.test>", "Three", "third");
        try (MailboxConnection connection = MailboxConnection.open(config(greenMail))) {
            Message[] all = connection.inbox().getMessages();
            connection.move(List.of(all[0], all[2]), connection.processed());
            connection.move(List.of(all[1]), connection.failed());
            connection.reselect();
            assertThat(connection.inbox().getMessageCount()).isZero();
            assertThat(subjects(connection.processed())).containsExactly("One", "Three");
            assertThat(subjects(connection.failed())).containsExactly("Two");
            assertThat(allSeen(connection.processed())).isTrue();
            assertThat(allSeen(connection.failed())).isTrue();
        }
    }

    @Test
    void aNudgeFromAnotherThreadEndsIdle() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(config(greenMail))) {
            assertThat(connection.idles()).as("GreenMail offers IDLE").isTrue();
            // Nudges of its own only after a minute: what ends this IDLE is the test's nudge.
            CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> idle(connection, 60_000));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                connection.nudge();
                return idle.isDone();
            });
            idle.get(1, TimeUnit.SECONDS);
        }
    }

    @Test
    void newMailEndsIdle() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(config(greenMail))) {
            CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> idle(connection, 60_000));
            // Mail until the IDLE ends: a message delivered before it began would not end it.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                deliver(user, RawMail.messageId(), "News", "new mail");
                return idle.isDone();
            });
            idle.get(1, TimeUnit.SECONDS);
            assertThat(connection.inbox().getMessageCount()).isPositive();
        }
    }

    @Test
    void noIdleOnceTheReaderStops() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(config(greenMail))) {
            long started = System.nanoTime();
            connection.idle(60_000, nudger, () -> false);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            // The connection is still usable: nothing is left waiting on it.
            assertThat(connection.inbox().getMessageCount()).isZero();
        }
    }

    private void idle(MailboxConnection connection, long nudgeAfterMillis) {
        try {
            connection.idle(nudgeAfterMillis, nudger, () -> true);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> subjects(Folder folder) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            List<String> subjects = new ArrayList<>();
            for (Message message : folder.getMessages()) {
                subjects.add(message.getSubject());
            }
            return subjects;
        } finally {
            folder.close(false);
        }
    }

    private static boolean allSeen(Folder folder) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            for (Message message : folder.getMessages()) {
                if (!message.isSet(Flags.Flag.SEEN)) {
                    return false;
                }
            }
            return folder.getMessageCount() > 0;
        } finally {
            folder.close(false);
        }
    }
}
