package io.heraldo.site;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Words of the public page. English here; Spanish in {@code messages/msg_es.properties}. */
@MessageBundle(value = "msg", locale = "en")
public interface SiteMessages {

    @Message("Current status")
    String currentStatus();

    @Message("{#when indicator}{#is 'none'}All systems operational{#is 'minor'}Some systems have minor problems{#is 'major'}Some systems are partially down{#is 'critical'}There is a major outage{#is 'maintenance'}Maintenance in progress{/when}")
    String indicator(String indicator);

    @Message("{#when status}{#is 'operational'}Operational{#is 'degraded_performance'}Degraded performance{#is 'partial_outage'}Partial outage{#is 'major_outage'}Major outage{#is 'under_maintenance'}Under maintenance{#else}{status}{/when}")
    String componentStatus(String status);

    @Message("{#when status}{#is 'investigating'}Investigating{#is 'identified'}Identified{#is 'monitoring'}Monitoring{#is 'resolved'}Resolved{#is 'postmortem'}Postmortem{#is 'scheduled'}Scheduled{#is 'in_progress'}In progress{#is 'verifying'}Verifying{#is 'completed'}Completed{#is 'cancelled'}Cancelled{#else}{status}{/when}")
    String updateStatus(String status);

    @Message("Components")
    String components();

    @Message("Open incidents")
    String openIncidents();

    @Message("No open incidents.")
    String noOpenIncidents();

    @Message("Maintenance")
    String maintenance();

    @Message("No maintenance in progress or scheduled.")
    String noMaintenance();

    @Message("From {from} to {until}")
    String window(String from, String until);

    @Message("Affects")
    String affects();

    @Message("Status data")
    String statusData();

    @Message("Updated")
    String updated();
}
