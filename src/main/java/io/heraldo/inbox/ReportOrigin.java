package io.heraldo.inbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import io.heraldo.audience.ReturnPaths;
import io.heraldo.audience.Subscriber;

/**
 * Which subscriber, if any, a delivery report is about. Anyone can write a report, and every header of the returned
 * message is the sender's to choose, {@code From} included: a report counts only when it is tied to mail Heraldo
 * really sent, by either of
 * <ul>
 * <li>the returned {@code Message-ID}: {@code <notification.recipient@domain>} as the email channel writes it, of a
 * notification that exists, to a subscriber whose address is a recipient of the report. The recipient part is the
 * subscriber's random id, which only mail to that subscriber ever shows;</li>
 * <li>the address the report was delivered to: a VERP return path ({@link ReturnPaths}) whose token is genuine and
 * names a subscriber whose address is a recipient of the report.</li>
 * </ul>
 * Only the blocks about that subscriber's address count; anything else in the report is ignored.
 */
final class ReportOrigin {

    /** What a report proved. */
    sealed interface Verdict {
    }

    /** The report is about mail Heraldo sent: these blocks tell what became of it. */
    record Proven(List<Finding> findings) implements Verdict {
    }

    /** Nothing ties the report to mail Heraldo sent; the reason, for the ledger and the log. */
    record Unproven(String reason) implements Verdict {
    }

    /**
     * One subscriber's block.
     *
     * @param proof how the report was tied to the mail: {@code message-id} or {@code return-path}
     */
    record Finding(Subscriber subscriber, DeliveryReport.RecipientStatus status, String proof) {
    }

    private final String domain;
    private final ReturnPaths returnPaths;
    private final Predicate<String> notificationSent;
    private final Function<UUID, Optional<Subscriber>> subscriberById;

    /**
     * @param from the address of {@code heraldo.email.from}: its domain names the Message-IDs
     * @param notificationSent whether a notification of this id exists
     */
    ReportOrigin(String from, ReturnPaths returnPaths, Predicate<String> notificationSent,
            Function<UUID, Optional<Subscriber>> subscriberById) {
        this.domain = messageIdDomain(from);
        this.returnPaths = returnPaths;
        this.notificationSent = notificationSent;
        this.subscriberById = subscriberById;
    }

    /** The domain of the Message-IDs of notifications, as the email channel derives it from the sender address. */
    static String messageIdDomain(String from) {
        return from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
    }

    Verdict judge(DeliveryReport report) {
        // By subscriber: a report proven both ways counts once.
        Map<UUID, Finding> findings = new LinkedHashMap<>();
        List<String> doubts = new ArrayList<>();

        Optional<SentId> sent = SentId.parse(report.returnedMessageId(), domain);
        if (report.returnedMessageId() == null) {
            doubts.add("no returned Message-ID");
        } else if (sent.isEmpty()) {
            doubts.add("returned Message-ID " + report.returnedMessageId() + " is not one of a notification");
        } else if (!notificationSent.test(sent.get().notificationId())) {
            doubts.add("returned Message-ID names no notification that was sent");
        } else {
            collect(sent.get().recipientId(), report, "message-id", findings, doubts);
        }

        boolean returnPath = false;
        for (String address : report.addressedTo()) {
            Optional<ReturnPaths.Verified> verified = returnPaths.verify(address);
            if (verified.isPresent()) {
                returnPath = true;
                collect(verified.get().subscriberId(), report, "return-path", findings, doubts);
            }
        }
        if (!returnPath) {
            doubts.add("not delivered to a return path");
        }
        return findings.isEmpty() ? new Unproven(String.join("; ", doubts)) : new Proven(List.copyOf(findings.values()));
    }

    private void collect(UUID subscriberId, DeliveryReport report, String proof, Map<UUID, Finding> findings,
            List<String> doubts) {
        Optional<Subscriber> subscriber = subscriberById.apply(subscriberId);
        if (subscriber.isEmpty()) {
            doubts.add(proof + " names no subscriber");
            return;
        }
        Optional<DeliveryReport.RecipientStatus> block = report.recipients().stream()
                .filter(r -> r.isAbout(subscriber.get().email())).findFirst();
        if (block.isEmpty()) {
            doubts.add(proof + " is of a subscriber the report is not about");
            return;
        }
        findings.putIfAbsent(subscriberId, new Finding(subscriber.get(), block.get(), proof));
    }

    /**
     * The two ids of a notification's Message-ID: {@code <idPart(notification).idPart(recipient)@domain>}, where
     * {@code idPart} keeps letters, digits and '-' and writes every other octet of the UTF-8 as {@code _XX}; so the
     * one '.' separates them.
     */
    record SentId(String notificationId, UUID recipientId) {

        static Optional<SentId> parse(String messageId, String domain) {
            if (messageId == null || !messageId.startsWith("<") || !messageId.endsWith(">")) {
                return Optional.empty();
            }
            String id = messageId.substring(1, messageId.length() - 1);
            int at = id.lastIndexOf('@');
            if (at < 0 || !id.substring(at + 1).equalsIgnoreCase(domain)) {
                return Optional.empty();
            }
            String local = id.substring(0, at);
            int dot = local.indexOf('.');
            if (dot < 0 || local.indexOf('.', dot + 1) >= 0) {
                return Optional.empty();
            }
            Optional<String> notification = decode(local.substring(0, dot));
            Optional<String> recipient = decode(local.substring(dot + 1));
            if (notification.isEmpty() || notification.get().isEmpty() || recipient.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new SentId(notification.get(), UUID.fromString(recipient.get())));
            } catch (IllegalArgumentException notASubscriber) {
                return Optional.empty();
            }
        }

        /** The inverse of the email channel's {@code idPart}; empty for what it never writes. */
        static Optional<String> decode(String part) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '_') {
                    if (i + 2 >= part.length()) {
                        return Optional.empty();
                    }
                    int high = hex(part.charAt(i + 1));
                    int low = hex(part.charAt(i + 2));
                    if (high < 0 || low < 0) {
                        return Optional.empty();
                    }
                    int b = high << 4 | low;
                    if (b < 0x80 && (Character.isLetterOrDigit(b) || b == '-')) {
                        return Optional.empty(); // written as itself, never escaped
                    }
                    bytes.write(b);
                    i += 2;
                } else if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
                    bytes.write(c);
                } else {
                    return Optional.empty();
                }
            }
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                        .toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }

        /** Upper-case hex only, as written. */
        private static int hex(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
