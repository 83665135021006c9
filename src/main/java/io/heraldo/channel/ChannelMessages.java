package io.heraldo.channel;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words every channel that tells in short messages (X, chat destinations) shares. English here; Spanish in
 * {@code messages/channel_es.properties}. Status, impact and component words are the page's
 * ({@code site.SiteMessages}), so every channel says what the page says.
 */
@MessageBundle(value = "channel", locale = "en")
public interface ChannelMessages {

    @Message("{#when kind}{#is 'MAINTENANCE_SCHEDULED'}Scheduled maintenance{#is 'MAINTENANCE_UPDATED'}Maintenance updated{#is 'MAINTENANCE_STARTED'}Maintenance in progress{#is 'MAINTENANCE_COMPLETED'}Maintenance completed{#is 'MAINTENANCE_CANCELLED'}Maintenance cancelled{#is 'MAINTENANCE_REMINDER'}Maintenance reminder{#else}Maintenance{/when}")
    String maintenanceHeadline(String kind);

    @Message("Status")
    String statusLabel();

    @Message("Window")
    String windowLabel();

    @Message("Latest update")
    String latestUpdate();

    @Message("Reason")
    String reason();

    @Message("and {count} more")
    String andMore(int count);

    @Message("View the incident")
    String viewIncident();

    @Message("View the maintenance")
    String viewMaintenance();

    @Message("Open the status page")
    String openPage();

    @Message("Test message from {pageName}")
    String testHeadline(String pageName);

    @Message("Heraldo will post the status notifications of {pageName} here: every incident and maintenance as one thread where the service has threads.")
    String testBody(String pageName);
}
