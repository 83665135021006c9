package io.heraldo.audience;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.heraldo.platform.Languages;

/**
 * The rules for what a subscriber gives us (the subscription API and the CSV import share them). Each method
 * returns the stored form or throws an {@link InvalidFieldException} naming the field.
 */
public final class SubscriberFields {

    /** Component ids of the contract. */
    public static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** More than any status page has; bounds what one request can store. */
    public static final int MAX_COMPONENTS = 200;

    private SubscriberFields() {
    }

    public static String email(String raw) {
        String email = EmailAddresses.normalize(raw);
        EmailAddresses.problem(email).ifPresent(problem -> {
            throw new InvalidFieldException("email", problem);
        });
        return email;
    }

    /** {@code es} or {@code en} (a region such as {@code es-CL} is dropped); blank gives the default. */
    public static String locale(String raw, String defaultLocale) {
        if (raw == null || raw.isBlank()) {
            return defaultLocale;
        }
        String language = raw.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (!Languages.supported().contains(language)) {
            throw new InvalidFieldException("locale", "'" + shorten(raw.strip()) + "' is not one of "
                    + String.join(", ", Languages.supported()));
        }
        return language;
    }

    /** Sorted and without repeats, so the same choice is always stored (and exported) the same way. */
    public static List<String> components(Collection<String> raw) {
        TreeSet<String> ids = new TreeSet<>();
        for (String id : raw) {
            String trimmed = id == null ? "" : id.strip();
            if (!COMPONENT_ID.matcher(trimmed).matches()) {
                throw new InvalidFieldException("components", "'" + shorten(trimmed)
                        + "' is not a component id (1 to 64 of A-Z a-z 0-9 . _ : -)");
            }
            ids.add(trimmed);
        }
        if (ids.size() > MAX_COMPONENTS) {
            throw new InvalidFieldException("components", "at most " + MAX_COMPONENTS + " components");
        }
        return List.copyOf(ids);
    }

    private static String shorten(String text) {
        return text.length() > 70 ? text.substring(0, 67) + "..." : text;
    }
}
