package io.heraldo.audience;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The subscriber CSV: {@code email,locale,components,kinds} (components {@code ;}-separated, empty for all; kinds
 * {@code all}, {@code major} or {@code lifecycle}, empty or absent for all). Columns are found by their header, so the
 * export ({@code ...,state,created_at,kinds}), a file from before {@code kinds} existed, or a spreadsheet with
 * columns of its own imports as it is.
 * <p>
 * CSV injection (OWASP): an address may start with {@code =}, {@code +} or {@code -} ({@code =cmd|'/Ccalc'!A0@x.test}
 * is a valid address), which a spreadsheet opening the export would run as a formula. Such a cell is written
 * neutralised, a single quote before it and the whole cell in double quotes, and reading takes that quote off again,
 * so an export imports back to the same addresses.
 */
public final class SubscriberCsv {

    /** The contract's columns, then {@code kinds}: added last, so a reader that counts columns still finds the others. */
    public static final String EXPORT_HEADER = "email,locale,components,state,created_at,kinds";
    /** What a cell a spreadsheet runs as a formula starts with (OWASP, CSV Injection). */
    private static final String FORMULA_START = "=+-@\t\r";

    /** What one line holds. */
    public sealed interface Parsed permits Row, Invalid {
    }

    /** A row that can be imported. */
    public record Row(int line, String email, String locale, List<String> components, Kinds kinds) implements Parsed {

        /** A row of every kind of notification. */
        public Row(int line, String email, String locale, List<String> components) {
            this(line, email, locale, components, Kinds.ALL);
        }
    }

    /** A row that cannot, and why. */
    public record Invalid(int line, String reason) implements Parsed {
    }

    private final int email;
    private final int locale;
    private final int components;
    private final int kinds;
    private final String defaultLocale;

    private SubscriberCsv(int email, int locale, int components, int kinds, String defaultLocale) {
        this.email = email;
        this.locale = locale;
        this.components = components;
        this.kinds = kinds;
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
        return new SubscriberCsv(email, names.indexOf("locale"), names.indexOf("components"), names.indexOf("kinds"),
                defaultLocale);
    }

    public Parsed parse(CsvRecords.Record record) {
        if (record.problem() != null) {
            return new Invalid(record.line(), record.problem());
        }
        try {
            String rawComponents = text(record.field(components)).strip();
            List<String> ids = rawComponents.isEmpty() ? List.of()
                    : Arrays.stream(rawComponents.split(";", -1)).map(SubscriberCsv::text).toList();
            return new Row(record.line(), SubscriberFields.email(text(record.field(email))),
                    SubscriberFields.locale(text(record.field(locale)), defaultLocale), SubscriberFields.components(ids),
                    Kinds.given(text(record.field(kinds))));
        } catch (InvalidFieldException e) {
            return new Invalid(record.line(), e.getMessage());
        }
    }

    /** One CSV field: neutralised when a spreadsheet would read it as a formula, else quoted when it has to be. */
    public static String field(String value) {
        if (isFormula(value)) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * The components field: each id neutralised on its own ({@code a;'-b}), since a spreadsheet set to split on
     * {@code ;} would start a cell with each; an id never holds a quote, so reading tells them apart.
     */
    public static String components(List<String> ids) {
        StringBuilder joined = new StringBuilder();
        boolean neutralised = false;
        for (String id : ids) {
            if (!joined.isEmpty()) {
                joined.append(';');
            }
            if (isFormula(id)) {
                joined.append('\'');
                neutralised = true;
            }
            joined.append(id);
        }
        return neutralised ? '"' + joined.toString() + '"' : field(joined.toString());
    }

    /**
     * What a field read holds: a neutralised cell ({@code '=...}, as {@link #field} writes it) without its quote.
     * Any run of quotes followed by a formula start loses one, so a value that itself starts with {@code '=} is
     * written with two and reads back the same.
     */
    static String text(String cell) {
        return cell.startsWith("'") && isFormula(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** Whether a spreadsheet reads the cell as a formula once its leading single quotes are taken off. */
    private static boolean isFormula(String value) {
        int start = 0;
        while (start < value.length() && value.charAt(start) == '\'') {
            start++;
        }
        return start < value.length() && FORMULA_START.indexOf(value.charAt(start)) >= 0;
    }
}
