package io.heraldo.audience;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Words of the confirmation mail and the subscription pages. English here; Spanish in
 * {@code messages/subscription_es.properties}.
 */
@MessageBundle(value = "subscription", locale = "en")
public interface AudienceMessages {

    // --- the confirmation mail ---

    @Message("[{page}] Confirm your subscription")
    String confirmSubject(String page);

    @Message("Someone, hopefully you, asked to receive the status notifications of {page} at {email}.")
    String mailIntro(String page, String email);

    @Message("To confirm, open this link:")
    String mailAction();

    @Message("Confirm my subscription")
    String mailButton();

    @Message("Once confirmed, you will get an email when an incident starts, changes or is resolved, and about scheduled maintenance, for every component.")
    String mailNextAll();

    @Message("Once confirmed, you will get an email when an incident starts, changes or is resolved, and about scheduled maintenance, for these components: {components}.")
    String mailNextSome(String components);

    @Message("{#when kinds}{#is 'major'}Of those, you chose major incidents and maintenance only.{#is 'lifecycle'}Of those, you chose only when an incident opens or is resolved, and when maintenance is scheduled, starts or ends.{/when}")
    String mailKinds(String kinds);

    @Message("Every notification has a link to your own page, to change what you get, and one to unsubscribe with one click.")
    String mailUnsubscribe();

    @Message("If you did not ask for this, ignore this message: without confirmation you will get nothing more.")
    String mailIgnore();

    // --- the pages ---

    @Message("Subscription confirmed")
    String confirmedTitle();

    @Message("Your subscription to the notifications of {page} is confirmed. You will get an email when an incident starts, changes or is resolved, and about scheduled maintenance.")
    String confirmedBody(String page);

    @Message("This link is not valid")
    String invalidTitle();

    @Message("The link is incomplete or no longer valid: a newer confirmation mail may have replaced it. Subscribe again to get a new one.")
    String invalidBody();

    @Message("Unsubscribe")
    String unsubscribeTitle();

    @Message("Stop the notifications of {page} to {email}?")
    String unsubscribeQuestion(String page, String email);

    @Message("Unsubscribe")
    String unsubscribeButton();

    @Message("You are unsubscribed")
    String unsubscribedTitle();

    @Message("{email} will get no more notifications from {page}. You can subscribe again at any time.")
    String unsubscribedBody(String page, String email);

    @Message("Current status")
    String backToStatus();

    // --- the subscriber's own page ---

    @Message("Your notifications")
    String manageTitle();

    @Message("What {page} sends to {email}.")
    String manageIntro(String page, String email);

    @Message("Language")
    String languageLabel();

    @Message("{#when lang}{#is 'es'}Español{#is 'en'}English{#is 'pt'}Português{#else}{lang}{/when}")
    String languageName(String lang);

    @Message("Components (none ticked: every component)")
    String componentsLabel();

    @Message("Which notifications")
    String kindsLabel();

    @Message("{#when kinds}{#is 'major'}Major incidents and maintenance only{#is 'lifecycle'}Only when an incident opens or is resolved, and when maintenance is scheduled, starts or ends{#else}Every update{/when}")
    String kindsChoice(String kinds);

    @Message("Save")
    String saveButton();

    @Message("Saved. The next notifications follow these choices.")
    String savedNote();

    @Message("Or stop every notification:")
    String unsubscribeLead();

    @Message("{email} gets no notifications from {page}. To get them again, subscribe on the status page.")
    String notSubscribed(String page, String email);

    @Message("{#when field}{#is 'locale'}That language is not offered.{#is 'kinds'}That choice of notifications is not offered.{#else}The components chosen are not valid.{/when} Nothing was changed.")
    String invalidChoice(String field);
}
