package io.heraldo.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.Kinds;
import io.heraldo.audience.Subscriber;
import io.heraldo.audience.SubscriberState;
import io.heraldo.audience.Subscriptions;
import io.heraldo.audience.TokenPage;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET}/{@code POST /subscriptions/manage?token=}: the subscriber's own page, linked from every mail. A plain
 * form, no script: language, components, kinds, and a button to unsubscribe. The page answers a change with itself,
 * showing what is now stored. It lives with the site because it lists the page's components.
 */
@Path(ManagePageResource.PATH)
@Produces(MediaType.TEXT_HTML)
public class ManagePageResource {

    public static final String PATH = "/subscriptions/manage";

    /** A component as the form offers it. */
    public record Choice(String id, String name, boolean chosen) {
    }

    /**
     * @param state {@code form}, {@code saved}, {@code invalid} (a field was refused: {@code detail} names it),
     *        {@code unsubscribed} or {@code inactive} (not a confirmed subscriber: nothing to choose)
     */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance manage(String page, String lang, String state, String detail, String email,
                String action, List<String> languages, String locale, List<Choice> components, List<String> kinds,
                String chosenKinds);

        static native TemplateInstance invalidLink(String page, String lang);
    }

    private final Subscriptions subscriptions;
    private final PageSnapshots snapshots;
    private final HeraldoConfig config;

    public ManagePageResource(Subscriptions subscriptions, PageSnapshots snapshots, HeraldoConfig config) {
        this.subscriptions = subscriptions;
        this.snapshots = snapshots;
        this.config = config;
    }

    @GET
    @Blocking
    public Response show(@QueryParam("token") String token, @QueryParam("lang") String lang) {
        Optional<Subscriber> subscriber = subscriptions.managing(token);
        if (subscriber.isEmpty()) {
            return invalidLink(lang);
        }
        Subscriber s = subscriber.get();
        String chosen = Languages.choose(lang, null, s.locale());
        return page(200, s.state() == SubscriberState.CONFIRMED ? "form" : "inactive", null, s, chosen, token);
    }

    /** {@code action=save} (the default) stores the form's choices; {@code action=unsubscribe} stops every mail. */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@QueryParam("token") String token, @FormParam("action") String action,
            @FormParam("locale") String locale, @FormParam("components") List<String> components,
            @FormParam("kinds") String kinds) {
        Optional<Subscriber> current = subscriptions.managing(token);
        if (current.isEmpty()) {
            return invalidLink(null);
        }
        Subscriber s = current.get();
        if ("unsubscribe".equals(action)) {
            Subscriber after = subscriptions.unsubscribeManaged(token).orElse(s);
            return page(200, "unsubscribed", null, after, after.locale(), token);
        }
        if (s.state() != SubscriberState.CONFIRMED) {
            return page(409, "inactive", null, s, s.locale(), token);
        }
        try {
            Subscriber after = subscriptions.changePreferences(token, locale,
                    components == null ? List.of() : components, Kinds.given(kinds)).orElse(s);
            // The answer is in the language just chosen: what the next mails will be written in.
            return page(200, "saved", null, after, after.locale(), token);
        } catch (InvalidFieldException e) {
            return page(400, "invalid", e.field(), s, s.locale(), token);
        }
    }

    private Response page(int status, String state, String detail, Subscriber subscriber, String lang, String token) {
        String action = PATH + "?token=" + token.strip();
        List<String> kinds = List.of(Kinds.ALL.wire(), Kinds.MAJOR.wire(), Kinds.LIFECYCLE.wire());
        TemplateInstance page = Templates.manage(config.page().name(), lang, state, detail, subscriber.email(), action,
                Languages.supported(), subscriber.locale(), components(subscriber.components()), kinds,
                subscriber.kinds().wire());
        return TokenPage.of(status, page, lang);
    }

    /** The page's components, then any the subscriber follows that the page no longer shows: unticking is allowed. */
    private List<Choice> components(List<String> followed) {
        List<Choice> choices = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Statuspage.Component component : snapshots.current().components()) {
            if (!component.group()) {
                choices.add(new Choice(component.id(), component.name(), followed.contains(component.id())));
                shown.add(component.id());
            }
        }
        followed.stream().filter(id -> !shown.contains(id)).forEach(id -> choices.add(new Choice(id, id, true)));
        return choices;
    }

    private Response invalidLink(String lang) {
        String chosen = Languages.choose(lang, null, config.defaultLocale());
        return TokenPage.of(400, Templates.invalidLink(config.page().name(), chosen), chosen);
    }
}
