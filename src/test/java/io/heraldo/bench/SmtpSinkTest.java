package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * The benchmarks' SMTP sink speaks ESMTP to the three kinds of client that write to it (Jakarta Mail, the Vert.x
 * mail client, the raw pipelining writer), unstuffs dots, and its options (capture, delay, refusals) do what they say.
 */
class SmtpSinkTest {

    @Test
    void jakartaMailDeliversAndDotsAreUnstuffed() throws Exception {
        try (SmtpSink sink = new SmtpSink(true)) {
            sink.capture("Reader@Example.test");
            try (Transport transport = session(sink).getTransport("smtp")) {
                transport.connect();
                MimeMessage message = new MimeMessage(session(sink));
                message.setFrom(new InternetAddress("ayuda@zboxapp.test"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.test"));
                message.setSubject("dots");
                message.setText("first line\n.starts with a dot\n..two dots\n.\nend\n", "US-ASCII");
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
                transport.sendMessage(message, new InternetAddress[] { new InternetAddress("other@example.test") });
            }
            assertThat(sink.messages()).isEqualTo(2);
            assertThat(sink.perRecipient()).containsEntry("reader@example.test", 1L).containsEntry("other@example.test", 1L);
            String captured = new String(sink.captured(), StandardCharsets.US_ASCII);
            assertThat(captured).contains("\r\nfirst line\r\n.starts with a dot\r\n..two dots\r\n.\r\nend\r\n")
                    .contains("To: reader@example.test\r\n").doesNotEndWith(".\r\n");
            assertThat(sink.bytes()).isEqualTo(2L * captured.length());
        }
    }

    @Test
    void vertxMailClientDeliversWithPipelining() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (SmtpSink sink = new SmtpSink(true)) {
            MailClient client = MailClient.createShared(vertx, new MailConfig().setHostname("127.0.0.1")
                    .setPort(sink.port()).setStarttls(StartTLSOptions.DISABLED).setLogin(LoginOption.DISABLED)
                    .setPipelining(true).setMaxPoolSize(2));
            for (int i = 0; i < 5; i++) {
                client.sendMail(new MailMessage().setFrom("ayuda@zboxapp.test").setTo(List.of("v" + i + "@example.test",
                        "w" + i + "@example.test")).setSubject("vertx " + i).setText(".dot\nline " + i))
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            assertThat(sink.messages()).isEqualTo(5);
            assertThat(sink.perRecipient()).hasSize(10).containsEntry("w4@example.test", 1L);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPipelinedGroupIsAnsweredInOrder() throws Exception {
        try (SmtpSink sink = new SmtpSink(); Socket socket = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("EHLO t\r\n").getBytes(StandardCharsets.US_ASCII));
            String greeting = read(in, "250 SIZE");
            assertThat(greeting).startsWith("220 ").contains("250-PIPELINING").contains("250-8BITMIME");
            // two whole transactions, the second one with a refused recipient, and QUIT in one packet
            out.write(("MAIL FROM:<a@t> SIZE=100\r\nRCPT TO:<b@t>\r\nRCPT TO:bad\r\nDATA\r\nSubject: x\r\n\r\n..x\r\n.\r\n"
                    + "RSET\r\nRCPT TO:<c@t>\r\nMAIL FROM:<a@t> SIZE=99999999999\r\nNOOP\r\nQUIT\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String replies = read(in, "221 ");
            assertThat(replies.lines().map(line -> line.substring(0, 3)).toList())
                    .containsExactly("250", "250", "501", "354", "250", "250", "503", "552", "250", "221");
            assertThat(sink.messages()).isEqualTo(1);
            assertThat(sink.bytes()).isEqualTo("Subject: x\r\n\r\n.x\r\n".length());
        }
    }

    @Test
    void rawWriterSendsTheTemplatePipelinedOrNot() throws Exception {
        try (SmtpSink sink = new SmtpSink(true)) {
            MailTemplate template = MailTemplate.plain(3_000);
            sink.capture("r7@bench.test");
            RawSmtpWriter.Result pipelined = new RawSmtpWriter("127.0.0.1", sink.port(), 3, "ayuda@zboxapp.test")
                    .send(template, 200, i -> "r" + i + "@bench.test");
            assertThat(pipelined.pipelined()).isTrue();
            assertThat(sink.messages()).isEqualTo(200);
            assertThat(sink.perRecipient()).hasSize(200).allSatisfy((address, count) -> assertThat(count).isEqualTo(1L));
            assertThat(new String(sink.captured(), StandardCharsets.US_ASCII)).contains("To: r7@bench.test\r\n")
                    .contains("Message-ID: <7-23456789abcdef0123456789abcdef@heraldo.test>\r\n").hasSize(template.size("r7@bench.test"));

            sink.reset();
            sink.pipelining(false);
            RawSmtpWriter.Result plain = new RawSmtpWriter("127.0.0.1", sink.port(), 2, "ayuda@zboxapp.test")
                    .send(template, 50, i -> "p" + i + "@bench.test");
            assertThat(plain.pipelined()).isFalse();
            assertThat(sink.messages()).isEqualTo(50);
        }
    }

    @Test
    void aTemplateReplacesOnlyToAndMessageIdAndStuffsDots() throws Exception {
        byte[] heraldoLike = ("Date: Mon, 1 Dec 2026 10:00:00 +0000\r\nFrom: ZBox <ayuda@zboxapp.test>\r\n"
                + "To: user1@bench.test\r\nMessage-ID: <abc.def@zboxapp.test>\r\nSubject: =?UTF-8?Q?Investigando?=\r\n"
                + "List-Unsubscribe: <https://x.test/u?t=1>,\r\n <mailto:u@x.test>\r\n\r\n.leading dot\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MailTemplate template = MailTemplate.of(heraldoLike);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        template.write(out, "user42@bench.test", 42);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(new String(heraldoLike, StandardCharsets.US_ASCII)
                .replace("user1@", "user42@").replace("<abc.def@", "<42-.def@").replace("\n.leading", "\n..leading"));
    }

    @Test
    void aDelayMakesASlowRelay() throws Exception {
        try (SmtpSink sink = new SmtpSink(false, 25)) {
            long start = System.nanoTime();
            new RawSmtpWriter("127.0.0.1", sink.port(), 1, "a@t").send(MailTemplate.plain(500), 8, i -> "d" + i + "@t");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(8 * 25));
            assertThat(sink.messages()).isEqualTo(8);
        }
    }

    @Test
    void refusalsAreTemporaryAndCounted() throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            sink.refuse(2);
            Session session = session(sink);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect();
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("ayuda@zboxapp.test"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.test"));
                message.setText("hello");
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                            .isInstanceOfSatisfying(SMTPSendFailedException.class,
                                    e -> assertThat(e.getReturnCode()).isEqualTo(451));
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
            assertThat(sink.refused()).isEqualTo(2);
            assertThat(sink.messages()).isEqualTo(1);

            sink.refuse(1, "421 4.3.2 closing");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
                socket.getOutputStream().write("HELO t\r\nMAIL FROM:<a@t>\r\nRCPT TO:<b@t>\r\nDATA\r\nx\r\n.\r\nNOOP\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(replies).endsWith("421 4.3.2 closing\r\n");
            }
            await().until(() -> sink.refused() == 3);
        }
    }

    @Test
    void connectionsAreServedInParallel() throws Exception {
        try (SmtpSink sink = new SmtpSink(false, 100)) {
            long start = System.nanoTime();
            new RawSmtpWriter("127.0.0.1", sink.port(), 8, "a@t").send(MailTemplate.plain(500), 8, i -> "c" + i + "@t");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(8 * 100));
            assertThat(sink.connectionsOpened()).isEqualTo(8);
            assertThat(sink.messages()).isEqualTo(8);
        }
    }

    private static Session session(SmtpSink sink) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(sink.port()));
        return Session.getInstance(props);
    }

    /** Reads until a line starting with {@code last} has arrived. */
    private static String read(InputStream in, String last) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return seen.toString(StandardCharsets.US_ASCII);
            }
            seen.write(b);
            String text = seen.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n") && (text.startsWith(last) || text.contains("\r\n" + last))) {
                return text;
            }
        }
    }
}
