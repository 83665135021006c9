package io.heraldo.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import io.heraldo.channel.SendResult;

/** How the relay's answers become outcomes: what will not pass is never retried. */
class EmailChannelTest {

    @Test
    void aRefusedRecipientIsAPermanentFailure() throws Exception {
        SMTPAddressFailedException refused = new SMTPAddressFailedException(new InternetAddress("nadie@example.com"),
                "RCPT TO", 550, "5.1.1 user unknown");
        SendFailedException failed = new SendFailedException("Invalid Addresses", refused);
        assertThat(EmailChannel.classify(failed)).isInstanceOfSatisfying(SendResult.Failed.class,
                f -> assertThat(f.statusCode()).isEqualTo(550));
    }

    @Test
    void aTemporaryRefusalIsRetried() throws Exception {
        SMTPAddressFailedException busy = new SMTPAddressFailedException(new InternetAddress("alguien@example.com"),
                "RCPT TO", 451, "4.7.1 try again later");
        assertThat(EmailChannel.classify(new SendFailedException("Invalid Addresses", busy)))
                .isInstanceOfSatisfying(SendResult.Retry.class, r -> assertThat(r.statusCode()).isEqualTo(451));
    }

    @Test
    void aRejectedMessageIsPermanentAndAFullMailboxAfterDataIsRetried() {
        assertThat(EmailChannel.classify(new SMTPSendFailedException("DATA", 554, "5.6.0 message refused", null, null,
                null, null))).isInstanceOf(SendResult.Failed.class);
        assertThat(EmailChannel.classify(new SMTPSendFailedException("DATA", 452, "4.2.2 mailbox full", null, null,
                null, null))).isInstanceOf(SendResult.Retry.class);
    }

    @Test
    void aLostConnectionIsRetried() {
        MessagingException refused = new MessagingException("Couldn't connect to host",
                new java.net.ConnectException("Connection refused"));
        assertThat(EmailChannel.classify(refused)).isInstanceOfSatisfying(SendResult.Retry.class,
                r -> assertThat(r.reason()).contains("Couldn't connect"));
    }
}
