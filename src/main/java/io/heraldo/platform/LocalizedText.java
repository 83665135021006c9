package io.heraldo.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One text (a title, a body) in the languages its producer wrote it in, language → text, in order: the default
 * locale's text first when there is one, then the others as given. A reader gets their language, else the first
 * text: the default locale's, else the first given (CONTRACT §1).
 */
public final class LocalizedText {

    private final Map<String, String> texts;

    private LocalizedText(Map<String, String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a text needs at least one language");
        }
        this.texts = Collections.unmodifiableMap(texts);
    }

    /** The text of one language (the old form: a string and its {@code lang}). */
    public static LocalizedText of(String lang, String text) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(lang, Objects.requireNonNull(text));
        return new LocalizedText(texts);
    }

    /** The texts as given, the default locale's moved first: it is every reader's first fallback. */
    public static LocalizedText of(Map<String, String> given, String defaultLang) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (given.containsKey(defaultLang)) {
            texts.put(defaultLang, given.get(defaultLang));
        }
        given.forEach(texts::putIfAbsent);
        return new LocalizedText(texts);
    }

    /** As stored: the order kept. */
    @JsonCreator
    public static LocalizedText stored(Map<String, String> texts) {
        return new LocalizedText(new LinkedHashMap<>(texts));
    }

    /** A stored text, or the one text of {@code lang} when none was stored in several languages (older rows). */
    public static LocalizedText storedOr(Map<String, String> texts, String lang, String text) {
        if (texts != null && !texts.isEmpty()) {
            return stored(texts);
        }
        return text == null ? null : of(lang, text);
    }

    /** The text a reader of {@code lang} gets. */
    public String in(String lang) {
        String text = lang == null ? null : texts.get(lang);
        return text != null ? text : first();
    }

    /** The language of the text a reader of {@code lang} gets. */
    public String languageFor(String lang) {
        return lang != null && texts.containsKey(lang) ? lang : firstLanguage();
    }

    /** The default locale's text, else the first given: what a reader of no language in particular gets. */
    public String first() {
        return texts.values().iterator().next();
    }

    public String firstLanguage() {
        return texts.keySet().iterator().next();
    }

    @JsonValue
    public Map<String, String> all() {
        return texts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedText that && texts.equals(that.texts)
                && texts.keySet().iterator().next().equals(that.texts.keySet().iterator().next());
    }

    @Override
    public int hashCode() {
        return texts.hashCode();
    }

    @Override
    public String toString() {
        return texts.toString();
    }
}
