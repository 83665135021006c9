package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heraldo.audience.ReturnPaths;
import io.heraldo.audience.Subscriber;
import io.heraldo.audience.SubscriberState;

class ReportOriginTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 3);
    }

    private static final UUID ANA = UUID.fromString("0190c7f2-1111-7000-8000-000000000001");
    private static final UUID BETO = UUID.fromString("0190c7f2-2222-7000-8000-000000000002");
    private static final String NOTIFICATION = "evt:inc-1/opened";

    private final ReturnPaths returnPaths = new ReturnPaths(KEY, "ayuda@zboxapp.test", true);
    private final Map<UUID, Subscriber> subscribers = Map.of(ANA, subscriber(ANA, "ana@example.test"), BETO,
            subscriber(BETO, "beto@example.test"));
    private final ReportOrigin origin = new ReportOrigin("ayuda@ZBoxApp.test", returnPaths,
            Set.of(NOTIFICATION)::contains, id -> Optional.ofNullable(subscribers.get(id)));

    private static Subscriber subscriber(UUID id, String email) {
        return new Subscriber(id, email, "es", List.of(), SubscriberState.CONFIRMED, null, null, null);
    }

    private static DeliveryReport report(String recipient, String returnedMessageId, String... addressedTo) {
        return new DeliveryReport(List.of(new DeliveryReport.RecipientStatus(recipient, null, "failed", "5.1.1")),
                returnedMessageId, List.of(addressedTo));
    }

    /** As the email channel writes it: '/' is _2F, ':' is _3A. */
    private static String messageId(UUID recipient) {
        return "<evt_3Ainc-1_2Fopened." + recipient + "@zboxapp.test>";
    }

    private String returnPath(UUID subscriber) {
        return returnPaths.address(subscriber.toString(), NOTIFICATION).orElseThrow();
    }

    @Test
    void theMessageIdOfASentNotificationToThatRecipientProvesIt() {
        ReportOrigin.Verdict verdict = origin.judge(report("Ana@Example.test", messageId(ANA), "ayuda@zboxapp.test"));

        assertThat(verdict).isInstanceOfSatisfying(ReportOrigin.Proven.class, p -> assertThat(p.findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.subscriber().id()).isEqualTo(ANA);
                    assertThat(f.status().permanent()).isTrue();
                    assertThat(f.proof()).isEqualTo("message-id");
                }));
    }

    @Test
    void aReturnPathOfThatSubscriberProvesIt() {
        ReportOrigin.Verdict verdict = origin.judge(report("ana@example.test", null, returnPath(ANA)));

        assertThat(verdict).isInstanceOfSatisfying(ReportOrigin.Proven.class, p -> assertThat(p.findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.subscriber().id()).isEqualTo(ANA);
                    assertThat(f.proof()).isEqualTo("return-path");
                }));
        // Proven both ways, it still counts once.
        assertThat(origin.judge(report("ana@example.test", messageId(ANA), returnPath(ANA))))
                .isInstanceOfSatisfying(ReportOrigin.Proven.class, p -> assertThat(p.findings()).hasSize(1));
    }

    @Test
    void aForgedReportWithHeraldosFromProvesNothing() {
        ReportOrigin.Verdict verdict = origin.judge(report("ana@example.test", "<forged.1@attacker.test>",
                "ayuda@zboxapp.test"));

        assertThat(verdict).isInstanceOfSatisfying(ReportOrigin.Unproven.class, u -> assertThat(u.reason())
                .contains("not one of a notification").contains("not delivered to a return path"));
        assertThat(origin.judge(report("ana@example.test", null))).isInstanceOf(ReportOrigin.Unproven.class);
    }

    @Test
    void aTokenOrIdOfOneSubscriberDoesNotReachAnother() {
        // Beto's own return path and Message-ID, in a report about Ana.
        ReportOrigin.Verdict verdict = origin.judge(report("ana@example.test", messageId(BETO), returnPath(BETO)));

        assertThat(verdict).isInstanceOfSatisfying(ReportOrigin.Unproven.class,
                u -> assertThat(u.reason()).contains("a subscriber the report is not about"));
    }

    @Test
    void aMessageIdMustNameASentNotificationAKnownSubscriberAndOurDomain() {
        assertThat(origin.judge(report("ana@example.test", "<evt_3Ainc-2_2Fopened." + ANA + "@zboxapp.test>")))
                .as("no such notification").isInstanceOf(ReportOrigin.Unproven.class);
        assertThat(origin.judge(report("ana@example.test", "<evt_3Ainc-1_2Fopened." + ANA + "@other.test>")))
                .as("another domain").isInstanceOf(ReportOrigin.Unproven.class);
        assertThat(origin.judge(report("ana@example.test", messageId(UUID.randomUUID()))))
                .as("no such subscriber").isInstanceOf(ReportOrigin.Unproven.class);
        assertThat(origin.judge(report("ana@example.test", "<evt:inc-1/opened." + ANA + "@zboxapp.test>")))
                .as("not encoded as the channel encodes").isInstanceOf(ReportOrigin.Unproven.class);
    }

    @Test
    void messageIdPartsDecodeAsTheChannelEncodes() {
        assertThat(ReportOrigin.SentId.decode("evt_3Ainc-1_2Fopened")).contains("evt:inc-1/opened");
        assertThat(ReportOrigin.SentId.decode("a_5Fb_2Ec")).contains("a_b.c");
        assertThat(ReportOrigin.SentId.decode("_C3_B1")).contains("ñ");
        assertThat(ReportOrigin.SentId.decode("_41")).as("'A' is never escaped").isEmpty();
        assertThat(ReportOrigin.SentId.decode("_3a")).as("lower-case hex is never written").isEmpty();
        assertThat(ReportOrigin.SentId.decode("_3")).isEmpty();
        assertThat(ReportOrigin.SentId.decode("_C3")).as("not UTF-8").isEmpty();
        assertThat(ReportOrigin.SentId.decode("a.b")).isEmpty();
        assertThat(ReportOrigin.SentId.parse("<n." + ANA + ".x@zboxapp.test>", "zboxapp.test")).isEmpty();
        assertThat(ReportOrigin.SentId.parse("<n.not-a-uuid@zboxapp.test>", "zboxapp.test")).isEmpty();
        assertThat(ReportOrigin.SentId.parse("<n." + ANA + "@ZBOXAPP.test>", "zboxapp.test"))
                .contains(new ReportOrigin.SentId("n", ANA));
        assertThat(ReportOrigin.messageIdDomain("ayuda@ZBox_App.test")).isEqualTo("zboxapp.test");
    }
}
