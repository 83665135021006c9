package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class InboundMailTest {

    @Test
    void theFirstLineOfTheTextAndTheSender() throws Exception {
        InboundMail mail = InboundMail.read(RawMail.question("Ana <ana@example.test>", "<q1@example.test>", "Hello",
                "Unsubscribe\r\n\r\nThanks").getBytes(StandardCharsets.UTF_8));
        assertThat(mail.sender()).isEqualTo("ana@example.test");
        assertThat(mail.key()).isEqualTo("<q1@example.test>");
        assertThat(mail.firstLine()).isEqualTo("Unsubscribe");
        assertThat(MailCommand.of(mail.subject(), mail.firstLine())).isEqualTo(MailCommand.UNSUBSCRIBE);
    }

    @Test
    void noFromIsUnreadable() {
        assertThatThrownBy(() -> InboundMail.read("Subject: x\r\n\r\nhola\r\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InboundMail.UnreadableMail.class).hasMessageContaining("no From");
    }

    @Test
    void withoutMessageIdTheKeyIsADigestOfStableHeaders() throws Exception {
        byte[] raw = "From: a@example.test\r\nSubject: x\r\nDate: Tue, 24 Nov 2026 12:00:00 -0300\r\n\r\nhola\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(InboundMail.read(raw).key()).startsWith("sha256:").isEqualTo(InboundMail.read(raw).key());
    }

    @Test
    void aHeaderFetchedWithoutItsBlankLineStillEndsBeforeTheText() throws Exception {
        byte[] header = "From: a@example.test\r\nSubject: Hello\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "Unsubscribe\r\n\r\nThanks\r\n".getBytes(StandardCharsets.US_ASCII);
        for (byte[] h : new byte[][] { header, "From: a@example.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII) }) {
            InboundMail mail = InboundMail.read(HeaderPrefetch.joined(h, text));
            assertThat(mail.firstLine()).isEqualTo("Unsubscribe");
        }
    }
}
