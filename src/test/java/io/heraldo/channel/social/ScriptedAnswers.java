package io.heraldo.channel.social;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What a local stand-in of a social service (X, Mastodon, Bluesky) answers once instead of its own answer, each to the
 * next post whose text matches: a rate limit, an error, or a post taken and then failed (its answer lost).
 */
public final class ScriptedAnswers {

    /** An answer to give once; {@code store}: take the post first, as a service whose answer was lost. */
    public record Answer(Predicate<String> text, int status, String body, Map<String, String> headers,
            boolean store) {
    }

    private final List<Answer> waiting = new CopyOnWriteArrayList<>();

    public void once(Predicate<String> text, int status, String body, Map<String, String> headers) {
        waiting.add(new Answer(text, status, body, headers, false));
    }

    /** Takes the next post whose text matches, then answers {@code status} with {@code body} as if it had failed. */
    public void takeThenFail(Predicate<String> text, int status, String body) {
        waiting.add(new Answer(text, status, body, Map.of(), true));
    }

    /** The answer scripted for a post with this text, given up once handed out; {@code null} when there is none. */
    public Answer next(String text) {
        for (Answer answer : waiting) {
            if (answer.text().test(text) && waiting.remove(answer)) {
                return answer;
            }
        }
        return null;
    }

    /** Answers not given yet. */
    public int left() {
        return waiting.size();
    }
}
