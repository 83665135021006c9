package io.heraldo.channel.email;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the notification emails. English here; Spanish in {@code messages/mail_es.properties}. Status words are
 * the page's ({@code msg:updateStatus}, {@code msg:componentStatus}), so mail and page say the same thing.
 */
@MessageBundle(value = "mail", locale = "en")
public interface MailMessages {

    @Message("{#when kind}{#is 'MAINTENANCE_SCHEDULED'}Scheduled maintenance{#is 'MAINTENANCE_UPDATED'}Maintenance updated{#is 'MAINTENANCE_STARTED'}Maintenance in progress{#is 'MAINTENANCE_COMPLETED'}Maintenance completed{#is 'MAINTENANCE_CANCELLED'}Maintenance cancelled{#is 'MAINTENANCE_REMINDER'}Maintenance reminder{#else}Maintenance{/when}")
    String maintenanceHeadline(String kind);

    @Message("{#when kind}{#is 'MAINTENANCE_SCHEDULED'}We have scheduled maintenance.{#is 'MAINTENANCE_UPDATED'}The scheduled maintenance has changed.{#is 'MAINTENANCE_STARTED'}The maintenance has started.{#is 'MAINTENANCE_COMPLETED'}The maintenance is over.{#is 'MAINTENANCE_CANCELLED'}The maintenance has been cancelled: no work will be done in this window.{#is 'MAINTENANCE_REMINDER'}Reminder: this maintenance starts soon.{#else}{/when}")
    String maintenanceLead(String kind);

    @Message("{#when impact}{#is 'none'}None{#is 'minor'}Minor{#is 'major'}Major{#is 'critical'}Critical{#else}{impact}{/when}")
    String impact(String impact);

    @Message("Status")
    String statusLabel();

    @Message("Impact")
    String impactLabel();

    @Message("Affected components")
    String affected();

    @Message("before")
    String before();

    @Message("Now")
    String now();

    @Message("Before")
    String previously();

    @Message("Reason")
    String reason();

    @Message("Posted")
    String posted();

    @Message("Began")
    String began();

    @Message("From")
    String from();

    @Message("Until")
    String until();

    @Message("Follow this incident")
    String followIncident();

    @Message("See this maintenance")
    String followMaintenance();

    @Message("The invitation attached puts this window in your calendar.")
    String calendarAdds();

    @Message("The invitation attached takes this window out of your calendar.")
    String calendarRemoves();

    @Message("{pageName} status page")
    String statusPage(String pageName);

    @Message("You receive this email because you subscribed to the status notifications of {pageName}.")
    String why(String pageName);

    @Message("To stop receiving them, open this link:")
    String unsubscribeSentence();

    @Message("Unsubscribe")
    String unsubscribe();

    @Message("Your language, components and which notifications you get:")
    String manageSentence();

    @Message("Your preferences")
    String manage();

    @Message("Earlier updates, sent together with this one")
    String earlierUpdates();
}
