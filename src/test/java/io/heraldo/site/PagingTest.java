package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void pagesOfAList() {
        Paging first = new Paging(1, 25, 1003);
        assertThat(first.offset()).isZero();
        assertThat(first.pages()).isEqualTo(41);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
        assertThat(first.next()).isEqualTo(2);
        Paging last = new Paging(41, 25, 1003);
        assertThat(last.offset()).isEqualTo(1000);
        assertThat(last.hasNext()).isFalse();
        assertThat(last.previous()).isEqualTo(40);
    }

    @Test
    void anEmptyListHasOneEmptyPage() {
        Paging empty = new Paging(1, 25, 0);
        assertThat(empty.pages()).isEqualTo(1);
        assertThat(empty.hasNext()).isFalse();
        assertThat(empty.hasPrevious()).isFalse();
    }

    @Test
    void aPagePastTheEndLinksBackToTheLastPage() {
        Paging beyond = new Paging(9, 25, 30);
        assertThat(beyond.offset()).isEqualTo(200);
        assertThat(beyond.hasNext()).isFalse();
        assertThat(beyond.hasPrevious()).isTrue();
        assertThat(beyond.previous()).isEqualTo(2);
    }

    @Test
    void theRequestedNumberIsReadLeniently() {
        assertThat(Paging.number(null)).isEqualTo(1);
        assertThat(Paging.number("abc")).isEqualTo(1);
        assertThat(Paging.number("-3")).isEqualTo(1);
        assertThat(Paging.number(" 4 ")).isEqualTo(4);
        assertThat(Paging.number("99999999999")).isEqualTo(1);
        assertThat(new Paging(0, 10, 5).page()).isEqualTo(1);
        assertThatThrownBy(() -> new Paging(1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
