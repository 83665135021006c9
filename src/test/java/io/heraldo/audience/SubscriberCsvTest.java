package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SubscriberCsvTest {

    private static List<CsvRecords.Record> records(String csv) throws IOException {
        CsvRecords reader = new CsvRecords(new StringReader(csv));
        List<CsvRecords.Record> all = new ArrayList<>();
        for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
            all.add(r);
        }
        return all;
    }

    private static List<SubscriberCsv.Parsed> parse(String csv) throws IOException {
        List<CsvRecords.Record> all = records(csv);
        SubscriberCsv subscriberCsv = SubscriberCsv.fromHeader(all.get(0), "es");
        return all.subList(1, all.size()).stream().filter(r -> !r.isBlank()).map(subscriberCsv::parse).toList();
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvRecords.Record> all = records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,\"\"\nlast");

        assertThat(all).extracting(CsvRecords.Record::fields).containsExactly(
                List.of("a", "b,c", "say \"hi\""),
                List.of("multi\nline", "", ""),
                List.of("last"));
        assertThat(all).extracting(CsvRecords.Record::line).containsExactly(1, 2, 4);
        assertThat(all).extracting(CsvRecords.Record::problem).containsOnlyNulls();
    }

    @Test
    void aByteOrderMarkAndCarriageReturnsAreHandled() throws IOException {
        assertThat(records("\uFEFFemail\r\nana@zbox.cl\r\n")).extracting(CsvRecords.Record::fields)
                .containsExactly(List.of("email"), List.of("ana@zbox.cl"));
    }

    @Test
    void malformedQuotingIsReportedOnItsLine() throws IOException {
        List<CsvRecords.Record> all = records("ok\n\"closed\"junk,x\n\"never closed\nmore");
        assertThat(all.get(1).line()).isEqualTo(2);
        assertThat(all.get(1).problem()).isEqualTo("a quoted field must be followed by a comma or the end of the line");
        assertThat(all.get(2).line()).isEqualTo(3);
        assertThat(all.get(2).problem()).isEqualTo("a quoted field is not closed before the end of the file");
    }

    @Test
    void aRunawayRecordStopsTheReadingWithItsLine() throws IOException {
        CsvRecords reader = new CsvRecords(new StringReader("email\n\"" + "x".repeat(CsvRecords.MAX_RECORD_LENGTH + 10)));
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOf(CsvRecords.TooLongException.class)
                .satisfies(e -> assertThat(((CsvRecords.TooLongException) e).line()).isEqualTo(2));
    }

    @Test
    void columnsAreFoundByHeaderAndExtraColumnsIgnored() throws IOException {
        List<SubscriberCsv.Parsed> rows = parse("""
                state,Components,EMAIL,created_at,locale
                confirmed,ldap;mta,Ana@ZBOX.cl,2026-01-01T00:00:00Z,en
                pending,,beto@zbox.cl,2026-01-01T00:00:00Z,
                """);
        assertThat(rows).containsExactly(
                new SubscriberCsv.Row(2, "Ana@zbox.cl", "en", List.of("ldap", "mta")),
                new SubscriberCsv.Row(3, "beto@zbox.cl", "es", List.of()));
    }

    @Test
    void aKindsColumnIsReadAndFilesWithoutItMeanAll() throws IOException {
        assertThat(parse("""
                email,locale,components,state,created_at,kinds
                ana@zbox.cl,en,,confirmed,2026-01-01T00:00:00Z,major
                beto@zbox.cl,es,ldap,confirmed,2026-01-01T00:00:00Z,
                carla@zbox.cl,es,,confirmed,2026-01-01T00:00:00Z,Lifecycle
                dario@zbox.cl,es,,confirmed,2026-01-01T00:00:00Z,urgent
                """)).containsExactly(
                new SubscriberCsv.Row(2, "ana@zbox.cl", "en", List.of(), Kinds.MAJOR),
                new SubscriberCsv.Row(3, "beto@zbox.cl", "es", List.of("ldap"), Kinds.ALL),
                new SubscriberCsv.Row(4, "carla@zbox.cl", "es", List.of(), Kinds.LIFECYCLE),
                new SubscriberCsv.Invalid(5, "kinds: 'urgent' is not one of all, major, lifecycle"));
        assertThat(parse("email,locale,components\nana@zbox.cl,en,\n"))
                .containsExactly(new SubscriberCsv.Row(2, "ana@zbox.cl", "en", List.of(), Kinds.ALL));
    }

    @Test
    void badRowsAreReportedWithLineAndReason() throws IOException {
        List<SubscriberCsv.Parsed> rows = parse("""
                email,locale,components
                ana@zbox.cl,es,ldap

                not-an-address,es,
                "carla@zbox.cl",fr,
                dario@zbox.cl,en,ldap;bad id!
                "eva@zbox.cl
                """);
        assertThat(rows).containsExactly(
                new SubscriberCsv.Row(2, "ana@zbox.cl", "es", List.of("ldap")),
                new SubscriberCsv.Invalid(4, "email: must contain exactly one @"),
                new SubscriberCsv.Invalid(5, "locale: 'fr' is not one of es, en"),
                new SubscriberCsv.Invalid(6, "components: 'bad id!' is not a component id (1 to 64 of A-Z a-z 0-9 . _ : -)"),
                new SubscriberCsv.Invalid(7, "a quoted field is not closed before the end of the file"));
    }

    @Test
    void aHeaderWithoutEmailIsRefused() throws IOException {
        assertThatThrownBy(() -> SubscriberCsv.fromHeader(records("mail,locale\n").get(0), "es"))
                .isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("header: line 1 must name the columns");
        assertThatThrownBy(() -> SubscriberCsv.fromHeader(null, "es")).hasMessageContaining("the file is empty");
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsNeutralisedAsOwaspSays() {
        assertThat(SubscriberCsv.field("=1+1@example.test")).isEqualTo("\"'=1+1@example.test\"");
        assertThat(SubscriberCsv.field("=cmd|'/Ccalc'!A0@example.test")).isEqualTo("\"'=cmd|'/Ccalc'!A0@example.test\"");
        assertThat(SubscriberCsv.field("+56@example.test")).isEqualTo("\"'+56@example.test\"");
        assertThat(SubscriberCsv.field("-2@example.test")).isEqualTo("\"'-2@example.test\"");
        assertThat(SubscriberCsv.field("@SUM")).isEqualTo("\"'@SUM\"");
        assertThat(SubscriberCsv.field("\tx")).isEqualTo("\"'\tx\"");
        assertThat(SubscriberCsv.field("\rx")).isEqualTo("\"'\rx\"");
        assertThat(SubscriberCsv.field("=\"x\",1")).isEqualTo("\"'=\"\"x\"\",1\"");
        // a value that itself starts with a quote and a formula keeps its own quote behind the added one
        assertThat(SubscriberCsv.field("'=x@example.test")).isEqualTo("\"''=x@example.test\"");
        // formula characters further in are harmless, and so is a quote not followed by a formula
        assertThat(SubscriberCsv.field("a=1+1@example.test")).isEqualTo("a=1+1@example.test");
        assertThat(SubscriberCsv.field("o'neil@example.test")).isEqualTo("o'neil@example.test");
        assertThat(SubscriberCsv.field("'quoted@example.test")).isEqualTo("'quoted@example.test");
        assertThat(SubscriberCsv.field("")).isEmpty();
    }

    @Test
    void eachComponentIdIsNeutralisedOnItsOwn() {
        assertThat(SubscriberCsv.components(List.of())).isEmpty();
        assertThat(SubscriberCsv.components(List.of("ldap", "mta"))).isEqualTo("ldap;mta");
        assertThat(SubscriberCsv.components(List.of("-ops", "web"))).isEqualTo("\"'-ops;web\"");
        assertThat(SubscriberCsv.components(List.of("api", "-ops"))).isEqualTo("\"api;'-ops\"");
    }

    @Test
    void neutralisedCellsReadBackAsTheyWere() throws IOException {
        List<String> addresses = List.of("=1+1@example.test", "=cmd|'/Ccalc'!A0@example.test", "+56@example.test",
                "-2@example.test", "'=x@example.test", "''+y@example.test", "o'neil@example.test", "'plain@example.test");
        StringBuilder csv = new StringBuilder(SubscriberCsv.EXPORT_HEADER).append("\r\n");
        for (String address : addresses) {
            csv.append(SubscriberCsv.field(address)).append(",en,")
                    .append(SubscriberCsv.components(List.of("-ops", "api", "-web"))).append(",confirmed,x\r\n");
        }
        List<SubscriberCsv.Parsed> rows = parse(csv.toString());
        assertThat(rows).hasSize(addresses.size()).allSatisfy(row -> assertThat(row).isInstanceOf(SubscriberCsv.Row.class));
        assertThat(rows).extracting(row -> ((SubscriberCsv.Row) row).email()).containsExactlyElementsOf(addresses);
        assertThat(rows).extracting(row -> ((SubscriberCsv.Row) row).components())
                .allSatisfy(ids -> assertThat(ids).containsExactly("-ops", "-web", "api"));
        // and no cell of the file starts with a formula
        for (CsvRecords.Record record : records(csv.toString())) {
            assertThat(record.fields()).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        }
    }

    @Test
    void aHandWrittenNeutralisedCellImportsWithoutItsQuote() throws IOException {
        assertThat(parse("email,locale,components\n'=1+1@example.test,en,'-ops\n")).containsExactly(
                new SubscriberCsv.Row(2, "=1+1@example.test", "en", List.of("-ops")));
    }

    @Test
    void fieldsAreQuotedOnlyWhenNeeded() {
        assertThat(SubscriberCsv.field("ana@zbox.cl")).isEqualTo("ana@zbox.cl");
        assertThat(SubscriberCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(SubscriberCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
