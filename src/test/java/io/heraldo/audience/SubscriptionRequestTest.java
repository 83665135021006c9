package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SubscriptionRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    private SubscriptionRequest parse(String body) throws Exception {
        return SubscriptionRequest.from(json.readTree(body), "es");
    }

    @Test
    void aRequestIsNormalized() throws Exception {
        assertThat(parse("{\"email\": \" Ana@ZBox.CL \", \"locale\": \"en-US\", \"components\": [\"mta\", \"ldap\", \"mta\"]}"))
                .isEqualTo(new SubscriptionRequest("Ana@zbox.cl", "en", List.of("ldap", "mta")));
        assertThat(parse("{\"email\": \"ana@zbox.cl\"}"))
                .isEqualTo(new SubscriptionRequest("ana@zbox.cl", "es", List.of()));
        assertThat(parse("{\"email\": \"ana@zbox.cl\", \"locale\": null, \"components\": []}").locale()).isEqualTo("es");
    }

    @Test
    void kindsDefaultsToAll() throws Exception {
        assertThat(parse("{\"email\": \"ana@zbox.cl\"}").kinds()).isEqualTo(Kinds.ALL);
        assertThat(parse("{\"email\": \"ana@zbox.cl\", \"kinds\": null}").kinds()).isEqualTo(Kinds.ALL);
        assertThat(parse("{\"email\": \"ana@zbox.cl\", \"kinds\": \"major\"}"))
                .isEqualTo(new SubscriptionRequest("ana@zbox.cl", "es", List.of(), Kinds.MAJOR));
        assertThat(parse("{\"email\": \"ana@zbox.cl\", \"kinds\": \"lifecycle\"}").kinds()).isEqualTo(Kinds.LIFECYCLE);
    }

    @Test
    void aBadKindsNamesTheField() {
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"kinds\": \"urgent\"}"))
                .hasMessage("kinds: 'urgent' is not one of all, major, lifecycle");
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"kinds\": [\"major\"]}"))
                .hasMessage("kinds: must be a string: all, major, lifecycle");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parse("[]")).hasMessageStartingWith("body: must be a JSON object");
        assertThatThrownBy(() -> parse("{}")).hasMessage("email: is required");
        assertThatThrownBy(() -> parse("{\"email\": 5}")).hasMessage("email: must be a string");
        assertThatThrownBy(() -> parse("{\"email\": \"ana\"}")).hasMessage("email: must contain exactly one @");
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"locale\": \"pt\"}"))
                .hasMessage("locale: 'pt' is not one of es, en");
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"components\": \"ldap\"}"))
                .hasMessage("components: must be an array of component ids");
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"components\": [\"a/b\"]}"))
                .hasMessageStartingWith("components: 'a/b' is not a component id");
        assertThatThrownBy(() -> parse("{\"email\": \"ana@zbox.cl\", \"components\": [\"" + "x".repeat(65) + "\"]}"))
                .hasMessageStartingWith("components: ");
    }
}
