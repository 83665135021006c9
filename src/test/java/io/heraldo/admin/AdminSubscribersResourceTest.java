package io.heraldo.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.audience.AudienceFixtures;
import io.heraldo.audience.CsvRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** CSV in and out of the subscriber list, as an operator moving from another tool would use it. */
@QuarkusTest
class AdminSubscribersResourceTest {

    @Inject
    DataSource dataSource;

    static Response importCsv(String csv) {
        return given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv").body(csv)
                .post("/admin/v1/subscribers/import");
    }

    /** The export's lines (without header) of the addresses that contain {@code tag}. */
    static List<String> exportOf(String tag) {
        String csv = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/subscribers/export").then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract().asString();
        assertThat(csv).startsWith("email,locale,components,state,created_at,kinds\r\n");
        return Arrays.stream(csv.split("\r\n")).filter(line -> line.contains(tag)).toList();
    }

    @Test
    void anImportReportsWhatItTookWhatItSkippedAndEachBadLine() {
        String tag = AudienceFixtures.suffix();
        importCsv("email\nalready-" + tag + "@zbox.test\n").then().statusCode(200).body("imported", is(1));

        importCsv("""
                email,locale,components,notes
                ana-%1$s@zbox.test,es,ldap;mta,first
                "Beto-%1$s@ZBOX.test",en,,"likes ""quotes"", and commas"
                not-an-address,es,,
                carla-%1$s@zbox.test,fr,,

                already-%1$s@zbox.test,es,,
                ANA-%1$s@zbox.test,en,,same address as line 2
                dario-%1$s@zbox.test,en,bad/id,
                "eva-%1$s@zbox.test,es,,
                """.formatted(tag))
                .then().statusCode(200)
                .body("imported", is(2))
                .body("skipped", is(2))
                .body("invalid.line", is(List.of(4, 5, 9, 10)))
                .body("invalid[0].reason", is("email: must contain exactly one @"))
                .body("invalid[1].reason", is("locale: 'fr' is not one of es, en, pt"))
                .body("invalid[2].reason", containsString("components: 'bad/id' is not a component id"))
                .body("invalid[3].reason", is("a quoted field is not closed before the end of the file"));

        List<String> exported = exportOf(tag);
        assertThat(exported).hasSize(3);
        assertThat(exported).anySatisfy(line -> assertThat(line)
                .matches("ana-" + tag + "@zbox\\.test,es,ldap;mta,confirmed,\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z,all"));
        assertThat(exported).anySatisfy(line -> assertThat(line).startsWith("Beto-" + tag + "@zbox.test,en,,confirmed,"));
    }

