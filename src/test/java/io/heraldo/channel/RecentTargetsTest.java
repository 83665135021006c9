package io.heraldo.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RecentTargetsTest {

    private final List<String> reads = new ArrayList<>();
    private final Map<String, String> table = Map.of("a", "A", "b", "B");
    private final RecentTargets<String> targets = new RecentTargets<>(id -> {
        reads.add("one " + id);
        return Optional.ofNullable(table.get(id));
    }, ids -> {
        reads.add("many " + ids);
        Map<String, String> found = new HashMap<>(table);
        found.keySet().retainAll(ids);
        return found;
    });

    @Test
    void aTargetIsReadOnceWhileFreshAndAgainOnceForgotten() {
        assertThat(targets.get("a")).contains("A");
        assertThat(targets.get("a")).contains("A");
        targets.forget("a");
        assertThat(targets.get("a")).contains("A");
        assertThat(reads).containsExactly("one a", "one a");
    }

    @Test
    void aLoadedPageIsServedWithoutAReadPerTargetGoneOnesIncluded() {
        targets.load(List.of("a", "b", "gone"));
        assertThat(targets.get("a")).contains("A");
        assertThat(targets.get("b")).contains("B");
        assertThat(targets.get("gone")).isEmpty();
        targets.load(List.of());
        assertThat(reads).containsExactly("many [a, b, gone]");
    }
}
