package io.heraldo.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Words of the operators' console. English here; Spanish in {@code messages/console_es.properties}. */
@MessageBundle(value = "console", locale = "en")
public interface ConsoleMessages {

    @Message("Operators' console")
    String console();

    @Message("Skip to the content")
    String skip();

    @Message("Sign in")
    String signIn();

    @Message("Admin token")
    String token();

    @Message("The admin token (heraldo.admin.token) or one of heraldo.admin.tokens.")
    String tokenHint();

    @Message("That token is not an admin token.")
    String wrongToken();

    @Message("The console is closed: set heraldo.admin.token to open it.")
    String closed();

    @Message("Signing in with an admin token is turned off (heraldo.console.token-sign-in).")
    String tokenOff();

    @Message("The provider did not complete the sign-in.")
    String providerFailed();

    @Message("Too many sign-in attempts. Try again in {seconds} seconds.")
    String tooMany(long seconds);

    @Message("Sign out")
    String signOut();

    @Message("Signed in as {actor}")
    String signedInAs(String actor);

    @Message("This form has expired or did not come from the console. Open the page again.")
    String forbidden();

    @Message("Dashboard")
    String dashboard();

    @Message("Components")
    String components();

    @Message("Component")
    String component();

    @Message("Status")
    String status();

    @Message("No components yet: they appear with their first event.")
    String noComponents();

    @Message("Open incidents")
    String openIncidents();

    @Message("No open incidents.")
    String noOpenIncidents();

    @Message("Maintenance")
    String maintenance();

    @Message("No maintenance in progress or scheduled.")
    String noMaintenance();

    @Message("When")
    String window();

    @Message("Latest notifications")
    String latestNotifications();

    @Message("Nothing has been notified yet.")
    String noNotifications();

    @Message("Notification")
    String notification();

    @Message("Channel")
    String channel();

    @Message("Sent")
    String sent();

    @Message("Pending")
    String pending();

    @Message("Failed")
    String failed();

    @Message("Coalesced")
    String coalesced();

    @Message("New incident")
    String newIncident();

    @Message("The window needs a start and an end after it (date and time, {zone}).")
    String windowRequired(String zone);

    @Message("Schedule maintenance")
    String newMaintenance();

    @Message("Update the maintenance")
    String updateMaintenance();

    @Message("Starts ({zone})")
    String startsAt(String zone);

    @Message("Ends ({zone})")
    String endsAt(String zone);

    @Message("Components under maintenance")
    String componentsUnderMaintenance();

    @Message("Leave empty to keep the window.")
    String windowKeep();

    @Message("Subscribers")
    String subscribers();

    @Message("Search by address")
    String searchByEmail();

    @Message("Search")
    String search();

    @Message("Nobody found.")
    String nobodyFound();

    @Message("Email address")
    String email();

    @Message("Language")
    String locale();

    @Message("Since")
    String since();

    @Message("Add a subscriber")
    String addSubscriber();

    @Message("Added subscribers are confirmed at once, as the admin import does: add only people who asked for it.")
    String addHint();

    @Message("Add")
    String add();

    @Message("Unsubscribe")
    String unsubscribe();

    @Message("{#when state}{#is 'pending'}Pending confirmation{#is 'confirmed'}Confirmed{#is 'unsubscribed'}Unsubscribed{#is 'suppressed'}Suppressed (bounces){#else}{state}{/when}")
    String state(String state);

    @Message("{#when outcome}{#is 'added'}Added and confirmed.{#is 'known'}That address was already a subscriber.{#is 'invalid'}That is not an email address.{#is 'unsubscribed'}Unsubscribed.{#else}{/when}")
    String outcome(String outcome);

    @Message("Webhooks")
    String webhooks();

    @Message("No webhooks yet.")
    String noWebhooks();

    @Message("Add a webhook")
    String addWebhook();

    @Message("Events (optional, comma-separated types; empty for all)")
    String eventsField();

    @Message("Events")
    String events();

    @Message("Secret")
    String secret();

    @Message("Added. Its signing secret, shown only now: {secret}")
    String webhookCreated(String secret);

    @Message("Remove")
    String remove();

    @Message("Enabled")
    String enabled();

    @Message("Disabled: {reason}")
    String disabled(String reason);

