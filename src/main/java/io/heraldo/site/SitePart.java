package io.heraldo.site;

import java.io.IOException;

/**
 * One part of the public site (pages, API documents, feeds, calendar, assets), as files for the static export.
 * Every bean of this type adds its files, so a new page joins the export without touching a list.
 */
public interface SitePart {

    /** Writes this part's files for the snapshot through {@code files}. */
    void write(PageSnapshot snapshot, SiteFiles files) throws IOException;

    /** Where a part puts its files: paths relative to the site root, {@code /}-separated, no leading slash. */
    interface SiteFiles {

        /** Adds or replaces one file, e.g. {@code index.html}, {@code api/v2/summary.json}. */
        void put(String path, byte[] content) throws IOException;
    }
}
