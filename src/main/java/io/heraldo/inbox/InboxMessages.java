package io.heraldo.inbox;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Words of the support mailbox's status reply. English here; Spanish in {@code messages/inbox_es.properties}. */
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
}
