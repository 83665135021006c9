package io.heraldo.channel.email;

import static io.heraldo.audience.AudienceFixtures.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.platform.mail.Postman;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A mail that carries the earlier updates its reader was not sent (coalescing): after its own text, a section with
 * each of them, newest first, in the reader's language, their text escaped like any event text.
 */
@QuarkusTest
class EmailCarriedUpdatesTest {

    private static final String ANA = "0b6f1f0e-5a51-4c57-9a8f-1f2d3c4b5a69";

    @Inject
    EmailComposer composer;

    @Inject
    Postman postman;

    @Test
    void theCarriedUpdatesFollowTheMailsOwnTextNewestFirst() throws Exception {
        Notification opened = text(OutageNotifications.incidentOpened(), "First <b>words</b>");
        Notification identified = text(OutageNotifications.incidentIdentified(), "Second <script>alert(1)</script>");
        Notification resolved = text(OutageNotifications.incidentResolved(), "Third and last");

        MimeMessage english = wire(resolved, List.of(identified, opened), "en");
        String text = part(english, "text/plain");
        assertThat(text).contains("Earlier updates, sent together with this one:");
        assertThat(text.indexOf("Third and last")).isLessThan(text.indexOf("Earlier updates"));
        assertThat(text.indexOf("Earlier updates")).isLessThan(text.indexOf("Second <script>"));
        assertThat(text.indexOf("Second <script>")).isLessThan(text.indexOf("First <b>words</b>"));
        assertThat(text).contains("Identified: " + identified.title());

        String html = part(english, "text/html");
        assertThat(html).contains("Earlier updates, sent together with this one")
                .contains("Second &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("First &lt;b&gt;words&lt;/b&gt;");

        String spanish = part(wire(resolved, List.of(identified, opened), "es"), "text/plain");
        assertThat(spanish).contains("Actualizaciones anteriores, enviadas junto con esta:")
                .contains("Identificado: " + identified.title());
    }

    @Test
    void aMailCarryingNothingHasNoSuchSection() throws Exception {
        MimeMessage alone = wire(OutageNotifications.incidentResolved(), List.of(), "en");
        assertThat(part(alone, "text/plain")).doesNotContain("Earlier updates");
        assertThat(part(alone, "text/html")).doesNotContain("Earlier updates");
    }

    @Test
    void readersCarryingDifferentUpdatesGetDifferentMailsOfTheSameUpdate() throws Exception {
        Notification identified = OutageNotifications.incidentIdentified();
        Notification resolved = OutageNotifications.incidentResolved();
        String carrying = part(wire(resolved, List.of(identified), "en"), "text/plain");
        String bare = part(wire(resolved, List.of(), "en"), "text/plain");
        assertThat(carrying).contains(identified.body());
        assertThat(bare).doesNotContain("Earlier updates");
    }

    private static Notification text(Notification notification, String body) {
        return OutageNotifications.withText(notification, notification.title(), body);
    }

    private MimeMessage wire(Notification notification, List<Notification> carried, String locale) throws Exception {
        Delivery delivery = new Delivery(Delivery.idOf(notification.id(), EmailChannel.NAME, ANA), notification,
                EmailChannel.NAME, new Recipient(ANA, "ana@example.com", locale,
                        Map.of(EmailComposer.UNSUBSCRIBE_TOKEN, "tok-ana")),
                1, null, carried);
        return new MimeMessage(postman.session(),
                new ByteArrayInputStream(EmailComposer.bytes(composer.compose(delivery))));
    }
}
