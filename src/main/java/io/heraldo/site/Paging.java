package io.heraldo.site;

/**
 * One page of a list, newest first, pages numbered from 1. A page past the end is empty (not an error): the list
 * can shrink between two requests.
 */
public record Paging(int page, int size, long total) {

    public Paging {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        page = Math.max(1, page);
        total = Math.max(0, total);
    }

    /** The page a request asks for: {@code null}, garbage or less than 1 is the first page. */
    public static int number(String requested) {
        if (requested == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(requested.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    /** At least 1: an empty list has one (empty) page. */
    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public int previous() {
        return Math.min(page - 1, pages());
    }

    public int next() {
        return page + 1;
    }
}
