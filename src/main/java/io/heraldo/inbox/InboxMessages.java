package io.heraldo.inbox;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Words of the support mailbox's replies (status, unsubscribe link). English here; Spanish in {@code messages/inbox_es.properties}. */
@MessageBundle(value = "inbox", locale = "en")
public interface InboxMessages {

    @Message("[{page}] Current status of our services")
    String subject(String page);

    @Message("This is an automatic reply from {page}: we got your message. This is the status of our services right now.")
    String intro(String page);

    @Message("Open incidents")
    String openIncidents();

    @Message("Latest update")
    String latestUpdate();

    @Message("Maintenance in progress")
    String maintenanceNow();

    @Message("Upcoming maintenance")
    String maintenanceUpcoming();

    @Message("There are no open incidents and no maintenance in progress.")
    String allClear();

    @Message("Follow the status as it changes:")
    String follow();

    @Message("From {from} to {until}")
    String window(String from, String until);

    @Message("This reply is sent once per sender at most every so often; your message itself is kept in our support mailbox.")
    String footer();

    // --- the answer to an unsubscribe by mail without a token ---

    @Message("[{page}] Unsubscribe")
    String unsubscribeSubject(String page);

    @Message("We got a message asking to stop the notifications of {page} to {email}. A message's sender can be forged, so nothing changed yet: if you want to unsubscribe, open the link below.")
    String unsubscribeIntro(String page, String email);

    @Message("To unsubscribe, open this link and press the button:")
    String unsubscribeAction();

    @Message("Unsubscribe")
    String unsubscribeButton();

    @Message("If you did not ask for this, ignore this message: you stay subscribed. The unsubscribe link in every notification works at once.")
    String unsubscribeIgnore();
}
