package io.heraldo.audience;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma-separated, fields optionally in double quotes, {@code ""} for a quote inside them,
 * CRLF or LF line ends) one record at a time from a stream, so a file of any size is never held whole.
 * <p>
 * Each record knows the line it starts on (the first line is 1), so errors can be reported where a person looking at
 * the file finds them, even when a quoted field spans lines.
 */
public final class CsvRecords {

    /** Longest record accepted: past it, the file is most likely an unclosed quote swallowing the rest. */
    public static final int MAX_RECORD_LENGTH = 64 * 1024;

    /**
     * One record.
     *
     * @param line where it starts
     * @param problem why it is malformed, or {@code null}
     */
    public record Record(int line, List<String> fields, String problem) {

        /** A line with nothing on it. */
        public boolean isBlank() {
            return fields.size() == 1 && fields.get(0).isBlank() && problem == null;
        }

        public String field(int index) {
            return index >= 0 && index < fields.size() ? fields.get(index) : "";
        }
    }

    /** A record so long that reading cannot go on reliably. */
    public static final class TooLongException extends IOException {
        private final int line;

        TooLongException(int line) {
            super("the record starting on this line is longer than " + MAX_RECORD_LENGTH
                    + " characters (an unclosed quote?); reading stopped here");
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;
    private boolean first = true;

    /** {@code in} should be buffered. */
    public CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or {@code null} at the end. */
    public Record next() throws IOException {
        int ch = read();
        if (first) {
            first = false;
            if (ch == '\uFEFF') {
                ch = read(); // byte order mark written by spreadsheet programs
            }
        }
        if (ch == -1) {
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        int length = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            if (++length > MAX_RECORD_LENGTH) {
                throw new TooLongException(start);
            }
            if (ch == -1) {
                if (quoted) {
                    problem = problem == null ? "a quoted field is not closed before the end of the file" : problem;
                }
                fields.add(field.toString());
                return new Record(start, fields, problem);
            }
            if (quoted) {
                if (ch == '"') {
                    int nextCh = read();
                    if (nextCh == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        ch = nextCh;
                        continue;
                    }
                } else {
                    if (ch == '\n' || (ch == '\r' && peekNotNewline())) {
                        line++;
                    }
                    field.append((char) ch);
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                afterQuote = false;
                ch = read();
                continue;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    int nextCh = read();
                    if (nextCh != '\n') {
                        pushedBack = nextCh;
                    }
                }
                line++;
                fields.add(field.toString());
                return new Record(start, fields, problem);
            } else if (ch == '"' && fieldStart) {
                quoted = true;
            } else {
                if (afterQuote && problem == null) {
                    problem = "a quoted field must be followed by a comma or the end of the line";
                }
                field.append((char) ch);
            }
            fieldStart = false;
            ch = read();
        }
    }

    /** Inside quotes a CR counts as a line end unless an LF follows (then the LF counts). */
    private boolean peekNotNewline() throws IOException {
        int nextCh = read();
        pushedBack = nextCh;
        return nextCh != '\n';
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int ch = pushedBack;
            pushedBack = -2;
            return ch;
        }
        return in.read();
    }
}
