package io.quantstream.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.Fill;
import io.quantstream.model.LedgerEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.jobgraph.JobType;
import org.junit.jupiter.api.Test;

/**
 * The account's output depends on the events' times only, not on the order their records arrive
 * in (DESIGN.md rule 2): sorted, shuffled between watermarks (STREAMING), and sorted by timestamp
 * with ties in any order and no watermark until the end (BATCH) give the same fills, ledger and
 * funding; and the keyed state and timers go back to what must stay.
 */
class EventOrderTest {

    private final Scenario scenario = new Scenario(7, 180);

    @Test
    void shuffledArrivalBetweenWatermarksAndBatchOrderGiveTheSameAccount() throws Exception {
        List<String> sorted = run(scenario.events, JobType.STREAMING, 1);
        assertThat(sorted).anyMatch(line -> line.contains(" cut")).anyMatch(line -> line.contains(" skipped"))
                .anyMatch(line -> line.contains("funding @"));

        Random random = new Random(11);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(run(shuffledInBlocks(random), JobType.STREAMING, 10)).isEqualTo(sorted);
            assertThat(run(tiesShuffled(random), JobType.BATCH, 0)).isEqualTo(sorted);
        }
    }

    @Test
    void timersGoToZeroAndOnlyTheLedgerStaysInState() throws Exception {
        try (AccountHarness h = AccountHarness.streaming(Scenario.spec())) {
            for (Object e : scenario.events) {
                h.event(e);
            }
            assertThat(h.harness.numEventTimeTimers()).isPositive();
            h.watermark(Bars.close(180)); // the last funding rate is handled at minute 180
            // the account, and the last released time (so a late record is recognised); the one
            // timer left is the end of input's
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(h.harness.numEventTimeTimers()).isEqualTo(1);
            h.end();
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.harness.numEventTimeTimers()).isZero();
            // the last targets had no bar after them: reported, and the pending orders are gone
            assertThat(h.deadLetters()).extracting(d -> d.reason)
                    .containsOnly(SimulatedExecution.NO_NEXT_BAR).hasSize(3);
        }
    }

    @Test
    void batchBuffersOneTimeAtATime() throws Exception {
        try (AccountHarness h = new AccountHarness(Scenario.spec(), JobType.BATCH)) {
            int most = 0;
            int mostTimers = 0;
            for (Object e : scenario.events) {
                h.event(e);
                most = Math.max(most, h.harness.numKeyedStateEntries());
                mostTimers = Math.max(mostTimers, h.harness.numEventTimeTimers());
            }
            // account, released-up-to, count and buffer (keyed states, not their entries); the
            // timers say how many times wait: at most two (a funding rate's minute and the record
            // time before it) and the end's
            assertThat(most).isLessThanOrEqualTo(4);
            assertThat(mostTimers).isLessThanOrEqualTo(3);
            assertThat(h.fills()).isNotEmpty();
            h.end();
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.harness.numEventTimeTimers()).isZero();
        }
    }

    /** Fills with their record timestamps, ledger entries and funding payments, as text. */
    static List<String> run(List<Object> events, JobType jobType, int watermarkEvery) throws Exception {
        try (AccountHarness h = new AccountHarness(Scenario.spec(), jobType)) {
            long maxSeen = Long.MIN_VALUE;
            for (int i = 0; i < events.size(); i++) {
                h.event(events.get(i));
                maxSeen = Math.max(maxSeen, Scenario.timestamp(events.get(i)));
                if (watermarkEvery > 0 && i % watermarkEvery == watermarkEvery - 1 && blockEnds(events, i)) {
                    h.watermark(maxSeen);
                }
            }
            h.end();
            assertThat(h.deadLetters()).allMatch(d -> d.reason.equals(SimulatedExecution.NO_NEXT_BAR));
            List<String> lines = new ArrayList<>();
            List<Fill> fills = h.fills();
            List<Long> stamps = h.fillTimestamps();
            for (int i = 0; i < fills.size(); i++) {
                lines.add(stamps.get(i) + " " + fills.get(i));
            }
            h.ledger().forEach(e -> lines.add(e.toString()));
            h.funding().forEach(p -> lines.add(p.toString()));
            assertThat(h.ledger()).filteredOn(LedgerEntry::isTotal).hasSize(36);
            return lines;
        }
    }

    /** A watermark may follow event {@code i} only where no later event is at or before it. */
    private static boolean blockEnds(List<Object> events, int i) {
        long seen = Long.MIN_VALUE;
        for (int j = 0; j <= i; j++) {
            seen = Math.max(seen, Scenario.timestamp(events.get(j)));
        }
        for (int j = i + 1; j < events.size(); j++) {
            if (Scenario.timestamp(events.get(j)) <= seen) {
                return false;
            }
        }
        return true;
    }

    /** Blocks of 40 events shuffled within, in block order. */
    private List<Object> shuffledInBlocks(Random random) {
        List<Object> result = new ArrayList<>();
        for (int from = 0; from < scenario.events.size(); from += 40) {
            List<Object> block = new ArrayList<>(
                    scenario.events.subList(from, Math.min(from + 40, scenario.events.size())));
            Collections.shuffle(block, random);
            result.addAll(block);
        }
        return result;
    }

    /** Sorted by record timestamp, ties in random order: BATCH's sorted keyed input. */
    private List<Object> tiesShuffled(Random random) {
        List<Object> result = new ArrayList<>(scenario.events);
        Collections.shuffle(result, random);
        result.sort(Comparator.comparingLong(Scenario::timestamp));
        return result;
    }
}
