package io.heraldo.site.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

class HistoryFeedTest {

    static final String HOSTILE = "<script>alert(1)</script> ]]> & \"q\" \u0000\u0007\u001b\uFFFE\uD800 fin";
    static final String HOSTILE_CLEAN = "<script>alert(1)</script> ]]> & \"q\"  fin";

    private static final OffsetDateTime OPENED = OffsetDateTime.parse("2015-02-10T13:00:00-03:00");
    private static final HistoryFeed.Header HEADER = new HistoryFeed.Header("ZBox <Mail>", "https://status.zboxapp.test",
            "es", OffsetDateTime.parse("2015-02-11T00:00:00Z"));

    private final List<FeedEntry> entries = List.of(
            new FeedEntry("urn:heraldo:zbox:incident-update:e2", "incident", HOSTILE,
                    "https://status.zboxapp.test/incidents/inc-1", HOSTILE + "\r\nsegunda línea", "es",
                    OPENED.plusMinutes(30)),
            new FeedEntry("urn:heraldo:zbox:incident-update:e1", "incident", "Problemas — Investigando",
                    "https://status.zboxapp.test/incidents/inc-1", "Investigamos.", "es", OPENED),
            new FeedEntry("urn:heraldo:zbox:notice:n1", "notice", "Aviso", "https://status.zboxapp.test/history", null,
                    null, OPENED.minusDays(1)));

    @Test
    void theAtomFeedParsesWithOneEntryPerUpdateNewestFirst() throws Exception {
        byte[] atom = HistoryFeed.atom(HEADER, entries);
        SyndFeed feed = parse(atom);

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("ZBox <Mail>");
        assertThat(feed.getPublishedDate()).isEqualTo(date(OPENED.plusMinutes(30)));
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).containsExactly(
                "urn:heraldo:zbox:incident-update:e2", "urn:heraldo:zbox:incident-update:e1", "urn:heraldo:zbox:notice:n1");
        SyndEntry first = feed.getEntries().get(0);
        assertThat(first.getTitle()).isEqualTo(HOSTILE_CLEAN);
        assertThat(first.getLink()).isEqualTo("https://status.zboxapp.test/incidents/inc-1");
        assertThat(first.getPublishedDate()).isEqualTo(date(OPENED.plusMinutes(30)));
        assertThat(first.getContents().get(0).getValue()).isEqualTo(HOSTILE_CLEAN + "\nsegunda línea");
        assertThat(first.getContents().get(0).getType()).isEqualTo("text");
        assertThat(feed.getEntries().get(2).getContents()).isEmpty();

        String xml = new String(atom, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<script>").doesNotContain("]]>").contains("&lt;script&gt;");
        assertThat(xml).contains("<updated>2015-02-10T16:30:00Z</updated>");
    }

    @Test
    void theRssFeedParsesAndItsDescriptionsAreTextNotMarkup() throws Exception {
        byte[] rss = HistoryFeed.rss(HEADER, entries);
        SyndFeed feed = parse(rss);

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("ZBox <Mail>");
        assertThat(feed.getLink()).isEqualTo("https://status.zboxapp.test/history");
        assertThat(feed.getLanguage()).isEqualTo("es");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri).containsExactly(
                "urn:heraldo:zbox:incident-update:e2", "urn:heraldo:zbox:incident-update:e1", "urn:heraldo:zbox:notice:n1");
        SyndEntry first = feed.getEntries().get(0);
        assertThat(first.getTitle()).isEqualTo(HOSTILE_CLEAN);
        assertThat(first.getPublishedDate()).isEqualTo(date(OPENED.plusMinutes(30)));
        // readers take the description as HTML: the markup of the text arrives escaped, so it shows as text
        assertThat(first.getDescription().getValue())
                .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;q&quot;  fin<br>\nsegunda línea");

        String xml = new String(rss, StandardCharsets.UTF_8);
        assertThat(xml).doesNotContain("<script>").doesNotContain("]]>");
        assertThat(xml).contains("<pubDate>Tue, 10 Feb 2015 16:30:00 GMT</pubDate>");
        assertThat(xml).contains("<guid isPermaLink=\"false\">urn:heraldo:zbox:incident-update:e2</guid>");
    }

    @Test
    void anEmptyHistoryIsStillAValidFeedDatedByThePage() throws Exception {
        SyndFeed atom = parse(HistoryFeed.atom(HEADER, List.of()));
        SyndFeed rss = parse(HistoryFeed.rss(HEADER, List.of()));

        assertThat(atom.getEntries()).isEmpty();
        assertThat(rss.getEntries()).isEmpty();
        assertThat(atom.getPublishedDate()).isEqualTo(date(HEADER.pageUpdated()));
    }

    @Test
    void xmlTextKeepsWhatXmlCanHold() {
        assertThat(HistoryFeed.xmlText("a\tb\nc\r\nd\re")).isEqualTo("a\tb\nc\nd\ne");
        assertThat(HistoryFeed.xmlText("x\u0000\u0008\u000B\u000C\u007F\u0085y")).isEqualTo("xy");
        assertThat(HistoryFeed.xmlText("ñ 🛠 \uDC00")).isEqualTo("ñ 🛠 ");
        assertThat(HistoryFeed.xmlText(null)).isEmpty();
    }

    static SyndFeed parse(byte[] document) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(document)));
    }

    private static Date date(OffsetDateTime time) {
        return Date.from(time.toInstant());
    }
}
