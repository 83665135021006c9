package io.heraldo.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import io.heraldo.channel.Notification;

class MaintenanceCalendarTest {

    private static final String URL = "https://status.zboxapp.test/incidents/mnt-ldap-2";

    private final MaintenanceCalendar calendar = new MaintenanceCalendar("ZBox Mail", "ayuda@zboxapp.test");

    @Test
    void aScheduledMaintenanceIsPublishedWithItsWindowInUtc() throws Exception {
        Notification scheduled = OutageNotifications.maintenanceScheduled();
        Calendar parsed = parse(calendar.write(scheduled, URL, "ana@example.com"));

        assertThat(parsed.getMethod().getValue()).isEqualTo("PUBLISH");
        assertThat(parsed.getVersion().getValue()).isEqualTo("2.0");
        assertThat(parsed.getProductId().getValue()).isNotBlank();
        VEvent event = event(parsed);
        assertThat(value(event, Property.UID)).isEqualTo("mnt-ldap-2@zboxapp.test");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
        // 22:00 to 23:30 at -03:00
        assertThat(value(event, Property.DTSTART)).isEqualTo("20150210T010000Z");
        assertThat(value(event, Property.DTEND)).isEqualTo("20150210T023000Z");
        assertThat(value(event, Property.DTSTAMP)).isEqualTo("20150206T150000Z");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Incorporación de un segundo servidor LDAP");
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo(scheduled.body());
        assertThat(value(event, Property.URL)).isEqualTo(URL);
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:ayuda@zboxapp.test");
        // PUBLISH names no attendees (RFC 5546, 3.2.1)
        assertThat(event.getProperties(Property.ATTENDEE)).isEmpty();
        assertThat(parsed.validate().hasErrors()).as(parsed.validate().toString()).isFalse();
    }

    @Test
    void everyUpdateOfOneMaintenanceKeepsTheUidAndRaisesTheSequence() throws Exception {
        VEvent scheduled = event(parse(calendar.write(OutageNotifications.maintenanceScheduled(), URL, null)));
        VEvent started = event(parse(calendar.write(OutageNotifications.maintenanceStarted(), URL, null)));
        VEvent completed = event(parse(calendar.write(OutageNotifications.maintenanceCompleted(), URL, null)));

        assertThat(value(started, Property.UID)).isEqualTo(value(scheduled, Property.UID));
        assertThat(value(completed, Property.UID)).isEqualTo(value(scheduled, Property.UID));
        assertThat(List.of(value(scheduled, Property.SEQUENCE), value(started, Property.SEQUENCE),
                value(completed, Property.SEQUENCE))).containsExactly("0", "1", "2");
        assertThat(value(event(parse(calendar.write(OutageNotifications.maintenanceCancelled(), URL, null))),
                Property.UID)).isEqualTo("mnt-mailbox-7@zboxapp.test");
    }

    @Test
    void aCancellationUsesMethodCancel() throws Exception {
        Calendar parsed = parse(calendar.write(OutageNotifications.maintenanceCancelled(), URL, "ana@example.com"));

        assertThat(parsed.getMethod().getValue()).isEqualTo("CANCEL");
        VEvent event = event(parsed);
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(event, Property.ATTENDEE)).isEqualTo("mailto:ana@example.com");
        assertThat(parsed.validate().hasErrors()).as(parsed.validate().toString()).isFalse();
    }

    @Test
    void textIsEscapedAndLongSpanishLinesAreFoldedBetweenCharacters() throws Exception {
        String description = "Incorporaremos un segundo servidor LDAP (maestro/maestro); repartiremos la carga, "
                + "sin interrupción.\nRuta C:\\ldap\\réplica — añadiremos ñandúes, pingüinos y cigüeñas "
                + "ááááááááááááááááááááááááááááááááááááááááááááááááá 🛠️ fin.";
        String summary = "Migración, fase 1; LDAP";
        Notification maintenance = OutageNotifications.withText(OutageNotifications.maintenanceScheduled(), summary,
                description);

        String ics = calendar.write(maintenance, URL, null);

        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:Migración\\, fase 1\\; LDAP\r\n");
        assertThat(unfolded).contains("(maestro/maestro)\\; repartiremos la carga\\, sin interrupción.\\nRuta");
        assertThat(unfolded).contains("C:\\\\ldap\\\\réplica");
        assertThat(ics).endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        List<String> lines = physicalLines(ics);
        assertThat(lines).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                .as(line).isLessThanOrEqualTo(75));
        List<String> folded = lines.stream().filter(line -> line.startsWith(" ")).toList();
        assertThat(folded).hasSizeGreaterThan(2);
        // each physical line is whole UTF-8 on its own: no multi-octet character was cut in two
        for (byte[] line : rawPhysicalLines(ics)) {
            assertThat(strictUtf8(line)).isTrue();
        }
        VEvent event = event(parse(ics));
        assertThat(value(event, Property.DESCRIPTION)).isEqualTo(description);
        assertThat(value(event, Property.SUMMARY)).isEqualTo(summary);
    }

    @Test
    void aMultiOctetCharacterAtTheFoldStaysWhole() {
        StringBuilder out = new StringBuilder();
        // 74 ASCII octets then a 2-octet "ñ": the ñ would end at octet 76, so the fold comes before it
        MaintenanceCalendar.line(out, "X".repeat(74) + "ñandú");

        assertThat(out.toString()).isEqualTo("X".repeat(74) + "\r\n ñandú\r\n");
    }

    @Test
    void lineBreaksOfEveryKindBecomeEscapedNewlinesAndControlsGo() {
        assertThat(MaintenanceCalendar.text("a\r\nb\rc\nd\u0007e\tf")).isEqualTo("a\\nb\\nc\\nde\tf");
        assertThat(MaintenanceCalendar.parameter("Zbox \"Mail\"\r\n")).isEqualTo("\"Zbox Mail\"");
    }

    private static Calendar parse(String ics) throws IOException, ParserException {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar calendar) {
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }

    private static List<String> physicalLines(String ics) {
        return List.of(ics.split("\r\n"));
    }

    private static List<byte[]> rawPhysicalLines(String ics) {
        byte[] bytes = ics.getBytes(StandardCharsets.UTF_8);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(bytes, start, line, 0, line.length);
                lines.add(line);
                start = i + 2;
            }
        }
        return lines;
    }

    private static boolean strictUtf8(byte[] line) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
