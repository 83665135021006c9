package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.heraldo.fanout.Burst.Member;

class BurstTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    private static Member member(String id, int second, boolean settled) {
        return new Member(id, T0.plusSeconds(second), T0.plusSeconds(second), settled);
    }

    private static final List<Member> THREAD = List.of(member("u3", 3, false), member("u1", 1, true),
            member("u2", 2, false), member("u4", 4, false));

    @Test
    void anUpdateWaitsForTheFirstEarlierOneNotSettled() {
        assertThat(Burst.unsettledBefore("u4", THREAD)).contains("u2");
        assertThat(Burst.unsettledBefore("u2", THREAD)).isEmpty();
        assertThat(Burst.unsettledBefore("u1", THREAD)).isEmpty();
        assertThat(Burst.unsettledBefore("unknown", THREAD)).isEmpty();
    }

    @Test
    void theNewerUpdatesComeNewestFirst() {
        assertThat(Burst.newer("u2", THREAD)).containsExactly("u4", "u3");
        assertThat(Burst.newer("u4", THREAD)).isEmpty();
    }

    @Test
    void aMailCarriesTheEarlierUncarriedUpdatesNewestFirstAndNothingLater() {
        assertThat(Burst.carried("u4", THREAD, Set.of("u1", "u3"))).containsExactly("u3", "u1");
        assertThat(Burst.carried("u2", THREAD, Set.of("u1", "u3"))).containsExactly("u1");
        assertThat(Burst.carried("u4", THREAD, Set.of())).isEmpty();
        assertThat(Burst.carried("u4", THREAD, Set.of("elsewhere"))).isEmpty();
    }

    @Test
    void updatesRecordedInOneInstantKeepTheOrderOfTheirEventTimeThenId() {
        List<Member> sameInstant = List.of(new Member("b", T0, T0.plusSeconds(1), false),
                new Member("a", T0, T0.plusSeconds(2), false), new Member("c", T0, T0.plusSeconds(2), false));
        assertThat(Burst.newer("b", sameInstant)).containsExactly("c", "a");
        assertThat(Burst.unsettledBefore("c", sameInstant)).contains("b");
    }
}
