package io.quantstream.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeSequenceTest {

    private final TradeSequence sequence = new TradeSequence();
    private final List<String> gaps = new ArrayList<>();
    private final TradeSequence.GapListener listener =
            (before, after, timeBefore, timeAfter) ->
                    gaps.add(before + ".." + after + "@" + timeBefore + "-" + timeAfter);

    @Test
    void inOrderIdsSettleWithoutGaps() {
        assertThat(sequence.offer(5, 7, 100)).isTrue();
        assertThat(sequence.offer(8, 8, 101)).isTrue();
        sequence.settle(100, listener);
        assertThat(sequence.offer(9, 9, 102)).isTrue();
        assertThat(sequence.hasPending()).isFalse();
        assertThat(sequence.next).isEqualTo(10);
        assertThat(gaps).isEmpty();
    }

    @Test
    void lowerIdsWithinToleranceExtendTheStart() {
        assertThat(sequence.offer(12, 12, 100)).isTrue();
        assertThat(sequence.offer(10, 10, 100)).isTrue();
        assertThat(sequence.offer(11, 11, 100)).isTrue();
        sequence.settle(Long.MAX_VALUE, listener);
        assertThat(gaps).isEmpty();
        assertThat(sequence.next).isEqualTo(13);
    }

    @Test
    void rangesKeepTheTimesOfTheirFirstAndLastIdForGaps() {
        assertThat(sequence.offer(1, 4, 100, 90)).isTrue();
        assertThat(sequence.offer(8, 9, 120, 130)).isTrue();
        assertThat(sequence.offer(6, 7, 110, 115)).isTrue(); // joins 8..9 from below
        sequence.settle(Long.MAX_VALUE, listener);
        assertThat(gaps).containsExactly("4..6@90-110");
        assertThat(sequence.nextTime).isEqualTo(130);
    }

    @Test
    void coversTellsWhetherEveryIdOfARangeWasSeen() {
        sequence.offer(1, 3, 100);
        sequence.offer(6, 9, 100);
        assertThat(sequence.covers(2, 3)).isTrue();
        assertThat(sequence.covers(6, 9)).isTrue();
        assertThat(sequence.covers(3, 4)).isFalse();
        assertThat(sequence.covers(5, 7)).isFalse();
        assertThat(sequence.covers(8, 10)).isFalse();
    }

    @Test
    void repeatsAndOverlapsAreDuplicates() {
        sequence.offer(1, 3, 100);
        sequence.offer(6, 6, 100);
        assertThat(sequence.offer(2, 2, 100)).isFalse();
        assertThat(sequence.offer(3, 4, 100)).isFalse();
        assertThat(sequence.offer(5, 6, 100)).isFalse();
        assertThat(sequence.offer(6, 6, 100)).isFalse();
        sequence.settle(Long.MAX_VALUE, listener);
        assertThat(sequence.offer(1, 1, 100)).isFalse();
        assertThat(gaps).containsExactly("3..6@100-100");
    }

    @Test
    void holeIsReportedOnlyAfterEventTimePassesIt() {
        sequence.offer(1, 1, 100);
        sequence.offer(4, 4, 200);
        sequence.settle(150, listener);
        assertThat(gaps).isEmpty();
        assertThat(sequence.settleTime()).isEqualTo(200);
        sequence.settle(200, listener);
        assertThat(gaps).containsExactly("1..4@100-200");
        assertThat(sequence.offer(5, 5, 201)).isTrue();
        assertThat(sequence.hasPending()).isFalse();
    }

    @Test
    void filledHoleIsNoGap() {
        sequence.offer(1, 1, 100);
        sequence.settle(100, listener);
        sequence.offer(3, 3, 200);
        sequence.offer(5, 5, 200);
        sequence.offer(4, 4, 200);
        sequence.offer(2, 2, 199);
        assertThat(sequence.hasPending()).isFalse();
        assertThat(sequence.next).isEqualTo(6);
        sequence.settle(Long.MAX_VALUE, listener);
        assertThat(gaps).isEmpty();
    }

    @Test
    void pendingRangesAreBounded() {
        sequence.offer(0, 0, 0);
        sequence.settle(0, listener);
        for (int i = 1; i <= TradeSequence.MAX_PENDING + 5; i++) {
            sequence.offer(2L * i, 2L * i, 10);
            sequence.settle(0, listener);
        }
        assertThat(sequence.pending.length / 4).isLessThanOrEqualTo(TradeSequence.MAX_PENDING);
        assertThat(gaps).hasSize(5);
    }
}
