package io.heraldo.site.feed;

import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the history as Atom 1.0 (RFC 4287) and RSS 2.0. Every piece of event text goes through the XML writer's
 * escaping after {@link #xmlText} removed what XML 1.0 cannot hold (controls, lone surrogates), so a title such as
 * {@code <script>} or {@code ]]>} stays text and the document always parses.
 */
public final class HistoryFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    /** RFC 822 with a four-digit year, as RSS 2.0 readers expect it. */
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /**
     * What a feed says about itself.
     *
     * @param title the page name
     * @param publicUrl {@code heraldo.public-url}
     * @param lang the page's language
     * @param pageUpdated when the page last changed: the feed's date when it has no entries
     */
    public record Header(String title, String publicUrl, String lang, OffsetDateTime pageUpdated) {

        String base() {
            return publicUrl.replaceAll("/+$", "");
        }
    }

    private HistoryFeed() {
    }

    /** The Atom feed, UTF-8. */
    public static byte[] atom(Header header, List<FeedEntry> entries) {
        return document("Atom feed", entries.size(), xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml", XML, "lang", xmlText(header.lang()));
            element(xml, "id", header.base() + "/history.atom");
            element(xml, "title", header.title());
            element(xml, "updated", rfc3339(updated(header, entries)));
            link(xml, "self", "application/atom+xml", header.base() + "/history.atom");
            link(xml, "alternate", "text/html", header.base() + "/history");
            xml.writeStartElement("author");
            element(xml, "name", header.title());
            xml.writeEndElement();
            element(xml, "generator", "Heraldo");
            for (FeedEntry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", entry.id());
                element(xml, "title", entry.title());
                link(xml, "alternate", "text/html", entry.link());
                element(xml, "published", rfc3339(entry.published()));
                element(xml, "updated", rfc3339(entry.published()));
                xml.writeEmptyElement("category");
                xml.writeAttribute("term", entry.category());
                if (entry.body() != null && !entry.body().isBlank()) {
                    xml.writeStartElement("content");
                    xml.writeAttribute("type", "text");
                    if (entry.lang() != null && !entry.lang().isBlank()) {
                        xml.writeAttribute("xml", XML, "lang", xmlText(entry.lang()));
                    }
                    xml.writeCharacters(xmlText(entry.body()));
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /** The RSS 2.0 feed, UTF-8. */
    public static byte[] rss(Header header, List<FeedEntry> entries) {
        return document("RSS feed", entries.size(), xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", ATOM);
            xml.writeStartElement("channel");
            element(xml, "title", header.title());
            element(xml, "link", header.base() + "/history");
            element(xml, "description", header.title());
            element(xml, "language", header.lang());
            element(xml, "lastBuildDate", rfc822(updated(header, entries)));
            element(xml, "generator", "Heraldo");
            xml.writeEmptyElement("atom", "link", ATOM);
            xml.writeAttribute("href", xmlText(header.base() + "/history.rss"));
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            for (FeedEntry entry : entries) {
                xml.writeStartElement("item");
                element(xml, "title", entry.title());
                element(xml, "link", entry.link());
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(xmlText(entry.id()));
                xml.writeEndElement();
                element(xml, "pubDate", rfc822(entry.published()));
                element(xml, "category", entry.category());
                if (entry.body() != null && !entry.body().isBlank()) {
                    // Readers take an RSS description as HTML: the text is escaped as HTML first, so markup in an
                    // update shows as the characters it is.
                    element(xml, "description", html(entry.body()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** One UTF-8 XML document around what {@code body} writes. */
    private static byte[] document(String what, int entries, Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + entries * 512);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the " + what, e);
        }
        return bytes.toByteArray();
    }

    private static OffsetDateTime updated(Header header, List<FeedEntry> entries) {
        return entries.stream().map(FeedEntry::published).max(OffsetDateTime::compareTo).orElse(header.pageUpdated());
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlText(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlText(href));
    }

    static String rfc3339(OffsetDateTime time) {
        return RFC_3339.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static String rfc822(OffsetDateTime time) {
        return RFC_822.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * Text XML 1.0 can hold: controls other than tab and line breaks, lone surrogates and the non-characters
     * U+FFFE/U+FFFF go; a CR LF becomes one LF.
     */
    public static String xmlText(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length();) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r') {
                if (i < value.length() && value.charAt(i) == '\n') {
                    continue;
                }
                out.append('\n');
            } else if (c == '\t' || c == '\n' || (!Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF)
                    && c != 0xFFFE && c != 0xFFFF)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** Plain text as HTML: the five special characters escaped, line breaks as {@code <br>}. */
    static String html(String text) {
        String clean = xmlText(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("<br>\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
