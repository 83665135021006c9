package io.heraldo.inbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;

/**
 * A delivery status notification (RFC 3464): {@code multipart/report; report-type=delivery-status} whose
 * {@code message/delivery-status} part holds one block of fields per recipient ({@code Final-Recipient},
 * {@code Action}, {@code Status}), and whose third part returns the headers of the message that bounced.
 * <p>
 * Anyone can write one, with any {@code From} in the returned headers: what ties it to mail Heraldo sent is the
 * returned {@code Message-ID} or the address it was delivered to (a VERP return path); see {@link ReportOrigin}.
 *
 * @param recipients what became of each recipient
 * @param returnedMessageId the {@code Message-ID} of the returned message, or {@code null} when none came back
 * @param addressedTo the addresses the report itself was delivered to: {@code Delivered-To}, {@code X-Original-To}
 *        and {@code To}, in that order
 */
record DeliveryReport(List<RecipientStatus> recipients, String returnedMessageId, List<String> addressedTo) {

    /** Status parts and returned headers are small; anything beyond this is not read. */
    static final int MAX_PART = 64 * 1024;

    private static final Pattern STATUS = Pattern.compile("^([245])\\.\\d{1,3}\\.\\d{1,3}");

    /** Headers of the report that may name a return path, the most telling first. */
    static final List<String> ADDRESSED_TO = List.of("Delivered-To", "X-Original-To", "To");
    /** Addresses read from them, at most. */
    private static final int MAX_ADDRESSES = 20;

    /**
     * One recipient's block.
     *
     * @param address the final recipient (else the original one), without its address type
     * @param originalAddress the original recipient when the block names one, else {@code null}
     * @param status the RFC 3463 status code ({@code 5.1.1}), as written
     */
    record RecipientStatus(String address, String originalAddress, String action, String status) {

        /** Whether the block is about this address, as final or original recipient (case aside). */
        boolean isAbout(String email) {
            return email != null && (email.equalsIgnoreCase(address) || email.equalsIgnoreCase(originalAddress));
        }

        /** {@code 5.x.x}: the address will not take mail. */
        boolean permanent() {
            return statusClass() == '5';
        }

        /** {@code 4.x.x}: it may later. */
        boolean temporary() {
            return statusClass() == '4';
        }

        /** {@code 2.x.x}: it did. */
        boolean delivered() {
            return statusClass() == '2';
        }

        private char statusClass() {
            Matcher m = status == null ? null : STATUS.matcher(status.trim());
            return m != null && m.find() ? m.group(1).charAt(0) : '?';
        }
    }

    /** Whether a message is a delivery report by its content type. */
    static boolean is(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            ContentType type = new ContentType(contentType);
            String reportType = type.getParameter("report-type");
            return type.match("multipart/report") && reportType != null
                    && reportType.trim().equalsIgnoreCase("delivery-status");
        } catch (ParseException e) {
            return false;
        }
    }

    /**
     * The report a message carries.
     *
     * @throws MessagingException when the message says it is a report but is not one that can be read
     */
    static DeliveryReport of(Message message) throws MessagingException, IOException {
        if (!(message.getContent() instanceof Multipart report)) {
            throw new MessagingException("a multipart/report that is not multipart");
        }
        List<RecipientStatus> recipients = null;
        String returnedMessageId = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                try (InputStream in = part.getInputStream()) {
                    recipients = recipients(new ByteArrayInputStream(in.readNBytes(MAX_PART)));
                }
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")
                    || part.isMimeType("message/global-headers")) {
                try (InputStream in = part.getInputStream()) {
                    returnedMessageId = InboundMail.wellFormedId(
                            new InternetHeaders(new ByteArrayInputStream(in.readNBytes(MAX_PART))).getHeader("Message-ID", ","));
                }
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")) {
                Object returned = part.getContent();
                if (returned instanceof Part returnedPart) {
                    String[] id = returnedPart.getHeader("Message-ID");
                    returnedMessageId = InboundMail.wellFormedId(id == null ? null : id[0]);
                }
            }
        }
        if (recipients == null) {
            throw new MessagingException("a delivery report without a message/delivery-status part");
        }
        return new DeliveryReport(recipients, returnedMessageId, addressedTo(message));
    }

    /** Every address of the headers that tell where the report was delivered, unparseable ones left out. */
    static List<String> addressedTo(Part message) throws MessagingException {
        List<String> addresses = new ArrayList<>();
        for (String name : ADDRESSED_TO) {
            String[] values = message.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                try {
                    for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                        if (address.getAddress() != null && addresses.size() < MAX_ADDRESSES) {
                            addresses.add(address.getAddress());
                        }
                    }
                } catch (AddressException e) {
                    // not an address: it names nothing
                }
            }
        }
        return List.copyOf(addresses);
    }

    /** The per-recipient blocks of a {@code message/delivery-status} body (the per-message block comes first). */
    static List<RecipientStatus> recipients(InputStream body) throws MessagingException {
        List<RecipientStatus> result = new ArrayList<>();
        new InternetHeaders(body); // per-message fields: Reporting-MTA, Arrival-Date...
        for (int blocks = 0; blocks < 1000; blocks++) {
            InternetHeaders block = new InternetHeaders(body);
            if (!block.getAllHeaders().hasMoreElements()) {
                // One blank line too many between blocks, or the end.
                if (available(body)) {
                    continue;
                }
                break;
            }
            String original = address(block.getHeader("Original-Recipient", ","));
            String recipient = address(block.getHeader("Final-Recipient", ","));
            if (recipient == null) {
                recipient = original;
            }
            String action = block.getHeader("Action", ",");
            String status = block.getHeader("Status", ",");
            if (recipient != null && status != null) {
                result.add(new RecipientStatus(recipient, original,
                        action == null ? null : action.trim().toLowerCase(Locale.ROOT), status.trim()));
            }
        }
        return result;
    }

    private static boolean available(InputStream in) {
        try {
            return in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code rfc822; user@example.com} → {@code user@example.com}. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String value = (semicolon < 0 ? field : field.substring(semicolon + 1)).trim();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        return value.isEmpty() || value.contains(" ") || !value.contains("@") ? null : value;
    }
}
