package io.heraldo.audience;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The subscriber CSV: {@code email,locale,components} (components {@code ;}-separated, empty for all). Columns are
 * found by their header, so the export ({@code ...,state,created_at}) or a spreadsheet with columns of its own
 * imports as it is.
 */
public final class SubscriberCsv {

    public static final String EXPORT_HEADER = "email,locale,components,state,created_at";

    /** What one line holds. */
    public sealed interface Parsed permits Row, Invalid {
    }

    /** A row that can be imported. */
    public record Row(int line, String email, String locale, List<String> components) implements Parsed {
    }

    /** A row that cannot, and why. */
    public record Invalid(int line, String reason) implements Parsed {
    }

    private final int email;
    private final int locale;
    private final int components;
    private final String defaultLocale;

    private SubscriberCsv(int email, int locale, int components, String defaultLocale) {
        this.email = email;
        this.locale = locale;
        this.components = components;
        this.defaultLocale = defaultLocale;
    }

    /**
     * Reads the header.
     *
     * @throws InvalidFieldException when it has no {@code email} column
     */
    public static SubscriberCsv fromHeader(CsvRecords.Record header, String defaultLocale) {
        if (header == null) {
            throw new InvalidFieldException("header", "the file is empty; its first line must be email,locale,components");
        }
        List<String> names = header.fields().stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        int email = names.indexOf("email");
        if (email < 0 || header.problem() != null) {
            throw new InvalidFieldException("header", "line 1 must name the columns, with at least email "
                    + "(email,locale,components)");
        }
        return new SubscriberCsv(email, names.indexOf("locale"), names.indexOf("components"), defaultLocale);
    }

    public Parsed parse(CsvRecords.Record record) {
        if (record.problem() != null) {
            return new Invalid(record.line(), record.problem());
        }
        try {
            String rawComponents = record.field(components).strip();
            List<String> ids = rawComponents.isEmpty() ? List.of() : Arrays.asList(rawComponents.split(";", -1));
            return new Row(record.line(), SubscriberFields.email(record.field(email)),
                    SubscriberFields.locale(record.field(locale), defaultLocale), SubscriberFields.components(ids));
        } catch (InvalidFieldException e) {
            return new Invalid(record.line(), e.getMessage());
        }
    }

    /** One CSV field, quoted when it has to be. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
