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

    @Message("Site")
    String site();

    @Message("{#when lang}{#is 'es'}Español{#is 'en'}English{#is 'pt'}Português{#else}{lang}{/when}")
    String languageName(String lang);

    @Message("Times in {zone}")
    String timesIn(String zone);

    @Message("History")
    String history();

    @Message("Past incidents, maintenance and notices")
    String historyTitle();

    @Message("Since")
    String since();

    @Message("{uptime} uptime in 90 days")
    String uptime(String uptime);

    @Message("90 days ago")
    String daysAgo();

    @Message("Today")
    String today();

    @Message("Metrics")
    String metrics();

    @Message("{#when period}{#is 'day'}Last 24 hours{#else}Last 7 days{/when}")
    String period(String period);

    @Message("min {min} · max {max} · last {last}")
    String chartSummary(String min, String max, String last);

    @Message("No data in this period.")
    String noMetricData();

    @Message("Get notified")
    String subscribe();

    @Message("Get an email when an incident opens or maintenance is scheduled. Pick components, or none to hear about all of them.")
    String subscribeIntro();

    @Message("Email address")
    String email();

    @Message("Components")
    String whichComponents();

    @Message("Subscribe")
    String subscribeButton();

    @Message("Which notifications")
    String whichKinds();

    @Message("{#when kinds}{#is 'major'}Major incidents and maintenance only{#is 'lifecycle'}Only when an incident opens or is resolved, and when maintenance is scheduled, starts or ends{#else}Every update{/when}")
    String kindsChoice(String kinds);

    @Message("{#when outcome}{#is 'accepted'}Check your inbox{#is 'limited'}Too many requests{#is 'unavailable'}Subscriptions are unavailable{#else}Please check the form{/when}")
    String subscribedTitle(String outcome);

    @Message("{#when outcome}{#is 'accepted'}If this address is not subscribed yet, we have sent it an email with a confirmation link. Click the link to start receiving notifications; nothing is sent until then.{#is 'limited'}Please try again in {detail} minutes.{#is 'unavailable'}This status page cannot send email right now. Please try again later.{#else}{#when detail}{#is 'email'}That email address does not look right.{#is 'locale'}That language is not offered.{#is 'kinds'}That choice of notifications is not offered.{#else}The components chosen are not valid.{/when}{/when}")
    String subscribedText(String outcome, String detail);

    @Message("Newer")
    String newer();

    @Message("Older")
    String older();

    @Message("Page {page} of {pages}")
    String pageOf(int page, int pages);

    @Message("Nothing here yet.")
    String nothingYet();

    @Message("{#when kind}{#is 'incident'}Incident{#is 'maintenance'}Maintenance{#is 'notice'}Notice{#else}{kind}{/when}")
    String kind(String kind);

    @Message("{#when impact}{#is 'none'}No impact{#is 'minor'}Minor{#is 'major'}Major{#is 'critical'}Critical{#is 'maintenance'}Maintenance{#else}{impact}{/when}")
    String impact(String impact);

    @Message("Impact")
    String impactLabel();

    @Message("Summary")
    String summary();

    @Message("Started")
    String started();

    @Message("Resolved")
    String resolvedAt();

    @Message("Scheduled for")
    String scheduledWindow();

    @Message("Finished")
    String finishedAt();

    @Message("Duration")
    String durationLabel();

    @Message("ongoing")
    String ongoing();

    @Message("Updates")
    String updates();

    @Message("Back to the status page")
    String backHome();

    @Message("Not found")
    String notFoundTitle();

    @Message("There is nothing at this address. The incident or maintenance may have another name, or the link is incomplete.")
    String notFoundText();
}
