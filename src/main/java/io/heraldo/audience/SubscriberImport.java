package io.heraldo.audience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import io.heraldo.platform.HeraldoConfig;

/**
 * Imports subscribers from CSV as it streams in: rows are validated one by one and inserted, confirmed, in batches of
 * {@value #BATCH}, each batch one transaction with its outbox rows. Addresses already present are skipped, so
 * importing the same file twice imports nothing the second time.
 */
@ApplicationScoped
public class SubscriberImport {

    private static final Logger LOG = Logger.getLogger(SubscriberImport.class);

    static final int BATCH = 1000;
    /** The report lists at most this many invalid lines (and counts them all). */
    static final int MAX_LISTED = 1000;

    public record InvalidLine(int line, String reason) {
    }

    public record Report(int imported, int skipped, List<InvalidLine> invalid, int invalidCount) {
    }

    private final Jdbi jdbi;
    private final SubscriberOutbox outbox;
    private final Event<SubscribersChanged> changed;
    private final String defaultLocale;

    public SubscriberImport(Jdbi jdbi, SubscriberOutbox outbox, Event<SubscribersChanged> changed,
            HeraldoConfig config) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.changed = changed;
        this.defaultLocale = config.defaultLocale();
    }

    /**
     * @throws InvalidFieldException when the header has no {@code email} column
     * @throws IOException when the body cannot be read
     */
    public Report importCsv(InputStream body) throws IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 65536));
        SubscriberCsv csv = SubscriberCsv.fromHeader(records.next(), defaultLocale);
        List<InvalidLine> invalid = new ArrayList<>();
        int invalidCount = 0;
        int valid = 0;
        int imported = 0;
        List<SubscriberCsv.Row> batch = new ArrayList<>(BATCH);
        while (true) {
            CsvRecords.Record record;
            try {
                record = records.next();
            } catch (CsvRecords.TooLongException e) {
                invalidCount++;
                if (invalid.size() < MAX_LISTED) {
                    invalid.add(new InvalidLine(e.line(), e.getMessage()));
                }
                break;
            } catch (IOException e) {
                // The upload broke off (over quarkus.http.limits.max-body-size, or the client went away): the
                // batches committed stay, and importing the file again skips them.
                LOG.warnf("Subscriber import cut off after %d imported (%d valid rows read): %s", imported, valid,
                        e.getMessage());
                throw e;
            }
            if (record == null) {
                break;
            }
            if (record.isBlank()) {
                continue;
            }
            SubscriberCsv.Parsed parsed = csv.parse(record);
            if (parsed instanceof SubscriberCsv.Row row) {
                valid++;
                batch.add(row);
                if (batch.size() == BATCH) {
                    imported += importConfirmed(batch);
                    batch.clear();
                }
            } else if (parsed instanceof SubscriberCsv.Invalid bad) {
                invalidCount++;
                if (invalid.size() < MAX_LISTED) {
                    invalid.add(new InvalidLine(bad.line(), bad.reason()));
                }
            }
        }
        imported += importConfirmed(batch);
        return new Report(imported, valid - imported, invalid, invalidCount);
    }

    /**
     * Inserts a batch of imported subscribers, confirmed, with their outbox rows, in one transaction; addresses
     * already present (or repeated within the batch) are left as they are.
     *
     * @return how many were inserted
     */
    int importConfirmed(List<SubscriberCsv.Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] emails = new String[n];
        String[] locales = new String[n];
        String[] components = new String[n];
        String[] kinds = new String[n];
        String[] nonces = new String[n];
        for (int i = 0; i < n; i++) {
            SubscriberCsv.Row row = rows.get(i);
            ids[i] = UUID.randomUUID();
            emails[i] = row.email();
            locales[i] = row.locale();
            components[i] = String.join(";", row.components());
            kinds[i] = row.kinds().wire();
            nonces[i] = AppSecrets.nonce();
        }
        int inserted = jdbi.inTransaction(handle -> {
            // One statement for the whole batch: unnest turns the arrays back into rows.
            List<StoredSubscriber> created = handle.createQuery("""
                    insert into subscriber (id, email, locale, components, kinds, state, confirm_nonce, created_at,
                                            updated_at, confirmed_at)
                    select u.id, u.email, u.locale, string_to_array(u.components, ';'), u.kinds, 'confirmed', u.nonce,
                           now(), now(), now()
                    from unnest(:ids::uuid[], :emails::text[], :locales::text[], :components::text[], :kinds::text[],
                                :nonces::text[])
                         as u (id, email, locale, components, kinds, nonce)
                    on conflict do nothing
                    returning """ + " " + SubscriberRows.COLUMNS)
                    .bind("ids", ids)
                    .bind("emails", emails)
                    .bind("locales", locales)
                    .bind("components", components)
                    .bind("kinds", kinds)
                    .bind("nonces", nonces)
                    .map(SubscriberRows.STORED)
                    .list();
            outbox.addAll(handle, created);
            return created.size();
        });
        if (inserted > 0) {
            changed.fireAsync(new SubscribersChanged(inserted));
        }
        return inserted;
    }
}
