package io.heraldo.channel.email;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * An incident told in a burst of updates ({@code burst-1} opened … {@code burst-n} resolved), each with a body that
 * names it, and what a reader's mails of it said: which update each mail is, and which bodies it shows in order.
 */
public final class BurstIncident {

    private static final Pattern BODY = Pattern.compile("burst update (\\d+) body");
    private static final Pattern MESSAGE_ID = Pattern.compile("^<burst-(\\d+)\\.");

    /**
     * One mail as its reader got it.
     *
     * @param update the update it is about (its Message-ID)
     * @param bodies the update bodies it shows, in order: its own, then those it carries
     * @param references its {@code References} header
     */
    public record Mail(int update, List<Integer> bodies, String references) {
    }

    private BurstIncident() {
    }

    /** Publishes update {@code update} of {@code updates} through the admin API. */
    public static void publish(String baseUrl, String token, int update, int updates) {
        publish(baseUrl, token, "burst", update, updates);
    }

    /** The same for another incident, {@code inc-<name>}, whose updates are {@code <name>-1} and on. */
    public static void publish(String baseUrl, String token, String name, int update, int updates) {
        String type = update == 1 ? "incident.opened" : update == updates ? "incident.resolved" : "incident.updated";
        String status = update == 1 ? "investigating" : update == updates ? "resolved" : "monitoring";
        String incident = update == 1
                ? """
                        {"id": "inc-%s", "title": "Slow logins", "status": "%s", "impact": "major",
                         "components": {"ldap": "degraded_performance"}}""".formatted(name, status)
                : """
                        {"id": "inc-%s", "status": "%s"}""".formatted(name, status);
        String event = """
                {"specversion": "1.0", "id": "%s-%d", "source": "/ops/test", "type": "%s", "subject": "inc-%s",
                 "time": "2026-11-30T12:%02d:00Z", "datacontenttype": "application/json",
                 "data": {"incident": %s, "update": {"body": "burst update %d body"}}}"""
                .formatted(name, update, type, name, update, incident, update);
        given().baseUri(baseUrl).auth().oauth2(token).contentType("application/cloudevents+json")
                .body(event).post("/admin/v1/events").then().statusCode(202);
    }

    /** The event id of an update. */
    public static String eventId(int update) {
        return "burst-" + update;
    }

    /** Reads a mail of the burst off the wire. */
    public static Mail read(byte[] raw) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        Matcher id = MESSAGE_ID.matcher(mail.getMessageID());
        if (!id.find()) {
            throw new MessagingException("not a mail of the burst: " + mail.getMessageID());
        }
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        List<Integer> bodies = new ArrayList<>();
        Matcher body = BODY.matcher(text);
        while (body.find()) {
            bodies.add(Integer.parseInt(body.group(1)));
        }
        return new Mail(Integer.parseInt(id.group(1)), bodies, mail.getHeader("References", null));
    }
}
