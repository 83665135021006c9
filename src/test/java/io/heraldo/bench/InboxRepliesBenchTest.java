package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.heraldo.inbox.InboxReader;
import io.heraldo.site.PageSnapshots;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Support mailbox benchmark (docs/benchmarks.md): 5,000 questions from 5,000 senders waiting in the inbox during an
 * open incident; the time from the reader's start until every sender's status reply was accepted by the SMTP server.
 * <p>
 * {@code ./mvnw -B -Pbench test -Dtest=InboxRepliesBenchTest} ({@code -Dbench.messages=} for another count)
 */
@Tag("bench")
@QuarkusTest
class InboxRepliesBenchTest {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    InboxReader reader;

    @Inject
    PageSnapshots snapshots;

    @Inject
    DataSource dataSource;

    @Test
    void everySenderGetsItsReply() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        openIncident(tag);
        reader.stop();
        GreenMailUser inbox = greenMail.getUserManager().getUserByEmail(HeraldoServers.INBOX_ADDRESS);
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < MESSAGES; i++) {
            inbox.deliver(new MimeMessage(session, new ByteArrayInputStream(question(tag, i).getBytes(StandardCharsets.UTF_8))));
        }

        long started = System.nanoTime();
        reader.start();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> replied(tag) >= MESSAGES);
        double seconds = (System.nanoTime() - started) / 1e9;
        await().atMost(Duration.ofMinutes(2)).until(() -> moved(tag));
        double movedSeconds = (System.nanoTime() - started) / 1e9;

        for (int i = 0; i < MESSAGES; i += Math.max(1, MESSAGES / 100)) {
            GreenMailUser sender = greenMail.getUserManager().getUserByEmail(sender(tag, i));
            assertThat(sender).as("a reply to sender %d", i).isNotNull();
        }
        String figures = String.format(Locale.ROOT, """
                questions waiting:            %,d (one per sender, during an open incident)
                until every reply was sent:   %.2f s (%,.0f replies/s)
                until all were moved:         %.2f s
                """, MESSAGES, seconds, MESSAGES / seconds, movedSeconds);
        System.out.println(figures);
        Path out = Path.of("target", "bench", "inbox-replies.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
        assertThat(replied(tag)).isEqualTo(MESSAGES);
    }

    private static String sender(String tag, int i) {
        return "bench-" + tag + "-" + i + "@sender.example.test";
    }

    private static String question(String tag, int i) {
        return """
                From: %s\r
                To: ayuda@zboxapp.test\r
                Subject: ¿Está caído el correo?\r
                Message-ID: <bench-%s-%d@sender.example.test>\r
                Date: Tue, 24 Nov 2026 12:00:00 -0300\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                No me llegan los correos desde esta mañana. ¿Qué pasa?\r
                """.formatted(sender(tag, i), tag, i);
    }

    private long replied(String tag) throws Exception {
        return count("select count(*) from inbox_message where message_key like ? and outcome = 'replied'", tag);
    }

    private boolean moved(String tag) throws Exception {
        return greenMail.getUserManager().getUserByEmail(HeraldoServers.INBOX_ADDRESS) != null
                && count("select count(*) from inbox_message where message_key like ? and state = 'handled'", tag) >= MESSAGES
                && inboxEmpty();
    }

    private boolean inboxEmpty() throws Exception {
        var store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), HeraldoServers.INBOX_ADDRESS, HeraldoServers.INBOX_PASSWORD);
        try {
            var folder = store.getFolder("INBOX");
            return folder.getMessageCount() == 0;
        } finally {
            store.close();
        }
    }

    private long count(String sql, String tag) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "<bench-" + tag + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void openIncident(String tag) {
        String id = "inc-bench-inbox-" + tag;
        TestKafka.publishStructured(id, """
                {"specversion": "1.0", "id": "evt-%1$s", "source": "/bench/inbox", "type": "incident.opened",
                 "subject": "%1$s", "time": "2026-11-24T12:00:00-03:00", "datacontenttype": "application/json",
                 "data": {"incident": {"id": "%1$s", "title": "Lentitud en el envío de correos", "status": "investigating",
                                       "impact": "major", "components": {}},
                          "update": {"body": "Estamos investigando demoras en el envío de correos."}}}""".formatted(id));
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshots.current().unresolvedIncidents().stream()
                .anyMatch(i -> i.id().equals(id)));
    }
}
