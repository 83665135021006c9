package io.heraldo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The example outage of {@code src/test/resources/events}, one file per event, in publishing order. */
public final class StoryEvents {

    public static final List<String> ALL = List.of(
            "01-component-mailbox.json", "02-component-mta.json", "03-component-proxy.json", "04-component-ldap.json",
            "05-maintenance-ldap-scheduled.json", "06-maintenance-ldap-started.json", "07-maintenance-ldap-completed.json",
            "08-maintenance-mailbox-scheduled.json", "09-incident-ldap-opened.json", "10-incident-ldap-identified.json",
            "11-incident-ldap-monitoring.json", "12-incident-ldap-resolved.json", "13-component-mailbox-outage.json",
            "14-incident-virt-opened.json", "15-incident-virt-resolved.json", "16-notice-ayuda.json",
            "17-metric-imap-latency.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoryEvents() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = StoryEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example event " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String subject(String name) {
        return attribute(name, "subject");
    }

    /** The CloudEvent id of an example event. */
    public static String id(String name) {
        return attribute(name, "id");
    }

    private static String attribute(String name, String attribute) {
        try {
            return JSON.readTree(bytes(name)).get(attribute).asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the events as a producer would: structured mode, keyed by subject. */
    public static void publish(List<String> names) {
        for (String name : names) {
            TestKafka.publishStructured(subject(name), bytes(name));
        }
    }
}
