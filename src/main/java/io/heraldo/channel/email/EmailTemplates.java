package io.heraldo.channel.email;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The notification emails, one per family, each in two variants: {@code <name>.txt} and {@code <name>.html}. The
 * composer picks the variant; Qute escapes the HTML one, so event text is always shown as text.
 */
@CheckedTemplate(basePath = "EmailTemplates")
final class EmailTemplates {

    private EmailTemplates() {
    }

    static native TemplateInstance incident(Letter letter);

    /** Every maintenance kind, the reminder included. */
    static native TemplateInstance maintenance(Letter letter);

    static native TemplateInstance notice(Letter letter);

    /** A bare component status change. */
    static native TemplateInstance component(Letter letter);
}
