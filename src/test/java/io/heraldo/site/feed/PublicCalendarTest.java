package io.heraldo.site.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.email.MaintenanceCalendar;
import io.heraldo.platform.mail.EmailConfig;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

class PublicCalendarTest {

    private static final OffsetDateTime FROM = OffsetDateTime.parse("2015-02-09T22:00:00-03:00");
    /** Markup, iCalendar separators, a backslash, controls and a line break: all text once parsed. */
    private static final String HOSTILE = "<script>alert(1)</script>, ]]>; \\ \u0000\u0007fin\r\nsegunda";
    private static final String URL = "https://status.zboxapp.test/incidents/mnt-ldap-2";

    @Test
    void oneEventPerMaintenanceWithStableUidRisingSequenceAndCancelledOnesMarked() throws Exception {
        MaintenanceEvent scheduled = new MaintenanceEvent("mnt-ldap-2", "LDAP, fase 1; réplica", "Línea 1\nC:\\ldap",
                URL, FROM, FROM.plusMinutes(90), FROM.minusDays(3), 0, false);
        MaintenanceEvent completed = new MaintenanceEvent("mnt-ldap-2", "LDAP, fase 1; réplica", "Listo", URL, FROM,
                FROM.plusMinutes(90), FROM.plusMinutes(90), 2, false);
        MaintenanceEvent cancelled = new MaintenanceEvent("mnt-mailbox-7", HOSTILE, null,
                "https://status.zboxapp.test/incidents/mnt-mailbox-7", FROM.plusDays(1), null, FROM, 1, true);

        Calendar before = parse(PublicCalendar.write("ZBox Mail", "zboxapp.test", List.of(scheduled)));
        Calendar after = parse(PublicCalendar.write("ZBox Mail", "zboxapp.test", List.of(completed, cancelled)));

        VEvent first = events(before).get(0);
        assertThat(value(first, Property.UID)).isEqualTo("mnt-ldap-2@zboxapp.test");
        assertThat(value(first, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(first, Property.DTSTART)).isEqualTo("20150210T010000Z");
        assertThat(value(first, Property.DTEND)).isEqualTo("20150210T023000Z");
        assertThat(value(first, Property.SUMMARY)).isEqualTo("LDAP, fase 1; réplica");
        assertThat(value(first, Property.DESCRIPTION)).isEqualTo("Línea 1\nC:\\ldap");
        assertThat(value(first, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(first, Property.URL)).isEqualTo(URL);

        List<VEvent> later = events(after);
        assertThat(later).hasSize(2);
        assertThat(value(later.get(0), Property.UID)).isEqualTo(value(first, Property.UID));
        assertThat(Integer.parseInt(value(later.get(0), Property.SEQUENCE)))
                .isGreaterThan(Integer.parseInt(value(first, Property.SEQUENCE)));
        assertThat(value(later.get(1), Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(later.get(1), Property.SUMMARY)).isEqualTo("<script>alert(1)</script>, ]]>; \\ fin\nsegunda");
        assertThat(after.getProperty("X-WR-CALNAME").map(Property::getValue)).hasValue("ZBox Mail");
        assertThat(after.validate().hasErrors()).as(after.validate().toString()).isFalse();
    }

    @Test
    void theCalendarAndTheMailNameOneMaintenanceWithTheSameUid() {
        assertThat(MaintenanceEvent.uid("mnt-ldap-2", MaintenanceEvent.domainOf(
                EmailConfig.sender("ZBox Mail <ayuda@zboxapp.test>").getAddress())))
                .isEqualTo(new MaintenanceCalendar("ZBox Mail", "ayuda@zboxapp.test").uid("mnt-ldap-2"));
        assertThat(EmailConfig.sender("status@example.org").getAddress()).isEqualTo("status@example.org");
    }

    @Test
    void aNegativeRevisionIsSequenceZero() {
        assertThat(new MaintenanceEvent("m", "t", null, URL, FROM, null, FROM, -1, false).sequence()).isZero();
        assertThat(new MaintenanceEvent("m", "t", null, URL, FROM, null, FROM, 3, false).sequence()).isEqualTo(3);
    }

    @Test
    void noMaintenanceYetIsStillACalendar() throws Exception {
        Calendar empty = parse(PublicCalendar.write("ZBox Mail", "zboxapp.test", List.of()));

        assertThat(events(empty)).isEmpty();
        assertThat(empty.getProductId().getValue()).isNotBlank();
    }

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents("VEVENT");
    }

    static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }
}
