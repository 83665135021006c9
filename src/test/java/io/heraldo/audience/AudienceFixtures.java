package io.heraldo.audience;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import io.quarkus.runtime.configuration.DurationConverter;
import io.restassured.response.Response;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Helpers for the audience tests. A test of the shared application works on addresses of its own (a random suffix), and
 * names its own client in {@code X-Forwarded-For}, so no test sees another's subscribers or uses up its rate limit.
 */
public final class AudienceFixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CONFIRM_LINK = Pattern.compile("https?://[^\\s\"<>]+(/subscriptions/confirm\\?token=[A-Za-z0-9_-]+)");

    private AudienceFixtures() {
    }

    /** A suffix that makes a test's addresses its own. */
    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A configuration mapping with nothing set, read by SmallRye Config as the application reads it (direct tests). */
    public static <T> T defaults(Class<T> mapping) {
        // Durations as Quarkus writes them ("15s").
        return new SmallRyeConfigBuilder().withMapping(mapping)
                .withConverter(Duration.class, 100, new DurationConverter()).build().getConfigMapping(mapping);
    }

    /** A client address nobody else uses. */
    public static String client() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public static Response subscribe(String client, String body) {
        return given().header("X-Forwarded-For", client).contentType("application/json").body(body)
                .post("/api/v1/subscriptions");
    }

    public static Response subscribe(String email) {
        return subscribe(client(), "{\"email\": \"" + email + "\"}");
    }

    /** Mail received for this address, oldest first. */
    public static List<MimeMessage> mailsTo(GreenMail greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits for the n-th mail to this address and returns it. */
    public static MimeMessage awaitMail(GreenMail greenMail, String address, int n) {
        await().atMost(WAIT).until(() -> mailsTo(greenMail, address).size() >= n);
        return mailsTo(greenMail, address).get(n - 1);
    }

    /** The path and query of the confirmation link of a mail (the link itself names heraldo.public-url). */
    public static String confirmPath(MimeMessage mail) {
        Matcher m = CONFIRM_LINK.matcher(part(mail, "text/plain"));
        if (!m.find()) {
            throw new AssertionError("no confirmation link in " + part(mail, "text/plain"));
        }
        return m.group(1);
    }

    public static String part(MimeMessage mail, String type) {
        try {
            Multipart multipart = (Multipart) mail.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of a link path. */
    public static String token(String path) {
        return path.substring(path.indexOf("token=") + 6);
    }

    /** Subscribes an address and follows its confirmation link: returns the link's path. */
    public static String subscribeAndConfirm(GreenMail greenMail, String email) {
        int before = mailsTo(greenMail, email).size();
        subscribe(email).then().statusCode(202);
        String path = confirmPath(awaitMail(greenMail, email, before + 1));
        given().get(path).then().statusCode(200);
        return path;
    }
}
