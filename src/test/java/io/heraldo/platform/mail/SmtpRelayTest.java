package io.heraldo.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The SMTP client against SMTP servers over real sockets: pipelined or not, refusing, dropping connections. */
class SmtpRelayTest {

    @Test
    void manyMailsGoPipelinedWhenTheServerOffersItAndArriveIntact() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(true); SmtpRelay relay = relay(server, 2)) {
            List<CompletableFuture<SmtpReply>> verdicts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                verdicts.add(relay.submit(mail("reader" + i + "@example.test", "Line one\r\n..a line that began with a dot\r\n")));
            }
            for (CompletableFuture<SmtpReply> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.SECONDS).code()).isEqualTo(250);
            }
            assertThat(server.messages()).hasSize(200)
                    .allMatch(message -> message.contains("\n.a line that began with a dot\n"));
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.pipelinedGroups()).as("commands sent in groups").isGreaterThan(200);
            assertThat(server.violation()).isNull();
        }
    }

    @Test
    void aServerWithoutPipeliningGetsOneCommandAtATime() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false); SmtpRelay relay = relay(server, 2)) {
            List<CompletableFuture<SmtpReply>> verdicts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                verdicts.add(relay.submit(mail("reader" + i + "@example.test", "Hello\r\n")));
            }
            for (CompletableFuture<SmtpReply> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.SECONDS).code()).isEqualTo(250);
            }
            assertThat(server.violation()).isNull();
            assertThat(server.messages()).hasSize(20);
        }
    }

    @Test
    void refusalsArePerMailAndTheConnectionGoesOn() throws Exception {
        for (boolean pipelining : List.of(true, false)) {
            try (ScriptedSmtpServer server = new ScriptedSmtpServer(pipelining); SmtpRelay relay = relay(server, 1)) {
                server.answerRcpt("gone@example.test", "550 5.1.1 no such user");
                server.answerRcpt("full@example.test", "452 4.2.2 mailbox full");
                CompletableFuture<SmtpReply> before = relay.submit(mail("one@example.test", "a\r\n"));
                CompletableFuture<SmtpReply> gone = relay.submit(mail("gone@example.test", "b\r\n"));
                CompletableFuture<SmtpReply> full = relay.submit(mail("full@example.test", "c\r\n"));
                CompletableFuture<SmtpReply> after = relay.submit(mail("two@example.test", "d\r\n"));

                assertThat(before.get(10, TimeUnit.SECONDS).accepted()).isTrue();
                SmtpReply refused = gone.get(10, TimeUnit.SECONDS);
                assertThat(refused.code()).isEqualTo(550);
                assertThat(refused.permanent()).isTrue();
                SmtpReply busy = full.get(10, TimeUnit.SECONDS);
                assertThat(busy.code()).isEqualTo(452);
                assertThat(busy.permanent()).isFalse();
                assertThat(after.get(10, TimeUnit.SECONDS).accepted()).as("pipelining " + pipelining).isTrue();
                assertThat(server.messages()).hasSize(2);
                assertThat(server.connections()).isEqualTo(1);
            }
        }
    }

    @Test
    void aDroppedConnectionFailsOnlyTheMailInFlightAndTheNextGoesOnAFreshOne() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(true); SmtpRelay relay = relay(server, 1)) {
            server.dropAfter(1);
            SmtpReply first = relay.submit(mail("first@example.test", "1\r\n")).get(10, TimeUnit.SECONDS);
            // The server got it but hung up before answering: Heraldo cannot know, and tries again later.
            assertThat(first.code()).isZero();
            assertThat(first.permanent()).isFalse();
            server.dropAfter(Integer.MAX_VALUE);
            assertThat(relay.submit(mail("second@example.test", "2\r\n")).get(10, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(server.messages()).hasSize(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionTheRelayClosedWhileIdleIsReplacedWithoutFailingTheNextMail() throws Exception {
        assertTheNextMailGoesOnAFreshConnectionAfter(ScriptedSmtpServer::closeIdleConnections);
    }

    @Test
    void aConnectionResetWhileIdleIsReplacedWithoutFailingTheNextMail() throws Exception {
        assertTheNextMailGoesOnAFreshConnectionAfter(ScriptedSmtpServer::resetConnections);
    }

    /** One mail, then the relay does {@code drop} to the idle connection: the next mail is accepted on a new one. */
    private void assertTheNextMailGoesOnAFreshConnectionAfter(Drop drop) throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(true); SmtpRelay relay = relay(server, 1)) {
            assertThat(relay.submit(mail("first@example.test", "1\r\n")).get(10, TimeUnit.SECONDS).accepted()).isTrue();
            drop.apply(server);
            assertThat(relay.submit(mail("second@example.test", "2\r\n")).get(10, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(server.messages()).hasSize(2);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    private interface Drop {
        void apply(ScriptedSmtpServer server) throws IOException;
    }

    /**
     * The relay takes two messages per connection and closes it with a 421 at the third's envelope, which was already
     * written behind the second: nothing of it was delivered, so it goes on a fresh connection instead of failing.
     * (Seen as a race of the idle-close test: the next mail queued before the 421 arrived.)
     */
    @Test
    void aMailQueuedBehindOneAfterWhichTheRelayClosesGoesOnAFreshConnection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(true); SmtpRelay relay = relay(server, 1)) {
            server.messagesPerConnection(2);
            List<CompletableFuture<SmtpReply>> verdicts = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                verdicts.add(relay.submit(mail("r" + i + "@example.test", i + "\r\n")));
            }
            for (CompletableFuture<SmtpReply> verdict : verdicts) {
                assertThat(verdict.get(10, TimeUnit.SECONDS).accepted()).isTrue();
            }
            assertThat(server.messages()).hasSize(5);
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void anUnreachableRelayIsAnAnswerToTryAgainNotAnError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SmtpRelay relay = new SmtpRelay(new SmtpRelay.Settings("127.0.0.1", closedPort, Optional.empty(),
                Optional.empty(), SmtpRelay.TlsMode.DISABLED, 1, Duration.ofSeconds(2), "test.local"))) {
            SmtpReply reply = relay.submit(mail("x@example.test", "x\r\n")).get(10, TimeUnit.SECONDS);
            assertThat(reply.accepted()).isFalse();
            assertThat(reply.permanent()).isFalse();
            assertThat(reply.text()).contains("cannot reach the mail relay");
        }
    }

    @Test
    void aMessageWrittenByAnyLibraryIsDotStuffedAndEndsWithALineBreak() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        OutgoingMail.dotStuffed(".first\r\nmiddle\r\n.\r\nlast".getBytes(StandardCharsets.US_ASCII)).writeTo(out);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("..first\r\nmiddle\r\n..\r\nlast\r\n");
    }

    private static SmtpRelay relay(ScriptedSmtpServer server, int connections) {
        return new SmtpRelay(new SmtpRelay.Settings("127.0.0.1", server.port(), Optional.empty(), Optional.empty(),
                SmtpRelay.TlsMode.OPTIONAL, connections, Duration.ofSeconds(5), "test.local"));
    }

    private static OutgoingMail mail(String to, String body) {
        byte[] bytes = ("To: " + to + "\r\nSubject: test\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        return new OutgoingMail("status@example.test", List.of(to), out -> out.write(bytes));
    }
}
