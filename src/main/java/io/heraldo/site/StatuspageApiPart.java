package io.heraldo.site;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API v2 documents in the static copy, under {@code api/v2/}: built by {@link StatuspageDocuments} and written
 * by the same object mapper the REST layer uses, so each file holds the bytes a client gets from the live API.
 */
@ApplicationScoped
public class StatuspageApiPart implements SitePart {

    private final ObjectMapper json;

    public StatuspageApiPart(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void write(PageSnapshot snapshot, SiteFiles files) throws IOException {
        for (Map.Entry<String, Function<PageSnapshot, Object>> document : StatuspageDocuments.BY_PATH.entrySet()) {
            files.put("api/v2/" + document.getKey(), json.writeValueAsBytes(document.getValue().apply(snapshot)));
        }
    }
}
