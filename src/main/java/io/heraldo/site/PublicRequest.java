package io.heraldo.site;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;

import io.heraldo.platform.HeraldoConfig;

/**
 * One public GET answered by the REST layer: its {@link DocumentKey} and revision, read once by
 * {@link PublicCaching} before the resource runs, and the snapshot of that revision. A resource makes its document
 * from these only (never from the request itself), so a document is a function of its key and the cached route can
 * serve it to every request of the same key.
 */
@RequestScoped
public class PublicRequest {

    private final PageSnapshots snapshots;
    private final PublicDocuments documents;
    private final ZoneId zone;
    private DocumentKey key;
    private Revision revision;
    private boolean gzip;
    private PageSnapshot snapshot;

    public PublicRequest(PageSnapshots snapshots, PublicDocuments documents, HeraldoConfig config) {
        this.snapshots = snapshots;
        this.documents = documents;
        this.zone = config.page().timeZone();
    }

    /** Set by {@link PublicCaching} for every public GET. */
    void answering(DocumentKey key, Revision revision, boolean gzip) {
        this.key = key;
        this.revision = revision;
        this.gzip = gzip;
    }

    public DocumentKey key() {
        if (key == null) {
            throw new IllegalStateException("not a public GET: " + PublicCaching.class.getSimpleName() + " did not run");
        }
        return key;
    }

    /** The snapshot at the request's revision (or newer: never older). */
    public PageSnapshot snapshot() {
        if (snapshot == null) {
            key();
            snapshot = snapshots.at(revision, key.lang());
        }
        return snapshot;
    }

    /**
     * The answer: the key's document, made by {@code body} unless already made, in the coding the client takes.
     *
     * @param headers the document's own headers, name then value; {@code Content-Type} first
     */
    public Response respond(Supplier<byte[]> body, String... headers) {
        return respondIfAny(body, headers).orElseThrow();
    }

    /** As {@link #respond}, but {@code body} may say there is no such document (null): nothing is kept then. */
    public Optional<Response> respondIfAny(Supplier<byte[]> body, String... headers) {
        DocumentKey documentKey = key();
        PublicDocument document = documents.get(documentKey, () -> {
            byte[] bytes = body.get();
            return bytes == null ? null : PublicDocument.of(documentKey, revision.updatedAt(), zone, bytes, headers);
        });
        if (document == null) {
            return Optional.empty();
        }
        // the client's validators were compared before the resource ran (PublicCaching)
        PublicDocument.Answer answer = document.answer(gzip, null, null, revision.readAt());
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.bytes());
        List<String> answerHeaders = answer.headers();
        for (int i = 0; i < answerHeaders.size(); i += 2) {
            response.header(answerHeaders.get(i), answerHeaders.get(i + 1));
        }
        return Optional.of(response.build());
    }
}
