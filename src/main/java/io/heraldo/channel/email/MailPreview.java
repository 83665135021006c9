package io.heraldo.channel.email;

/**
 * What a reader of one language would get by mail, shown before anything is sent (the operators' console).
 *
 * @param subject the Subject header as the reader sees it (decoded)
 * @param text the text part, with the reader's unsubscribe token left out of its link
 */
public record MailPreview(String subject, String text) {
}
