package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** The batch fetch of headers and body starts, against a real IMAP server (GreenMail). */
class HeaderPrefetchTest {

    private GreenMail greenMail;
    private GreenMailUser user;

    @BeforeEach
    void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        user = greenMail.setUser(MailboxConnectionTest.ADDRESS, MailboxConnectionTest.ADDRESS,
                MailboxConnectionTest.PASSWORD);
    }

    @AfterEach
    void stopServer() {
        greenMail.stop();
    }

    @Test
    void oneExchangeGivesEachSmallMessageAsTheDeskReadsItAndLeavesLargeOnesToTheFolder() throws Exception {
        deliver("<small-1@example.test>", "Hola", "Unsubscribe\r\n\r\nGracias\r\n");
        deliver("<small-2@example.test>", "Status?", "Is the mail down?\r\n" + "x".repeat(100_000) + "\r\n");
        deliver("<large@example.test>", "Log", "Subscribe\r\n" + "y".repeat(HeaderPrefetch.LARGE) + "\r\n");
        try (MailboxConnection connection = MailboxConnection.open(MailboxConnectionTest.config(greenMail))) {
            Message[] batch = connection.inbox().getMessages();
            Map<Integer, byte[]> prefixes = HeaderPrefetch.of(connection.inbox(), batch);

            assertThat(prefixes).containsOnlyKeys(1, 2);
            for (int number : new int[] { 1, 2 }) {
                InboundMail prefetched = InboundMail.read(prefixes.get(number));
                InboundMail read = InboundMail.read(batch[number - 1]);
                assertThat(prefetched.key()).isEqualTo(read.key());
                assertThat(prefetched.sender()).isEqualTo(read.sender()).isEqualTo("ana@example.test");
                assertThat(prefetched.subject()).isEqualTo(read.subject());
                assertThat(prefetched.firstLine()).isEqualTo(read.firstLine());
            }
            assertThat(InboundMail.read(prefixes.get(1)).firstLine()).isEqualTo("Unsubscribe");
            // Only the start of a long text crosses the wire.
            assertThat(prefixes.get(2).length).isLessThan(InboundMail.PREFIX + 1_000);
            // Fetched without marking: \Seen is set only once a message is handled.
            assertThat(batch[0].isSet(Flags.Flag.SEEN)).isFalse();
        }
    }

    @Test
    void anEmptyBatchFetchesNothing() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(MailboxConnectionTest.config(greenMail))) {
            assertThat(HeaderPrefetch.of(connection.inbox(), new Message[0])).isEmpty();
        }
    }

    private void deliver(String messageId, String subject, String body) throws Exception {
        String raw = "From: Ana <ana@example.test>\r\nMessage-ID: " + messageId + "\r\nSubject: " + subject
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body;
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }
}
