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

    @Message("Every notification has a link to unsubscribe with one click.")
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
}
