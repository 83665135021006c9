package io.heraldo.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.SendResult;
import io.heraldo.platform.mail.SmtpReply;

/** How the relay's answers become outcomes: what will not pass is never retried. */
class EmailChannelTest {

    @Test
    void aRefusedRecipientIsAPermanentFailure() {
        assertThat(EmailChannel.result(new SmtpReply(550, "5.1.1 user unknown")))
                .isInstanceOfSatisfying(SendResult.Failed.class, f -> assertThat(f.statusCode()).isEqualTo(550));
    }

    @Test
    void aTemporaryRefusalIsRetried() {
        assertThat(EmailChannel.result(new SmtpReply(451, "4.7.1 try again later")))
                .isInstanceOfSatisfying(SendResult.Retry.class, r -> assertThat(r.statusCode()).isEqualTo(451));
    }

    @Test
    void aRejectedMessageIsPermanentAndAFullMailboxAfterDataIsRetried() {
        assertThat(EmailChannel.result(new SmtpReply(554, "5.6.0 message refused"))).isInstanceOf(SendResult.Failed.class);
        assertThat(EmailChannel.result(new SmtpReply(452, "4.2.2 mailbox full"))).isInstanceOf(SendResult.Retry.class);
    }

    @Test
    void aLostConnectionIsRetried() {
        assertThat(EmailChannel.result(new SmtpReply(0, "cannot reach the mail relay 127.0.0.1:25: Connection refused")))
                .isInstanceOfSatisfying(SendResult.Retry.class, r -> {
                    assertThat(r.reason()).contains("Connection refused");
                    assertThat(r.statusCode()).isNull();
                });
    }

    @Test
    void anAcceptedMailIsSent() {
        assertThat(EmailChannel.result(new SmtpReply(250, "2.0.0 Ok: queued"))).isInstanceOf(SendResult.Sent.class);
    }
}