    @Test
    void theExportOfAnImportImportsBackAsTheSameSubscribers() throws Exception {
        String tag = AudienceFixtures.suffix();
        List<String> kinds = List.of("", "all", "major", "lifecycle");
        StringBuilder csv = new StringBuilder("email,locale,components,kinds\n");
        for (int i = 0; i < 25; i++) {
            csv.append("s").append(i).append('-').append(tag).append("@zbox.test,").append(i % 2 == 0 ? "es" : "en")
                    .append(',').append(i % 3 == 0 ? "" : "ldap;mta-" + i).append(',').append(kinds.get(i % 4))
                    .append('\n');
        }
        importCsv(csv.toString()).then().statusCode(200).body("imported", is(25)).body("invalid", empty());
        List<String> first = exportOf(tag);
        assertThat(first).hasSize(25);
        // An empty kinds is all; the others as given.
        assertThat(first).filteredOn(line -> line.startsWith("s0-") || line.startsWith("s1-")).allMatch(l -> l.endsWith(",all"));
        assertThat(first).filteredOn(line -> line.startsWith("s2-")).singleElement().asString().endsWith(",major");
        assertThat(first).filteredOn(line -> line.startsWith("s3-")).singleElement().asString().endsWith(",lifecycle");

        // Importing the export again: every address is there already.
        String exportFile = "email,locale,components,state,created_at,kinds\r\n" + String.join("\r\n", first) + "\r\n";
        importCsv(exportFile).then().statusCode(200).body("imported", is(0)).body("skipped", is(25));

        // Into a list without them: the same subscribers come back.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from subscriber where email like ?")) {
            ps.setString(1, "%-" + tag + "@zbox.test");
            assertThat(ps.executeUpdate()).isEqualTo(25);
        }
        importCsv(exportFile).then().statusCode(200).body("imported", is(25)).body("skipped", is(0));
        assertThat(withoutCreatedAt(exportOf(tag))).containsExactlyInAnyOrderElementsOf(withoutCreatedAt(first));
    }

    @Test
    void addressesThatLookLikeFormulasAreExportedNeutralisedAndImportBackTheSame() throws Exception {
        String tag = AudienceFixtures.suffix();
        // the public form takes such addresses: they are valid (RFC 5322 atext allows = + - ' | ! /)
        String formula = "=1+1-" + tag + "@zbox.test";
        String dde = "=cmd|'/Ccalc'!A0-" + tag + "@zbox.test";
        String quoted = "'=q-" + tag + "@zbox.test";
        for (String address : List.of(formula, dde, quoted)) {
            AudienceFixtures.subscribe(AudienceFixtures.client(), "{\"email\": \"" + address + "\"}").then()
                    .statusCode(202);
        }
        importCsv("email,locale,components\n+56-%1$s@zbox.test,en,web;-ops-%1$s\n-minus-%1$s@zbox.test,es,\n"
                .formatted(tag)).then().statusCode(200).body("imported", is(2)).body("invalid", empty());

        List<String> exported = exportOf(tag);
        assertThat(exported).hasSize(5);
        assertThat(exported).anySatisfy(line -> assertThat(line).startsWith("\"'" + formula + "\",es,,pending,"));
        assertThat(exported).anySatisfy(line -> assertThat(line).startsWith("\"'" + dde + "\",es,,pending,"));
        assertThat(exported).anySatisfy(line -> assertThat(line).startsWith("\"'" + quoted + "\",es,,pending,"));
        assertThat(exported).anySatisfy(line -> assertThat(line)
                .startsWith("\"'+56-" + tag + "@zbox.test\",en,\"'-ops-" + tag + ";web\",confirmed,"));
        assertThat(exported).anySatisfy(line -> assertThat(line).startsWith("\"'-minus-" + tag + "@zbox.test\",es,,"));
        for (String line : exported) {
            CsvRecords.Record record = new CsvRecords(new StringReader(line)).next();
            assertThat(record.fields()).as(line).noneMatch(cell -> !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0);
        }

        // Into a list without them, the export imports back to the same addresses and components.
        String exportFile = "email,locale,components,state,created_at\r\n" + String.join("\r\n", exported) + "\r\n";
        Map<String, List<String>> before = subscribersOf(tag);
        assertThat(before).containsOnlyKeys(formula, dde, quoted, "+56-" + tag + "@zbox.test",
                "-minus-" + tag + "@zbox.test");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from subscriber where email like ?")) {
            ps.setString(1, "%-" + tag + "@zbox.test");
            assertThat(ps.executeUpdate()).isEqualTo(5);
        }
        importCsv(exportFile).then().statusCode(200).body("imported", is(5)).body("invalid", empty());
        assertThat(subscribersOf(tag)).isEqualTo(before);
    }

    /** Each address containing {@code tag} with its components, as stored. */
    private Map<String, List<String>> subscribersOf(String tag) throws Exception {
        Map<String, List<String>> found = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select email, components from subscriber where email like ?")) {
            ps.setString(1, "%" + tag + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()));
                }
            }
        }
        return found;
    }

    private static List<String> withoutCreatedAt(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll(",\\d{4}-\\d\\d-\\d\\dT[^,]*,", ",,")).toList();
    }

    @Test
    void aFileWithoutAnEmailColumnIsRefused() {
        importCsv("mail,locale\nana@zbox.test,es\n").then().statusCode(400)
                .body("status", is(400)).body("error", containsString("header: line 1 must name the columns"));
        importCsv("").then().statusCode(400).body("error", containsString("the file is empty"));
    }

    @Test
    void subscriberAdministrationNeedsTheToken() {
        given().contentType("text/csv").body("email\nx@zbox.test\n").post("/admin/v1/subscribers/import").then()
                .statusCode(401);
        given().get("/admin/v1/subscribers/export").then().statusCode(401);
        given().post("/admin/v1/subscribers/restore").then().statusCode(401);
    }
}
