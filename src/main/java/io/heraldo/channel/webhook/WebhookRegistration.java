package io.heraldo.channel.webhook;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import io.heraldo.channel.NotificationType;
import io.heraldo.platform.http.TargetGuard;

/**
 * Checks what an operator asks to register and says which field is wrong. Plain: the {@link TargetGuard} it is
 * given decides about addresses.
 */
public final class WebhookRegistration {

    /** A field at fault and why. */
    public static final class InvalidWebhook extends Exception {
        public InvalidWebhook(String field, String reason) {
            super(field + ": " + reason);
        }
    }

    /** What was asked, as read from the request body. */
    public record Request(String url, List<String> events, List<String> components, String secret) {
    }

    /** What to store. */
    public record Valid(String url, List<String> events, List<String> components, WebhookSecret secret) {
    }

    private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TargetGuard guard;

    public WebhookRegistration(TargetGuard guard) {
        this.guard = guard;
    }

    public Valid validate(Request request) throws InvalidWebhook {
        URI url;
        try {
            url = TargetGuard.parse(request.url());
        } catch (TargetGuard.RefusedTarget e) {
            throw new InvalidWebhook("url", e.getMessage());
        }
        try {
            guard.addresses(url);
        } catch (TargetGuard.RefusedTarget e) {
            throw new InvalidWebhook("url", e.getMessage());
        } catch (UnknownHostException e) {
            // Accepted: the name may be created later, and every delivery checks the addresses it resolves to then.
        }
        List<String> events = new ArrayList<>(new LinkedHashSet<>(request.events() == null ? List.of() : request.events()));
        for (String event : events) {
            if (event == null || NotificationType.ofWire(event).isEmpty()) {
                throw new InvalidWebhook("events", "unknown event type '" + event + "'; one of "
                        + java.util.Arrays.stream(NotificationType.values()).map(NotificationType::wire).toList());
            }
        }
        List<String> components = new ArrayList<>(
                new LinkedHashSet<>(request.components() == null ? List.of() : request.components()));
        for (String component : components) {
            if (component == null || !COMPONENT_ID.matcher(component).matches()) {
                throw new InvalidWebhook("components", "'" + component + "' is not a component id (1-64 of A-Za-z0-9._:-)");
            }
        }
        WebhookSecret secret;
        if (request.secret() == null) {
            secret = WebhookSecret.generate();
        } else {
            try {
                secret = WebhookSecret.parse(request.secret());
            } catch (IllegalArgumentException e) {
                throw new InvalidWebhook("secret", e.getMessage());
            }
        }
        return new Valid(url.toString(), List.copyOf(events), List.copyOf(components), secret);
    }
}
