package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.StatusIndicator;

class BadgeTest {

    @Test
    void widthsAreShieldsIos() {
        // shields.io's own "build | passing" (37 + 51 = 88) and "license | MIT" (47 + 31 = 78)
        assertThat(Badge.width("build")).isEqualTo(27);
        assertThat(Badge.width("passing")).isEqualTo(41);
        assertThat(Badge.width("license")).isEqualTo(37);
        assertThat(Badge.width("MIT")).isEqualTo(21);
        Document svg = parse(new Badge("build", "passing", Badge.GREEN).svg());
        assertThat(svg.getDocumentElement().getAttribute("width")).isEqualTo("88");
        NodeList rects = svg.getElementsByTagName("rect");
        assertThat(((Element) rects.item(1)).getAttribute("width")).isEqualTo("37");
        assertThat(((Element) rects.item(2)).getAttribute("x")).isEqualTo("37");
        assertThat(((Element) rects.item(2)).getAttribute("width")).isEqualTo("51");
        NodeList texts = svg.getElementsByTagName("text");
        assertThat(((Element) texts.item(0)).getAttribute("x")).isEqualTo("195");
        assertThat(((Element) texts.item(0)).getAttribute("textLength")).isEqualTo("270");
        assertThat(((Element) texts.item(2)).getAttribute("x")).isEqualTo("615");
        assertThat(((Element) texts.item(2)).getAttribute("textLength")).isEqualTo("410");
    }

    @Test
    void anAccentedLetterIsAsWideAsItsLetterAndIdeographsAreWide() {
        assertThat(Badge.width("Interrupción")).isEqualTo(Badge.width("Interrupcion"));
        assertThat(Badge.width("ÑANDÚ")).isEqualTo(Badge.width("NANDU"));
        assertThat(Badge.width("邮件")).isEqualTo(23);
        assertThat(Badge.width("")).isEqualTo(1);
    }

    @Test
    void everyTextIsEscapedAndStaysText() {
        String hostile = "<script>alert('x')</script> & \"more\"";
        byte[] bytes = new Badge(hostile, "Operativo", Badge.GREEN).svg();
        String raw = new String(bytes, StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("<script").contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp;");
        Document svg = parse(bytes);
        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(hostile + ": Operativo");
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo(hostile + ": Operativo");
        NodeList texts = svg.getElementsByTagName("text");
        assertThat(texts.item(1).getTextContent()).isEqualTo(hostile);
        assertThat(texts.item(3).getTextContent()).isEqualTo("Operativo");
    }

    @Test
    void whatXmlCannotHoldIsReplacedAndTheBadgeIsOneLine() {
        Document svg = parse(new Badge("a\nb\u0001c\uD800d\uFFFE", "ok 🙂", Badge.GREEN).svg());
        NodeList texts = svg.getElementsByTagName("text");
        assertThat(texts.item(1).getTextContent()).isEqualTo("a b c\uFFFDd\uFFFD");
        assertThat(texts.item(3).getTextContent()).isEqualTo("ok 🙂");
    }

    @Test
    void eachStatusHasItsColour() {
        assertThat(Badge.colourOf(ComponentStatus.OPERATIONAL)).isEqualTo("#4c1");
        assertThat(Badge.colourOf(ComponentStatus.DEGRADED_PERFORMANCE)).isEqualTo("#dfb317");
        assertThat(Badge.colourOf(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo("#fe7d37");
        assertThat(Badge.colourOf(ComponentStatus.MAJOR_OUTAGE)).isEqualTo("#e05d44");
        assertThat(Badge.colourOf(ComponentStatus.UNDER_MAINTENANCE)).isEqualTo("#007ec6");
        for (ComponentStatus status : ComponentStatus.values()) {
            assertThat(Badge.colourOf(status.indicator())).as(status.wire()).isEqualTo(Badge.colourOf(status));
        }
        assertThat(Badge.colourOf(StatusIndicator.CRITICAL)).isEqualTo("#e05d44");
        Document svg = parse(new Badge("LDAP", "Major outage", Badge.RED).svg());
        assertThat(((Element) svg.getElementsByTagName("rect").item(2)).getAttribute("fill")).isEqualTo("#e05d44");
    }

    @Test
    void badgesArePublicDocumentsNamedByTheirRouteInMetrics() {
        assertThat(HttpValidators.covers("GET", "/badge.svg")).isTrue();
        assertThat(HttpValidators.covers("HEAD", "/badge/ldap.svg")).isTrue();
        assertThat(HttpValidators.covers("POST", "/badge.svg")).isFalse();
        assertThat(PublicDocumentRoute.template("/badge/ldap.svg")).isEqualTo("/badge/{componentId}.svg");
        assertThat(PublicDocumentRoute.template("/badge.svg")).isEqualTo("/badge.svg");
    }

    static Document parse(byte[] svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + new String(svg, StandardCharsets.UTF_8), e);
        }
    }
}
