package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MailCommandTest {

    @ParameterizedTest
    @ValueSource(strings = { "suscribir", "SUSCRIBIR", "Suscríbir", "subscribe", "Subscribe!", "Re: suscribir",
            "  suscribirme ", "Fwd: Subscribe", "RV: SUSCRIBIR", "Fw: subscribe", "RE: Re: suscribir", "Re[2]: subscribe" })
    void subscribeWords(String subject) {
        assertThat(MailCommand.of(subject, null)).isEqualTo(MailCommand.SUBSCRIBE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "baja", "BAJA", "Re: BAJA", "Bája", "unsubscribe", "UNSUBSCRIBE", "Fwd: unsubscribe",
            "dar de baja", "Darme de   baja.", "RE: baja", "RV: Baja", "Fw: BAJA", "desuscribirme" })
    void unsubscribeWords(String subject) {
        assertThat(MailCommand.of(subject, null)).isEqualTo(MailCommand.UNSUBSCRIBE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Baja velocidad del correo", "¿Está caído el correo?", "subscribe me please",
            "No puedo entrar", "Re: problema", "", "   ", "bajas", "unsubscribed", "Re:" })
    void anythingElseIsNoCommand(String subject) {
        assertThat(MailCommand.of(subject, null)).isEqualTo(MailCommand.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hola | baja | UNSUBSCRIBE",
            " | Suscribir | SUBSCRIBE",
            "baja | suscribir | UNSUBSCRIBE",
            "Consulta | ¿Qué pasa con el correo? | NONE",
    })
    void theSubjectFirstThenTheFirstLine(String subject, String firstLine, MailCommand expected) {
        assertThat(MailCommand.of(subject, firstLine)).isEqualTo(expected);
    }

    @Test
    void noTextAtAllIsNoCommand() {
        assertThat(MailCommand.of(null, null)).isEqualTo(MailCommand.NONE);
        assertThat(MailCommand.of("x".repeat(500), "baja".repeat(100))).isEqualTo(MailCommand.NONE);
    }

    private static final String TOKEN = "_-AbC9xYz0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR-_";

    @ParameterizedTest
    @ValueSource(strings = { "unsubscribe %s", "Re: unsubscribe %s", "BAJA %s", "dar de baja  %s",
            "unsubscribe <%s>", "  Unsubscribe\t%s  " })
    void anUnsubscribeWordWithATokenGivesTheTokenAsWritten(String subject) {
        assertThat(MailCommand.unsubscribeToken(subject.formatted(TOKEN), null)).isEqualTo(TOKEN);
        assertThat(MailCommand.unsubscribeToken("Hola", subject.formatted(TOKEN))).as("in the first line")
                .isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = { "unsubscribe", "baja", "subscribe %s", "hola %s", "unsubscribe short", "%s",
            "unsubscribe %s extra", "unsubscribe tok/en+withslash==", "baja velocidad %s" })
    void withoutAnUnsubscribeWordAndATokenThereIsNone(String subject) {
        assertThat(MailCommand.unsubscribeToken(subject.formatted(TOKEN), null)).isNull();
    }
}
