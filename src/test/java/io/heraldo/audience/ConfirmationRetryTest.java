package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class ConfirmationRetryTest {

    private final ConfirmationRetry noJitter = new ConfirmationRetry(Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofHours(24), bound -> 0);

    @Test
    void theWaitDoublesFromTheFirstUpToTheMost() {
        assertThat(noJitter.wait(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(noJitter.wait(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(noJitter.wait(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(noJitter.wait(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(noJitter.wait(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(noJitter.wait(1_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterTakesOffAtMostAFifth() {
        ConfirmationRetry fullJitter = new ConfirmationRetry(Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofHours(24), bound -> bound);
        assertThat(fullJitter.wait(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(fullJitter.wait(1_000)).isEqualTo(Duration.ofMinutes(8));
    }

    @Test
    void aMailQueuedLongerThanTheLimitIsGivenUp() {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-30T12:00:00Z");
        assertThat(noJitter.givenUp(now.minusHours(23), now)).isFalse();
        assertThat(noJitter.givenUp(now.minusHours(24), now)).isTrue();
        assertThat(noJitter.givenUp(now.minusDays(3), now)).isTrue();
    }

    @Test
    void onlyARefusalForGoodIsPermanent() throws Exception {
        InternetAddress to = new InternetAddress("ana@example.test");
        SendFailedException userUnknown = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 550, "5.1.1 user unknown"));
        SendFailedException mailboxFull = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 452, "4.2.2 mailbox full"));

        assertThat(ConfirmationRetry.permanent(userUnknown)).isTrue();
        assertThat(ConfirmationRetry.permanent(mailboxFull)).isFalse();
        assertThat(ConfirmationRetry.permanent(new SMTPSendFailedException("DATA", 554, "5.7.1 rejected", null,
                null, null, null))).isTrue();
        assertThat(ConfirmationRetry.permanent(new SMTPSendFailedException("DATA", 451, "4.3.0 try later", null,
                null, null, null))).isFalse();
        assertThat(ConfirmationRetry.permanent(new AddressException("not an address"))).isTrue();
        assertThat(ConfirmationRetry.permanent(new MessagingException("Couldn't connect to host",
                new ConnectException("refused")))).isFalse();
    }
}
