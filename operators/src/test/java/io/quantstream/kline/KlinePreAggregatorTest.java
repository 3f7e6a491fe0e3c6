package io.quantstream.kline;

import static io.quantstream.testing.TestTrades.MINUTE;
import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeSequence;
import io.quantstream.testing.TestTrades;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KlinePreAggregatorTest {

    private OneInputStreamOperatorTestHarness<Trade, TradeRun> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static OneInputStreamOperatorTestHarness<Trade, TradeRun> harness() throws Exception {
        OneInputStreamOperatorTestHarness<Trade, TradeRun> h =
                new OneInputStreamOperatorTestHarness<>(new KlinePreAggregator());
        TestTrades.disableGenericTypes(h);
        h.open();
        return h;
    }

    private void send(Trade t) throws Exception {
        harness.processElement(t, t.tradeTime);
    }

    /** Runs emitted so far, rendered as {@code symbol[first..last]xtrades@timestamp}. */
    private List<String> runs() {
        return harness.getOutput().stream().filter(o -> o instanceof StreamRecord)
                .map(o -> render(run(o))).collect(Collectors.toList());
    }

    private static String render(StreamRecord<TradeRun> r) {
        TradeRun run = r.getValue();
        return run.symbol + "[" + run.firstTradeId + ".." + run.lastTradeId + "]x" + run.trades
                + "@" + (r.getTimestamp() - T0);
    }

    @SuppressWarnings("unchecked")
    static StreamRecord<TradeRun> run(Object output) {
        return (StreamRecord<TradeRun>) output;
    }

    /**
     * Everything a pre-aggregator emits for {@code trades} in order (runs and watermarks), with a
     * watermark 1001 ms behind the latest trade time after every {@code watermarkEvery} trades
     * (0: none, as in BATCH), then the end of input.
     */
    static List<Object> preAggregate(List<Trade> trades, int watermarkEvery) throws Exception {
        OneInputStreamOperatorTestHarness<Trade, TradeRun> h = harness();
        long maxTime = Long.MIN_VALUE;
        int n = 0;
        for (Trade t : trades) {
            h.processElement(t, t.tradeTime);
            maxTime = Math.max(maxTime, t.tradeTime);
            if (watermarkEvery > 0 && ++n % watermarkEvery == 0) {
                h.processWatermark(maxTime - 1001);
            }
        }
        h.endInput();
        List<Object> out = new ArrayList<>(h.getOutput());
        h.close();
        return out;
    }

    @Test
    void contiguousTradesOfAMinuteBecomeOneRunCutAtMinuteAndIdBreaks() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 10, "100", "1", false));
        send(trade("ETHUSDT", 7, T0 + 11, "5", "1", false));
        send(trade("BTCUSDT", 2, 2, 4, T0 + 20, "102", "2", true));
        send(trade("BTCUSDT", 3, 5, 5, T0 + 30, "99", "3", false));
        assertThat(runs()).isEmpty();
        send(trade("BTCUSDT", 4, 6, 6, T0 + MINUTE, "101", "1", false)); // next minute
        send(trade("BTCUSDT", 6, 8, 8, T0 + MINUTE + 1, "101", "1", false)); // id break
        harness.endInput();

        assertThat(runs()).startsWith("BTCUSDT[1..5]x3@30", "BTCUSDT[6..6]x1@60000")
                .containsExactlyInAnyOrder("BTCUSDT[1..5]x3@30", "BTCUSDT[6..6]x1@60000",
                        "ETHUSDT[7..7]x1@11", "BTCUSDT[8..8]x1@60001");
        TradeRun first = run(harness.getOutput().peek()).getValue();
        KlineAccumulator bar = first.bar;
        assertThat(bar.openTime).isEqualTo(T0);
        assertThat(bar.open).isEqualByComparingTo("100");
        assertThat(bar.close).isEqualByComparingTo("99");
        assertThat(bar.high).isEqualByComparingTo("102");
        assertThat(bar.low).isEqualByComparingTo("99");
        assertThat(bar.volume).isEqualByComparingTo("6");
        assertThat(bar.quoteVolume).isEqualByComparingTo("601");
        assertThat(bar.count).isEqualTo(5);
        assertThat(bar.takerBuyVolume).isEqualByComparingTo("4");
        assertThat(List.of(first.firstTime, first.lastTime)).containsExactly(T0 + 10, T0 + 30);
    }

    @Test
    void aRunEndsAtTheLastMillisecondOfItsMinuteAndATradeBeforeTheMinuteStartsAnother()
            throws Exception {
        send(trade("BTCUSDT", 1, T0, "100", "1", false));
        send(trade("BTCUSDT", 2, T0 + MINUTE - 1, "101", "1", false)); // last ms: same run
        send(trade("BTCUSDT", 3, T0 + MINUTE, "102", "1", false)); // first ms of the next
        send(trade("BTCUSDT", 4, T0 + MINUTE - 1, "103", "1", false)); // back a minute, next id
        send(trade("BTCUSDT", 5, T0 + MINUTE - 1, "104", "1", false));
        send(trade("BTCUSDT", 6, T0 - 1, "105", "1", false)); // the minute before T0
        harness.endInput();

        assertThat(runs()).containsExactly("BTCUSDT[1..2]x2@59999", "BTCUSDT[3..3]x1@60000",
                "BTCUSDT[4..5]x2@59999", "BTCUSDT[6..6]x1@-1");
        List<Long> openTimes = harness.getOutput().stream().filter(o -> o instanceof StreamRecord)
                .map(o -> run(o).getValue().bar.openTime - T0).collect(Collectors.toList());
        assertThat(openTimes).containsExactly(0L, MINUTE, 0L, -MINUTE);
    }

    @Test
    void outOfOrderIdsPassAsOneTradeRunsAndRepeatedIdsAreDeadLetters() throws Exception {
        send(trade("BTCUSDT", 1, T0, "1", "1", false));
        send(trade("BTCUSDT", 2, T0, "1", "1", false));
        send(trade("BTCUSDT", 4, T0 + 1, "1", "1", false));
        send(trade("BTCUSDT", 3, T0 + 1, "1", "1", false)); // out of order
        send(trade("BTCUSDT", 4, T0 + 1, "1", "1", false)); // duplicate, continues 3
        send(trade("BTCUSDT", 2, T0, "1", "1", false)); // duplicate
        send(trade("BTCUSDT", 5, T0 + 2, "1", "1", false));
        send(trade("BTCUSDT", 6, T0 + 3, "1", "1", false));
        send(trade("BTCUSDT", 6, 5, 6, T0 + 3, "1", "1", false)); // partly repeated aggTrade
        harness.endInput();

        assertThat(runs()).containsExactly("BTCUSDT[1..2]x2@0", "BTCUSDT[4..4]x1@1",
                "BTCUSDT[3..3]x1@1", "BTCUSDT[5..6]x2@3");
        List<DeadLetter> dead = harness.getSideOutput(DeadLetters.TAG).stream()
                .map(StreamRecord::getValue).collect(Collectors.toList());
        assertThat(dead).extracting(d -> d.stage + "/" + d.reason).containsOnly("klines/duplicate");
        assertThat(dead).extracting(d -> d.origin)
                .containsExactly("SPOT:BTCUSDT#4", "SPOT:BTCUSDT#2", "SPOT:BTCUSDT#6");
        assertThat(dead.get(0).eventTime).isEqualTo(T0 + 1);
    }

    @Test
    void manyHolesKeepTheMemoryOfEmittedIdsBounded() throws Exception {
        for (int i = 0; i < 3 * TradeSequence.MAX_PENDING; i++) {
            send(trade("BTCUSDT", 10L * i, T0 + i, "1", "1", false));
        }
        send(trade("BTCUSDT", 5, T0 + 1, "1", "1", false)); // oldest hole: forgotten, "seen"
        long recentHole = 10L * (3 * TradeSequence.MAX_PENDING - 2) + 5;
        send(trade("BTCUSDT", recentHole, T0 + 1, "1", "1", false));
        harness.endInput();
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().origin)
                .containsExactly("SPOT:BTCUSDT#5");
        assertThat(runs()).hasSize(3 * TradeSequence.MAX_PENDING + 1)
                .contains("BTCUSDT[" + recentHole + ".." + recentHole + "]x1@1");
    }

    @Test
    void watermarkIsForwardedAfterTheOpenRunsAreEmitted() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 5, "1", "1", false));
        send(trade("ETHUSDT", 1, T0 + 6, "1", "1", false));
        harness.processWatermark(T0 + 4);
        send(trade("BTCUSDT", 2, T0 + 7, "1", "1", false));

        List<Object> out = new ArrayList<>(harness.getOutput());
        assertThat(out).hasSize(3);
        assertThat(out.subList(0, 2)).allMatch(o -> o instanceof StreamRecord);
        assertThat(out.get(2)).isEqualTo(new Watermark(T0 + 4));
        assertThat(runs()).containsExactlyInAnyOrder("BTCUSDT[1..1]x1@5", "ETHUSDT[1..1]x1@6");
        harness.endInput();
        assertThat(runs()).endsWith("BTCUSDT[2..2]x1@7");
    }

    @Test
    void idleInputEmitsOpenRuns() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 5, "1", "1", false));
        send(trade("BTCUSDT", 2, T0 + 5, "1", "1", false));
        assertThat(runs()).isEmpty();
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(runs()).containsExactly("BTCUSDT[1..2]x2@5");
    }

    @Test
    void checkpointBarrierEmitsOpenRunsSoNoRunIsInTheSnapshot() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 5, "1", "1", false));
        send(trade("BTCUSDT", 2, T0 + 6, "1", "1", false));
        harness.prepareSnapshotPreBarrier(1);
        assertThat(runs()).containsExactly("BTCUSDT[1..2]x2@6");
        send(trade("BTCUSDT", 3, T0 + 7, "1", "1", false));
        harness.endInput();
        assertThat(runs()).containsExactly("BTCUSDT[1..2]x2@6", "BTCUSDT[3..3]x1@7");
    }

    @Test
    void endOfInputSendsTheLatestTradeTimeOnce() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 5, "1", "1", false));
        send(trade("ETHUSDT", 1, T0 + 9, "1", "1", false));
        send(trade("BTCUSDT", 2, T0 + 7, "1", "1", false));
        harness.endInput();
        assertThat(harness.getSideOutput(KlineStages.INPUT_END)).extracting(StreamRecord::getValue)
                .containsExactly(T0 + 9);
    }

    /**
     * Issue 5 defect 4: after a restore a source repeats 101..102 and goes on with 103..105. A
     * pre-aggregator that forgot what it emitted folded them into one run 101..105, which the
     * keyed aggregator (it saw 100..102) rejected whole as overlapping: 103..105 were lost.
     */
    @Test
    void afterARestoreRepeatedTradesAreDuplicatesAndTheNewOnesAreKept() throws Exception {
        var aggregator = KlineAggregatorTest.harness(new KlineAggregator(0, 1000));
        aggregator.open();
        for (long id = 100; id <= 102; id++) {
            send(trade("BTCUSDT", id, T0 + id, "1", "1", false));
        }
        harness.prepareSnapshotPreBarrier(1);
        var preSnapshot = harness.snapshot(1, 1);
        forward(harness, aggregator);
        var aggregatorSnapshot = aggregator.snapshot(1, 1);
        aggregator.close();
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(new KlinePreAggregator());
        TestTrades.disableGenericTypes(harness);
        harness.initializeState(preSnapshot);
        harness.open();
        aggregator = KlineAggregatorTest.harness(new KlineAggregator(0, 1000));
        aggregator.initializeState(aggregatorSnapshot);
        aggregator.open();
        for (long id = 101; id <= 105; id++) {
            send(trade("BTCUSDT", id, T0 + id, "1", "1", false));
        }
        harness.endInput();
        assertThat(runs()).containsExactly("BTCUSDT[103..105]x3@105");
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().reason)
                .containsExactly("duplicate", "duplicate");
        forward(harness, aggregator);
        aggregator.processBothWatermarks(new Watermark(Long.MAX_VALUE));

        assertThat(aggregator.getSideOutput(DeadLetters.TAG)).isNull();
        assertThat(aggregator.extractOutputValues()).singleElement()
                .satisfies(k -> assertThat(k.count).as("trades 100..105").isEqualTo(6));
        assertThat(aggregator.getSideOutput(KlineStages.TRADE_GAPS)).isNull();
        aggregator.close();
    }

    /**
     * Spot and USD-M BTCUSDT in one source are two instruments: the same trade ids on both are
     * no duplicates, each market has its own runs, and what was emitted is restored per
     * instrument.
     */
    @Test
    void sameIdsOnTwoMarketsOfOneSymbolAreTwoInstruments() throws Exception {
        send(trade("BTCUSDT", 1, T0 + 1, "100", "1", false));
        send(onUsdm(trade("BTCUSDT", 1, T0 + 2, "200", "1", false)));
        send(trade("BTCUSDT", 2, T0 + 3, "101", "1", false));
        send(onUsdm(trade("BTCUSDT", 2, T0 + 4, "201", "1", false)));
        harness.prepareSnapshotPreBarrier(1);
        var snapshot = harness.snapshot(1, 1);

        assertThat(harness.getOutput()).filteredOn(o -> o instanceof StreamRecord)
                .extracting(o -> run(o).getValue())
                .extracting(r -> r.market + ":" + r.symbol + "[" + r.firstTradeId + ".."
                        + r.lastTradeId + "] " + r.bar.volume + " @" + r.bar.close)
                .containsExactlyInAnyOrder("SPOT:BTCUSDT[1..2] 2 @101",
                        "USDM:BTCUSDT[1..2] 2 @201");
        assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(new KlinePreAggregator());
        TestTrades.disableGenericTypes(harness);
        harness.initializeState(snapshot);
        harness.open();
        send(onUsdm(trade("BTCUSDT", 2, T0 + 4, "201", "1", false)));
        send(trade("BTCUSDT", 3, T0 + 5, "102", "1", false));
        harness.endInput();
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().origin)
                .containsExactly("USDM:BTCUSDT#2");
        assertThat(runs()).containsExactly("BTCUSDT[3..3]x1@5");
        assertThat(run(harness.getOutput().peek()).getValue().market).isEqualTo(Market.SPOT);
    }

    private static Trade onUsdm(Trade t) {
        t.market = Market.USDM;
        return t;
    }

    /** Sends the runs {@code from} emitted to the keyed aggregator {@code to}. */
    private static void forward(OneInputStreamOperatorTestHarness<Trade, TradeRun> from,
            KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> to)
            throws Exception {
        for (Object o : from.getOutput()) {
            if (o instanceof StreamRecord) {
                to.processElement1(run(o));
            }
        }
    }
}
