package io.heraldo.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.email.MailTemplate.Slot;

/** The encoding every fan-out mail is made of: quoted-printable as RFC 2045 wants it, and slots that keep it so. */
class MailTemplateTest {

    private static final String MARK = "hrldMARK";

    @Test
    void textIsQuotedPrintableWithinSeventySixCharactersAndDecodesToItself() throws Exception {
        String text = "Los usuarios no pueden iniciar sesión: la réplica LDAP está caída desde las 12:40 y seguimos "
                + "investigando = causa raíz.\n.Una línea que empieza con punto\nespacio al final \n"
                + "x".repeat(200) + "\n\ttab final\t\n🙂 emoji\n";
        byte[] encoded = encode(text, Map.of());

        for (String line : new String(encoded, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).as("no line starts with a dot (SMTP would eat it)").doesNotStartWith(".");
            assertThat(line).as("no trailing white space").doesNotEndWith(" ").doesNotEndWith("\t");
        }
        assertThat(decode(encoded)).isEqualTo(text.replace("\n", "\r\n"));
    }

    @Test
    void eachReadersValueGoesWhereTheMarkWasAndTheLinesStayShort() throws Exception {
        String text = "Para dejar de recibirlos: https://estado.example.com/subscriptions/unsubscribe?token=" + MARK
                + " (o responda baja)\nY de nuevo: " + MARK + "\n";
        MailTemplate.Builder builder = MailTemplate.builder();
        builder.quotedPrintable(text, Map.of(MARK, Slot.UNSUBSCRIBE_TOKEN));
        MailTemplate template = builder.build();
        String token = "A".repeat(32) + "-_" + "z".repeat(30);

        Map<Slot, byte[]> values = MailTemplate.values();
        values.put(Slot.UNSUBSCRIBE_TOKEN, token.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        template.writeTo(out, values);

        assertThat(template.uses(Slot.UNSUBSCRIBE_TOKEN)).isTrue();
        assertThat(template.uses(Slot.TO)).isFalse();
        for (String line : out.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        }
        assertThat(decode(out.toByteArray())).isEqualTo(text.replace(MARK, token).replace("\n", "\r\n"));
    }

    @Test
    void aSlotWithoutAValueIsAnErrorNotAnEmptyHole() {
        MailTemplate template = MailTemplate.builder().raw("To: ").slot(Slot.TO).raw("\r\n").build();
        assertThatThrownBy(() -> template.writeTo(new ByteArrayOutputStream(), MailTemplate.values()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TO");
    }

    @Test
    void aLineOfItsOwnEndsWithAHardBreak() throws Exception {
        String line = "ATTENDEE;RSVP=FALSE:mailto:alguien.con.un.nombre.muy.largo@subdominio.ejemplo.example.com\r\n";
        byte[] encoded = MailTemplate.quotedPrintableLine(line);
        assertThat(new String(encoded, StandardCharsets.US_ASCII)).endsWith("\r\n");
        assertThat(decode(encoded)).isEqualTo(line);
    }

    private static byte[] encode(String text, Map<String, Slot> marks) throws Exception {
        MailTemplate.Builder builder = MailTemplate.builder();
        builder.quotedPrintable(text, marks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.build().writeTo(out, MailTemplate.values());
        return out.toByteArray();
    }

    private static String decode(byte[] encoded) throws Exception {
        try (var in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
