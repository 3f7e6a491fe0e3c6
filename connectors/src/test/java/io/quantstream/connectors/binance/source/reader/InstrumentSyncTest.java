package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import io.quantstream.testing.TestTrades;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The id bookkeeping of one instrument, without I/O: trades have id {@code i}, time {@code 1000 + i}. */
class InstrumentSyncTest {

    private static final Instrument BTC = new Instrument(Market.USDM, "BTCUSDT");
    private static final int LIMIT = 1000;

    private final ReaderMetrics metrics = new ReaderMetrics(new UnregisteredMetricsGroup());

    @Test
    void consecutiveLiveTradesPassAndRepeatsAreDropped() {
        InstrumentSync sync = sync(InstrumentSplit.NONE, Long.MAX_VALUE, 100);

        live(sync, 10, 11, 12, 12, 11, 13);

        assertThat(ids(sync.drain())).containsExactly("10", "11", "12", "13");
        assertThat(metrics.duplicatesDropped()).isEqualTo(2);
        assertThat(sync.backfilling()).isFalse();
    }

    @Test
    void aJumpInTheLiveStreamIsBackfilledThenTheBufferFollowsWithoutRepeats() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 100);
        live(sync, 10, 11, 15, 16);
        assertThat(ids(sync.drain())).containsExactly("10", "11");
        assertThat(sync.restDue(0)).isTrue();
        assertThat(sync.nextFromId()).isEqualTo(12);

        // REST already has 12..16 (and 17, not yet seen live)
        sync.onRestPage(trades(12, 17), LIMIT, false, 0);
        live(sync, 17, 18);

        assertThat(ids(sync.drain())).containsExactly("12", "13", "14", "15", "16", "17", "18");
        assertThat(metrics.backfilledTrades()).isEqualTo(6);
        assertThat(metrics.duplicatesDropped()).isEqualTo(3);
        assertThat(sync.backfilling()).isFalse();
    }

    @Test
    void aRestoredSplitCatchesUpBeforeItsFirstLiveTrade() {
        InstrumentSync sync = sync(99, Long.MAX_VALUE, 100);
        assertThat(sync.restDue(0)).isFalse();

        sync.startCatchUp(5);

        assertThat(sync.restDue(5)).isTrue();
        assertThat(sync.nextFromId()).isEqualTo(100);
        sync.onRestPage(trades(100, 102), LIMIT, false, 6);
        assertThat(sync.backfilling()).isFalse();
        live(sync, 103);
        assertThat(ids(sync.drain())).containsExactly("100", "101", "102", "103");
    }

    @Test
    void fullPagesAreFollowedByTheNextPage() {
        InstrumentSync sync = sync(0, Long.MAX_VALUE, 100);
        live(sync, 8);

        sync.onRestPage(trades(1, 3), 3, false, 0);
        assertThat(sync.restDue(0)).isTrue();
        assertThat(sync.nextFromId()).isEqualTo(4);
        sync.onRestPage(trades(4, 6), 3, false, 0);
        sync.onRestPage(trades(7, 8), 3, false, 0);

        assertThat(ids(sync.drain())).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(sync.backfilling()).isFalse();
    }

    @Test
    void idsRestNoLongerServesBecomeAGapInTheirPlace() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 100);
        live(sync, 40);

        sync.onRestPage(trades(30, 40), LIMIT, false, 0);

        List<LiveRecord> records = sync.drain();
        assertThat(ids(records)).startsWith("gap 10..29 history-expired").contains("30", "40").hasSize(12);
        assertThat(records.get(0).gap.timeBefore).isEqualTo(Long.MIN_VALUE);
        assertThat(records.get(0).gap.timeAfter).isEqualTo(1030);
        assertThat(records.get(0).gap.firstTradeIdAfter).isEqualTo(30);
        assertThat(metrics.gaps()).isEqualTo(1);
        assertThat(metrics.missedTrades()).isEqualTo(20);
    }

    @Test
    void aRefusedBackfillIsReportedAtTheNextLiveTrade() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 100);
        live(sync, 10);
        sync.drain();
        sync.startCatchUp(0);

        sync.onRestRefused("HTTP 400 fromId too old");
        assertThat(sync.drain()).isEmpty();
        live(sync, 25, 26);

        List<LiveRecord> records = sync.drain();
        assertThat(ids(records)).containsExactly("gap 11..24 rest-error", "25", "26");
        assertThat(records.get(0).gap.lastTradeIdBefore).isEqualTo(10);
        assertThat(records.get(0).gap.timeBefore).isEqualTo(1010);
        assertThat(records.get(0).gap.detail).isEqualTo("HTTP 400 fromId too old");
    }

    @Test
    void restThatStaysEmptyWhileLiveIsAheadGivesUpAfterTheConfiguredPages() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 100);
        live(sync, 20);

        sync.onRestPage(List.of(), LIMIT, false, 0);
        assertThat(sync.restDue(0)).isFalse();
        assertThat(sync.restDue(10)).isTrue();
        sync.onRestPage(List.of(), LIMIT, false, 10);
        assertThat(sync.drain()).isEmpty();
        sync.onRestPage(List.of(), LIMIT, false, 100);

        assertThat(ids(sync.drain())).containsExactly("gap 10..19 not-served", "20");
        assertThat(sync.backfilling()).isFalse();
    }

    @Test
    void unavailableRestIsRetriedAfterItsRetryAfter() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 100);
        live(sync, 20);

        sync.onRestUnavailable(1000, 5000);

        assertThat(sync.restDue(5999)).isFalse();
        assertThat(sync.restDue(6000)).isTrue();
        assertThat(sync.drain()).isEmpty();
    }

    @Test
    void theBufferIsBoundedAndRestServesWhatItLetGo() {
        InstrumentSync sync = sync(9, Long.MAX_VALUE, 3);
        live(sync, 20, 21, 22, 23, 24);

        sync.onRestPage(trades(10, 21), LIMIT, false, 0);

        // 20 and 21 were let go from the buffer and came over REST; 22..24 from the buffer
        assertThat(ids(sync.drain())).isEqualTo(LongStream.rangeClosed(10, 24).mapToObj(Long::toString)
                .collect(Collectors.toList()));
    }

    @Test
    void nothingPastTheStopIdIsDelivered() {
        InstrumentSync sync = sync(9, 12, 100);
        live(sync, 10);
        live(sync, 14);
        sync.onRestPage(trades(11, 14), LIMIT, false, 0);
        live(sync, 15);

        assertThat(ids(sync.drain())).containsExactly("10", "11", "12");
        assertThat(sync.finished()).isTrue();
        assertThat(sync.restDue(0)).isFalse();
    }

    private InstrumentSync sync(long lastDelivered, long stopAfter, int maxBuffered) {
        return new InstrumentSync(InstrumentSplit.start(BTC, lastDelivered, stopAfter), maxBuffered, 3,
                new Backoff(10, 1000, 0, () -> 0), metrics);
    }

    private static void live(InstrumentSync sync, long... ids) {
        for (long id : ids) {
            sync.onLive(trade(id), 0);
        }
    }

    private static List<Trade> trades(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(InstrumentSyncTest::trade).collect(Collectors.toList());
    }

    private static Trade trade(long id) {
        return TestTrades.trade(Market.USDM, "BTCUSDT", id, id, id, 1000 + id, "1", "1", false);
    }

    private static List<String> ids(List<LiveRecord> records) {
        return records.stream()
                .map(r -> r.kind == LiveRecord.Kind.TRADE ? Long.toString(r.trade.aggTradeId)
                        : "gap " + r.gap.firstMissingAggTradeId + ".." + r.gap.lastMissingAggTradeId + " " + r.gap.reason)
                .collect(Collectors.toList());
    }
}
