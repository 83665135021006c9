package io.heraldo.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import io.heraldo.console.ChannelPreviews.Preview;
import io.heraldo.event.InvalidEventException;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Posting an event form, the same for an incident, a notice and a maintenance: the form's problems in the operator's
 * language; with none and {@code action=publish}, the event published, audited, and a 303 to its page; otherwise (a
 * preview, problems, or an event the rules refuse) the form to show again, 200 with the previews or 400 with the
 * errors, audited under {@code <path>/preview} or {@code <path>/publish}.
 */
public final class EventPublishing {

    private EventPublishing() {
    }

    /** Publishes the event; the rules may still refuse it with an {@link InvalidEventException}. */
    @FunctionalInterface
    interface Publisher {
        void publish();
    }

    /**
     * One posted form: its ids, its problems, how to publish it, the path it is audited under (and the target of the
     * preview's entry), the page that shows it once published, and its previews.
     */
    record Posted(String id, String eventId, Supplier<List<IncidentForm.Problem>> problems, Publisher publisher,
            String path, String previewTarget, String publishedPage, Supplier<List<Preview>> previews) {
    }

    /** A 303 once published ({@code published}); else the status, errors and previews to show the form again with. */
    record Outcome(Response published, Response.Status status, List<String> errors, List<Preview> previews) {
    }

    static Outcome post(ConsolePost post, Posted posted, boolean publish, String lang) {
        ConsoleMessages words = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(lang));
        List<String> errors = posted.id().isEmpty() ? List.of(words.field("id"))
                : posted.problems().get().stream().map(problem -> problem.text().apply(words)).toList();
        if (errors.isEmpty() && publish) {
            try {
                posted.publisher().publish();
                post.audit(posted.path() + "/publish", posted.eventId(), 303);
                return new Outcome(Response.seeOther(URI.create(posted.publishedPage() + "?event="
                        + encoded(posted.eventId()))).build(), Response.Status.SEE_OTHER, List.of(), null);
            } catch (InvalidEventException e) {
                errors = List.of(e.getMessage());
            }
        }
        List<Preview> shown = errors.isEmpty() ? posted.previews().get() : null;
        Response.Status status = errors.isEmpty() ? Response.Status.OK : Response.Status.BAD_REQUEST;
        post.audit(posted.path() + (publish ? "/publish" : "/preview"), posted.previewTarget(),
                status.getStatusCode());
        return new Outcome(null, status, errors, shown);
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
