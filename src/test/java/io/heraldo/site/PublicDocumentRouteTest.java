package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicDocumentRouteTest {

    @Test
    void onlyPathsThatReadTheSameDecodedAreServedFromTheCache() {
        for (String path : new String[] { "/", "/en", "/incidents/inc-1", "/es/history/2", "/api/v2/summary.json",
                "/history.atom", "/incidents/a:b_c.d" }) {
            assertThat(PublicDocumentRoute.plainPath(path)).as(path).isTrue();
        }
        for (String path : new String[] { "", "x", "//", "/en/", "/incidents//x", "/incidents/..", "/./history",
                "/incidents/.x", "/incidents/a%20b", "/incidents/a+b", "/incidents/ñ" }) {
            assertThat(PublicDocumentRoute.plainPath(path)).as(path).isFalse();
        }
        assertThat(PublicDocumentRoute.plainQuery(null)).isTrue();
        assertThat(PublicDocumentRoute.plainQuery("lang=en&page=2&utm_source=x-y.z")).isTrue();
        assertThat(PublicDocumentRoute.plainQuery("lang=%65n")).isFalse();
        assertThat(PublicDocumentRoute.plainQuery("q=a+b")).isFalse();
    }

    @Test
    void theFirstValueOfAParameterAsTheRestLayerReadsIt() {
        assertThat(PublicDocumentRoute.parameter("lang=en&page=2", "page")).isEqualTo("2");
        assertThat(PublicDocumentRoute.parameter("page=2&lang=en&lang=es", "lang")).isEqualTo("en");
        assertThat(PublicDocumentRoute.parameter("language=en&lang", "lang")).isEmpty();
        assertThat(PublicDocumentRoute.parameter("xlang=en&langx=es", "lang")).isNull();
        assertThat(PublicDocumentRoute.parameter("", "lang")).isNull();
        assertThat(PublicDocumentRoute.parameter(null, "lang")).isNull();
        assertThat(PublicDocumentRoute.parameter("lang=&page=3", "lang")).isEmpty();
    }

    @Test
    void metricsNameTheRouteNotTheIncident() {
        assertThat(PublicDocumentRoute.template("/incidents/inc-1")).isEqualTo("/incidents/{id}");
        assertThat(PublicDocumentRoute.template("/en/incidents/inc-1")).isEqualTo("/{lang: [a-z]{2}}/incidents/{id}");
        assertThat(PublicDocumentRoute.template("/history/7")).isEqualTo("/history/{page: [0-9]{1,9}}");
        assertThat(PublicDocumentRoute.template("/es")).isEqualTo("/{lang: [a-z]{2}}");
        assertThat(PublicDocumentRoute.template("/api/v2/summary.json")).isEqualTo("/api/v2/summary.json");
        assertThat(PublicDocumentRoute.template("/")).isEqualTo("/");
    }
}
