package io.heraldo.channel;

import java.util.Map;

/**
 * Who a delivery goes to, as the channel's audience named it.
 *
 * @param id stable and unique within the channel (the Kafka key, the paging cursor, part of the delivery id)
 * @param address where to send (an email address, a webhook URL, an account)
 * @param locale {@code es} or {@code en}
 * @param attributes what else the channel needs to render for this recipient (an unsubscribe token, a secret id)
 */
public record Recipient(String id, String address, String locale, Map<String, String> attributes) {
}
