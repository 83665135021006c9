package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class DeliveryReportTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static MimeMessage parse(String raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPermanentFailureReport() throws Exception {
        MimeMessage message = parse(RawMail.deliveryReport("<r1@mx.example.test>", "gone@example.test", "failed",
                "5.1.1", "<n1.0190c7f2-1111-7000-8000-000000000001@zboxapp.test>", "ayuda+b-xyz@zboxapp.test"));

        assertThat(DeliveryReport.is(message.getContentType())).isTrue();
        DeliveryReport report = DeliveryReport.of(message);

        assertThat(report.returnedMessageId()).isEqualTo("<n1.0190c7f2-1111-7000-8000-000000000001@zboxapp.test>");
        assertThat(report.addressedTo()).containsExactly("ayuda+b-xyz@zboxapp.test", "ayuda+b-xyz@zboxapp.test");
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("gone@example.test");
            assertThat(r.isAbout("Gone@Example.test")).isTrue();
            assertThat(r.isAbout("other@example.test")).isFalse();
            assertThat(r.action()).isEqualTo("failed");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.permanent()).isTrue();
            assertThat(r.temporary()).isFalse();
        });
    }

    @Test
    void theReturnedMessageMayComeWholeAndTheReportToSeveralAddresses() throws Exception {
        MimeMessage message = parse("""
                From: MAILER-DAEMON@mx.example.test\r
                Delivered-To: ayuda+b-abc@zboxapp.test\r
                Delivered-To: ayuda@zboxapp.test\r
                X-Original-To: <ayuda+b-abc@zboxapp.test>\r
                To: "Ayuda" <ayuda+b-abc@zboxapp.test>, not an address, otro@zboxapp.test\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r
                \r
                --b\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.test\r
                \r
                Final-Recipient: rfc822; forwarded@elsewhere.test\r
                Original-Recipient: rfc822; ana@example.test\r
                Action: failed\r
                Status: 5.1.1\r
                \r
                --b\r
                Content-Type: message/rfc822\r
                \r
                From: ayuda@zboxapp.test\r
                Message-ID: < n1.abc@zboxapp.test >\r
                Subject: hola\r
                \r
                body\r
                --b--\r
                """);
        DeliveryReport report = DeliveryReport.of(message);

        assertThat(report.returnedMessageId()).isEqualTo("<n1.abc@zboxapp.test>");
        assertThat(report.addressedTo()).startsWith("ayuda+b-abc@zboxapp.test", "ayuda@zboxapp.test",
                "ayuda+b-abc@zboxapp.test", "ayuda+b-abc@zboxapp.test").contains("otro@zboxapp.test");
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("forwarded@elsewhere.test");
            assertThat(r.originalAddress()).isEqualTo("ana@example.test");
            assertThat(r.isAbout("ana@example.test")).isTrue();
        });
    }

    @Test
    void severalRecipientsFoldedFieldsAndExtraBlankLines() throws Exception {
        String body = """
                Reporting-MTA: dns; mx.example.test\r
                \r
                Final-Recipient: rfc822;\r
                  <one@example.test>\r
                Action: delayed\r
                Status: 4.4.1 (connection timed out)\r
                \r
                \r
                Original-Recipient: rfc822; two@example.test\r
                Action: delivered\r
                Status: 2.0.0\r
                \r
                Final-Recipient: rfc822; three@example.test\r
                Action: failed\r
                \r
                Final-Recipient: x400; not an address\r
                Action: failed\r
                Status: 5.0.0\r
                """;
        List<DeliveryReport.RecipientStatus> recipients = DeliveryReport.recipients(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));

        assertThat(recipients).extracting(DeliveryReport.RecipientStatus::address)
                .containsExactly("one@example.test", "two@example.test");
        assertThat(recipients.get(0).temporary()).isTrue();
        assertThat(recipients.get(0).action()).isEqualTo("delayed");
        assertThat(recipients.get(1).delivered()).isTrue();
    }

    @Test
    void onlyDeliveryStatusReportsAreReports() {
        assertThat(DeliveryReport.is("multipart/report; report-type=delivery-status; boundary=x")).isTrue();
        assertThat(DeliveryReport.is("multipart/report; report-type=\"Delivery-Status\"; boundary=x")).isTrue();
        assertThat(DeliveryReport.is("multipart/report; report-type=disposition-notification; boundary=x")).isFalse();
        assertThat(DeliveryReport.is("multipart/mixed; boundary=x")).isFalse();
        assertThat(DeliveryReport.is("text/plain")).isFalse();
        assertThat(DeliveryReport.is("garbage;;;=")).isFalse();
        assertThat(DeliveryReport.is(null)).isFalse();
    }

    @Test
    void aReportWithoutStatusPartCannotBeRead() throws Exception {
        MimeMessage message = parse("""
                From: MAILER-DAEMON@mx.example.test\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain\r
                \r
                bounced\r
                --b--\r
                """);
        assertThatThrownBy(() -> DeliveryReport.of(message)).isInstanceOf(MessagingException.class)
                .hasMessageContaining("message/delivery-status");
    }

    @Test
    void addressesLoseTheirType() {
        assertThat(DeliveryReport.address("rfc822; a@b.test")).isEqualTo("a@b.test");
        assertThat(DeliveryReport.address("rfc822;<a@b.test>")).isEqualTo("a@b.test");
        assertThat(DeliveryReport.address("a@b.test")).isEqualTo("a@b.test");
        assertThat(DeliveryReport.address("rfc822; ")).isNull();
        assertThat(DeliveryReport.address(null)).isNull();
    }
}
