package io.heraldo.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * One public document at one revision, made once: its bytes plain and gzip-compressed (level 9, since it is done
 * once per revision while the copy is read thousands of times a second), its validators and its headers, every
 * answer's header list made up front. Both copies carry the same weak ETag: one content in two codings. The bytes
 * are kept off the heap, where the socket writes them from without a copy per answer.
 */
public final class PublicDocument {

    /**
     * The answer to one request: its status, headers (name then value) and body (null for a {@code 304}). The gzip
     * copy says {@code Content-Encoding: gzip}; the plain copy says nothing of its coding. (Quarkus' own compression
     * is off: it would compress the gzip copy again on HTTP/2.)
     */
    public record Answer(int status, List<String> headers, ByteBuffer body) {

        /** A copy of the body, for who needs an array; null for a {@code 304}. */
        public byte[] bytes() {
            if (body == null) {
                return null;
            }
            byte[] bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
            return bytes;
        }
    }

    private final String etag;
    private final Instant changed;
    private final ByteBuffer plain;
    private final ByteBuffer gzip;
    /** By coding (plain, gzip), then with and without {@code Last-Modified}. */
    private final List<String> plainDated;
    private final List<String> plainUndated;
    private final List<String> gzipDated;
    private final List<String> gzipUndated;

    private PublicDocument(String etag, Instant changed, List<String> headers, byte[] plain, byte[] gzip) {
        this.etag = etag;
        this.changed = changed;
        this.plain = offHeap(plain);
        this.gzip = offHeap(gzip);
        HttpValidators dated = new HttpValidators(etag, changed);
        HttpValidators undated = new HttpValidators(etag, null);
        this.plainDated = headers(headers, dated, null);
        this.plainUndated = headers(headers, undated, null);
        this.gzipDated = headers(headers, dated, "gzip");
        this.gzipUndated = headers(headers, undated, "gzip");
    }

    /**
     * @param headers the document's own headers besides the validators and the coding, name then value
     *        ({@code Content-Type}, and for pages {@code Content-Security-Policy}, {@code Content-Language}, ...)
     */
    public static PublicDocument of(DocumentKey key, OffsetDateTime updatedAt, ZoneId zone, byte[] body,
            String... headers) {
        return new PublicDocument(key.etag(), HttpValidators.changed(updatedAt.toInstant(), key.day(), zone),
                List.of(headers), body, gzip(body));
    }

    /**
     * What a request gets: {@code 304} when its copy is current (RFC 9110, 13.2.2), else the copy its
     * {@code Accept-Encoding} takes.
     *
     * @param readAt when the revision of this document was read: see {@link HttpValidators#at}
     */
    public Answer answer(boolean gzipAccepted, String ifNoneMatch, String ifModifiedSince, Instant readAt) {
        HttpValidators validators = HttpValidators.at(etag, changed, readAt);
        if (validators.notModified(ifNoneMatch, ifModifiedSince)) {
            return new Answer(304, validatorHeaders(validators), null);
        }
        boolean dated = validators.lastModified() != null;
        if (gzipAccepted) {
            return new Answer(200, dated ? gzipDated : gzipUndated, gzip.duplicate());
        }
        return new Answer(200, dated ? plainDated : plainUndated, plain.duplicate());
    }

    /**
     * The headers of every public document and of its {@code 304}: the validators, {@code Cache-Control: no-cache}
     * (clients keep a copy but ask each time), and what the copy varies with.
     */
    public static List<String> validatorHeaders(HttpValidators validators) {
        List<String> headers = new ArrayList<>(8);
        headers.add(HttpHeaders.ETAG);
        headers.add(validators.etag());
        if (validators.lastModified() != null) {
            headers.add(HttpHeaders.LAST_MODIFIED);
            headers.add(validators.lastModifiedHeader());
        }
        headers.add(HttpHeaders.CACHE_CONTROL);
        headers.add("no-cache");
        headers.add(HttpHeaders.VARY);
        headers.add(PublicCaching.VARY);
        return headers;
    }

    public String etag() {
        return etag;
    }

    /** What the document costs to keep, for the cache's bound. */
    public int weight() {
        return plain.capacity() + gzip.capacity() + 1024;
    }

    /** @param coding {@code gzip}, or null for the plain copy (no {@code Content-Encoding}) */
    private static List<String> headers(List<String> own, HttpValidators validators, String coding) {
        List<String> all = new ArrayList<>(own);
        all.addAll(validatorHeaders(validators));
        if (coding != null) {
            all.add(HttpHeaders.CONTENT_ENCODING);
            all.add(coding);
        }
        return List.copyOf(all);
    }

    private static ByteBuffer offHeap(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }
}