    @Message("Chat destinations")
    String destinations();

    @Message("No chat destinations yet.")
    String noDestinations();

    @Message("Add a chat destination")
    String addDestination();

    @Message("Type")
    String type();

    @Message("Fields")
    String fields();

    @Message("Fill in the fields the service needs (CONTRACT section 6): url; or token and channel (Slack); token and chatId (Telegram); homeserver, roomId and accessToken (Matrix).")
    String fieldsHint();

    @Message("Send a test")
    String sendTest();

    @Message("Test: {outcome}")
    String testOutcome(String outcome);

    @Message("Notification {event}")
    String notificationOf(String event);

    @Message("Deliveries")
    String deliveries();

    @Message("No delivery is logged one by one for this event (mass channels count their pages only).")
    String noDeliveries();

    @Message("Recipient")
    String recipient();

    @Message("Attempts")
    String attempts();

    @Message("Last error")
    String lastError();

    @Message("Retry")
    String retry();

    @Message("Sent again: it goes out within a sweep.")
    String retried();

    @Message("Delivery log")
    String deliveryLog();

    @Message("Templates")
    String templates();

    @Message("Saved texts in both languages to start an incident from.")
    String templatesIntro();

    @Message("No templates yet.")
    String noTemplates();

    @Message("Name")
    String templateName();

    @Message("A template needs a name (up to 200 characters); titles are up to 200 characters.")
    String templateNameRequired();

    @Message("New template")
    String newTemplate();

    @Message("Edit template")
    String editTemplate();

    @Message("Save")
    String save();

    @Message("Delete")
    String delete();

    @Message("Edit")
    String edit();

    @Message("Start an incident")
    String startIncident();

    @Message("Publish a notice")
    String newNotice();

    @Message("Title in Spanish")
    String titleEs();

    @Message("Title in English")
    String titleEn();

    @Message("Message in Spanish")
    String bodyEs();

    @Message("Message in English")
    String bodyEn();

    @Message("{#when lang}{#is 'es'}Readers in Spanish{#is 'en'}Readers in English{#else}{lang}{/when}")
    String readersIn(String lang);

    @Message("A new title, or empty to keep it.")
    String titleKeep();

    @Message("Write both languages, or one: readers of the other get the one written.")
    String languagesHint();

    @Message("Impact")
    String impact();

    @Message("Components affected")
    String componentsAffected();

    @Message("Unchanged")
    String unchanged();

    @Message("Notify")
    String notifyLabel();

    @Message("{#when channel}{#is 'email'}Email subscribers{#is 'twitter'}X (Twitter){#is 'mastodon'}Mastodon{#is 'bluesky'}Bluesky{#is 'webhook'}Webhooks{#is 'chat'}Chat destinations{#else}{channel}{/when}")
    String channelName(String channel);

    @Message("None checked: a silent update (status page only).")
    String notifyHint();

    @Message("Preview")
    String preview();

    @Message("Publish")
    String publish();

    @Message("Nothing has been sent. This is what each channel will send:")
    String previewIntro();

    @Message("Email subject")
    String emailSubject();

    @Message("Email text")
    String emailText();

    @Message("Post on X")
    String tweet();

    @Message("Mastodon post")
    String toot();

    @Message("Bluesky post")
    String bluesky();

    @Message("Chat message")
    String chat();

    @Message("{length} of {max} characters")
    String lengthOf(int length, int max);

    @Message("Please correct the form:")
    String errors();

    @Message("Incident")
    String incident();

    @Message("Update the incident")
    String updateIncident();

    @Message("Published: the event {event} is on its way.")
    String published(String event);

    @Message("The event has been published and is being applied; reload in a moment.")
    String notYetApplied();

    @Message("Timeline")
    String timeline();

    @Message("Delivery progress")
    String progress();

    @Message("Not yet fanned out.")
    String noProgress();

    @Message("Public page")
    String publicPage();

    @Message("Impact: {impact}")
    String impactIs(String impact);

    @Message("the title is required")
    String titleRequired();

    @Message("the message is required")
    String bodyRequired();

    @Message("Open")
    String open();

    @Message("{#when field}{#is 'title'}Title{#is 'body'}Message{#is 'status'}Status{#is 'impact'}Impact{#else}{field}{/when}")
    String field(String field);
}
