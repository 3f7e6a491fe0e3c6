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
import io.quantstream.model.TradeGap;
import io.quantstream.testing.TestTrades;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KlineAggregatorTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> harness;

    private void open(long allowedLateness, long reorderTolerance) throws Exception {
        harness = harness(new KlineAggregator(allowedLateness, reorderTolerance));
        harness.open();
    }

    /** A harness, not yet opened: input 1 keyed by symbol, input 2 (input ends) unkeyed. */
    static KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> harness(
            KlineAggregator aggregator) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(aggregator, KlineStages::instrument,
                        end -> "", Types.STRING);
        TestTrades.disableGenericTypes(h);
        return h;
    }

    /** The watermark {@code time} on both inputs. */
    private void watermark(long time) throws Exception {
        harness.processBothWatermarks(new Watermark(time));
    }

    /** One source ended; its latest trade time was {@code time}. */
    private void inputEnd(long time) throws Exception {
        harness.processElement2(time, time);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** Sends {@code t} as a one-trade run, as the pre-aggregator does with out-of-order ids. */
    private void send(Trade t) throws Exception {
        send(TradeRun.of(t, TradeSizes.defaults()));
    }

    private void send(TradeRun run) throws Exception {
        harness.processElement1(run, run.maxTime());
    }

    /** A run of {@code trades}, which must continue each other. */
    static TradeRun run(Trade... trades) {
        TradeRun run = TradeRun.of(trades[0], TradeSizes.defaults());
        for (int i = 1; i < trades.length; i++) {
            assertThat(run.continuesWith(trades[i])).isTrue();
            run.add(trades[i], TradeSizes.defaults());
        }
        return run;
    }

    private List<StreamRecord<? extends Kline>> bars() {
        return harness.extractOutputStreamRecords();
    }

    private List<String> deadLetterReasons() {
        return harness.getSideOutput(DeadLetters.TAG) == null ? List.of()
                : harness.getSideOutput(DeadLetters.TAG).stream()
                        .map(r -> r.getValue().reason).collect(Collectors.toList());
    }

    private List<TradeGap> gaps() {
        return harness.getSideOutput(KlineStages.TRADE_GAPS) == null ? List.of()
                : harness.getSideOutput(KlineStages.TRADE_GAPS).stream()
                        .map(StreamRecord::getValue).collect(Collectors.toList());
    }

    /** After the end of input only the per-symbol cursor remains, and no timer. */
    private void assertNothingLeftOpen(int symbols) {
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(symbols);
    }

    @Test
    void tradesTiedAtTheLastMillisecondLandInTheirBar() throws Exception {
        open(0, 0);
        send(trade("BTCUSDT", 1, T0 + 10, "100", "1", false));
        send(trade("BTCUSDT", 3, T0 + MINUTE - 1, "103", "2", true));
        send(trade("BTCUSDT", 2, T0 + MINUTE - 1, "99", "3", false));
        assertThat(bars()).isEmpty();
        send(trade("BTCUSDT", 4, T0 + MINUTE, "104", "1", false));

        assertThat(bars()).hasSize(1);
        StreamRecord<? extends Kline> first = bars().get(0);
        assertThat(first.getTimestamp()).isEqualTo(T0 + MINUTE - 1);
        Kline k = first.getValue();
        assertThat(k.openTime).isEqualTo(T0);
        assertThat(k.closeTime).isEqualTo(T0 + MINUTE - 1);
        assertThat(k.open).isEqualByComparingTo("100");
        assertThat(k.close).as("last by (time, id): id 3").isEqualByComparingTo("103");
        assertThat(k.high).isEqualByComparingTo("103");
        assertThat(k.low).isEqualByComparingTo("99");
        assertThat(k.volume).isEqualByComparingTo("6");
        assertThat(k.quoteVolume).isEqualByComparingTo("603");
        assertThat(k.count).isEqualTo(3);
        assertThat(k.takerBuyVolume).isEqualByComparingTo("4");
        assertThat(k.takerBuyQuoteVolume).isEqualByComparingTo("397");
        assertThat(k.interval).isEqualTo("1m");

        watermark(Long.MAX_VALUE);
        assertThat(bars()).hasSize(2);
        assertThat(bars().get(1).getTimestamp()).isEqualTo(T0 + 2 * MINUTE - 1);
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(gaps()).isEmpty();
        assertNothingLeftOpen(1);
    }

    /**
     * Spot and USD-M BTCUSDT are two instruments: their own ids (the same numbers are no
     * duplicates), gaps and bars; before, the second market was a dead letter
     * {@code market-mismatch}.
     */
    @Test
    void spotAndUsdmTradesOfOneSymbolAreTwoInstruments() throws Exception {
        open(0, 0);
        send(trade("BTCUSDT", 1, T0 + 10, "100", "1", false));
        send(usdm(trade("BTCUSDT", 1, T0 + 20, "200", "3", true)));
        send(trade("BTCUSDT", 2, T0 + 30, "102", "2", true));
        send(usdm(trade("BTCUSDT", 4, T0 + 40, "199", "1", false)));
        watermark(Long.MAX_VALUE);

        assertThat(deadLetterReasons()).isEmpty();
        assertThat(bars()).extracting(StreamRecord::getValue)
                .extracting(k -> k.market + ":" + k.symbol + " o=" + k.open + " c=" + k.close
                        + " v=" + k.volume + " qv=" + k.quoteVolume + " n=" + k.count)
                .containsExactlyInAnyOrder("SPOT:BTCUSDT o=100 c=102 v=3 qv=304 n=2",
                        "USDM:BTCUSDT o=200 c=199 v=4 qv=799 n=2");
        assertThat(gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.market).isEqualTo(Market.USDM);
            assertThat(gap.symbol).isEqualTo("BTCUSDT");
            assertThat(gap.missingTrades).isEqualTo(2);
        });
        assertNothingLeftOpen(2);
    }

    private static Trade usdm(Trade t) {
        t.market = Market.USDM;
        return t;
    }

    @Test
    void outOfOrderIdsWithinOneMillisecondAreNoDuplicateNorGap() throws Exception {
        open(0, 0);
        send(trade("BTCUSDT", 12, T0 + 5, "3", "1", false));
        send(trade("BTCUSDT", 10, T0 + 5, "1", "1", false));
        send(trade("BTCUSDT", 11, T0 + 5, "2", "1", false));
        send(trade("BTCUSDT", 14, T0 + 6, "5", "1", false));
        send(trade("BTCUSDT", 13, T0 + 6, "4", "1", false));
        watermark(Long.MAX_VALUE);

        Kline k = bars().get(0).getValue();
        assertThat(k.open).isEqualByComparingTo("1");
        assertThat(k.close).isEqualByComparingTo("5");
        assertThat(k.count).isEqualTo(5);
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(gaps()).isEmpty();
        assertNothingLeftOpen(1);
    }

    @Test
    void duplicatesAreDroppedAndReported() throws Exception {
        open(0, 1000);
        send(trade("BTCUSDT", 1, T0, "1", "1", false));
        send(trade("BTCUSDT", 2, T0 + 1, "2", "1", false));
        send(trade("BTCUSDT", 2, T0 + 1, "2", "1", false));
        send(trade("BTCUSDT", 3, 2, 3, T0 + 1, "2", "1", false));
        send(trade("BTCUSDT", 3, T0 + 2000, "3", "1", false));
        send(trade("BTCUSDT", 1, T0 + 2000, "1", "1", false));
        watermark(Long.MAX_VALUE);

        assertThat(deadLetterReasons()).containsExactly("duplicate", "duplicate", "duplicate");
        DeadLetter d = harness.getSideOutput(DeadLetters.TAG).peek().getValue();
        assertThat(d.stage).isEqualTo("klines");
        assertThat(d.eventTime).isEqualTo(T0 + 1);
        assertThat(d.origin).isEqualTo("SPOT:BTCUSDT#2");
        assertThat(d.raw).contains("BTCUSDT[2..2]").contains("volume 1");
        assertThat(bars().get(0).getValue().count).isEqualTo(3);
        assertThat(gaps()).isEmpty();
        assertNothingLeftOpen(1);
    }

    @Test
    void gapIsReportedOnceEventTimePassesItByTheTolerance() throws Exception {
        open(0, 1000);
        send(trade("BTCUSDT", 1, T0, "1", "1", false));
        send(trade("BTCUSDT", 2, T0 + 10, "1", "1", false));
        send(trade("BTCUSDT", 5, T0 + 20, "1", "1", false));
        send(trade("BTCUSDT", 6, T0 + 1020, "1", "1", false));
        assertThat(gaps()).isEmpty();
        send(trade("BTCUSDT", 7, T0 + 1021, "1", "1", false));
        assertThat(gaps()).hasSize(1);
        TradeGap gap = gaps().get(0);
        assertThat(gap.symbol).isEqualTo("BTCUSDT");
        assertThat(gap.lastTradeIdBefore).isEqualTo(2);
        assertThat(gap.firstTradeIdAfter).isEqualTo(5);
        assertThat(gap.missingTrades).isEqualTo(2);
        assertThat(gap.timeBefore).isEqualTo(T0 + 10);
        assertThat(gap.timeAfter).isEqualTo(T0 + 20);
        watermark(Long.MAX_VALUE);
        assertThat(gaps()).hasSize(1);
        assertNothingLeftOpen(1);
    }

    @Test
    void gapAtTheEndOfInputIsReportedByTheFinalWatermark() throws Exception {
        open(0, 1000);
        send(trade("BTCUSDT", 1, T0, "1", "1", false));
        send(trade("BTCUSDT", 3, T0 + 1, "1", "1", false));
        watermark(Long.MAX_VALUE);
        assertThat(gaps()).extracting(g -> g.missingTrades).containsExactly(1L);
        assertNothingLeftOpen(1);
    }

    @Test
    void tradePastTheAllowedLatenessIsADeadLetter() throws Exception {
        open(1000, 1000);
        send(trade("BTCUSDT", 1, T0 + 100, "10", "1", false));
        send(trade("BTCUSDT", 2, T0 + MINUTE + 500, "11", "1", false));
        send(trade("BTCUSDT", 3, T0 + MINUTE - 5, "9", "1", false)); // late, within lateness
        assertThat(bars()).isEmpty();
        send(trade("BTCUSDT", 4, T0 + MINUTE + 999, "12", "1", false));
        assertThat(bars()).isEmpty();
        send(trade("BTCUSDT", 5, T0 + MINUTE + 1000, "12", "1", false));
        assertThat(bars()).hasSize(1);
        Kline first = bars().get(0).getValue();
        assertThat(first.count).isEqualTo(2);
        assertThat(first.close).isEqualByComparingTo("9");
        send(trade("BTCUSDT", 0, T0 + MINUTE - 1, "8", "1", false));
        assertThat(deadLetterReasons()).containsExactly("late");
        watermark(Long.MAX_VALUE);
        assertThat(bars()).hasSize(2);
        assertThat(bars().get(1).getValue().count).isEqualTo(3);
        assertNothingLeftOpen(1);
    }

    @Test
    void watermarkClosesBarsAndIsHeldBackByTheAllowedLateness() throws Exception {
        open(1000, 0);
        send(trade("BTCUSDT", 1, T0 + 100, "10", "1", false));
        watermark(T0 + MINUTE - 1 + 999);
        assertThat(bars()).isEmpty();
        watermark(T0 + MINUTE - 1 + 1000);
        assertThat(bars()).hasSize(1);
        List<Watermark> watermarks = harness.getOutput().stream()
                .filter(o -> o instanceof Watermark).map(o -> (Watermark) o)
                .collect(Collectors.toList());
        assertThat(watermarks).extracting(Watermark::getTimestamp)
                .containsExactly(T0 + MINUTE - 1 - 1, T0 + MINUTE - 1);
        send(trade("BTCUSDT", 2, T0 + MINUTE - 1, "10", "1", false));
        assertThat(deadLetterReasons()).containsExactly("late");
        assertThat(harness.numEventTimeTimers()).as("the next minute's close").isEqualTo(1);
        watermark(Long.MAX_VALUE);
        assertNothingLeftOpen(1);
    }

    @Test
    void minutesWithoutTradesAreFilledAtThePreviousCloseOnceTheWatermarkPassesThem()
            throws Exception {
        open(0, 0);
        send(trade("BTCUSDT", 1, T0 + 1, "10", "1", false));
        send(trade("BTCUSDT", 2, T0 + 2, "11", "1", false));
        send(trade("BTCUSDT", 3, T0 + 3 * MINUTE + 7, "12", "2", true));
        watermark(T0 + 10 * MINUTE);
        watermark(Long.MAX_VALUE);

        List<Long> closes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            closes.add(T0 + i * MINUTE - 1);
        }
        assertThat(bars()).extracting(StreamRecord::getTimestamp).containsExactlyElementsOf(closes);
        for (int i : new int[] {1, 2}) {
            Kline fill = bars().get(i).getValue();
            assertThat(fill.openTime).isEqualTo(T0 + i * MINUTE);
            assertThat(fill.isEmpty()).isTrue();
            assertThat(List.of(fill.open, fill.high, fill.low, fill.close))
                    .allSatisfy(p -> assertThat(p).isEqualByComparingTo("11"));
            assertThat(List.of(fill.volume, fill.quoteVolume, fill.takerBuyVolume,
                    fill.takerBuyQuoteVolume)).allSatisfy(v -> assertThat(v).isZero());
        }
        assertThat(bars().subList(4, 10)).extracting(r -> r.getValue().close.toPlainString())
                .as("after the last trade: its close").containsOnly("12");
        assertNothingLeftOpen(1);
    }

    /**
     * Issue 5 defect 1: a quiet symbol's empty minutes used to leave only when its next trade
     * came, behind a watermark that had passed them (late for every event-time stage downstream).
     */
    @Test
    void quietSymbolsMinutesLeaveBeforeTheWatermarkThatPassesThem() throws Exception {
        open(0, 0);
        send(trade("AAAUSDT", 1, T0 + 1, "5", "1", false));
        send(trade("BBBUSDT", 1, T0 + 2, "10", "1", false));
        for (int minute = 1; minute <= 6; minute++) {
            send(trade("AAAUSDT", 1 + minute, T0 + minute * MINUTE + 1, "5", "1", false));
            watermark(T0 + minute * MINUTE);
        }
        assertThat(bars()).filteredOn(r -> r.getValue().symbol.equals("BBBUSDT"))
                .extracting(r -> r.getValue().openTime)
                .containsExactly(T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE,
                        T0 + 4 * MINUTE, T0 + 5 * MINUTE);
        send(trade("BBBUSDT", 2, T0 + 7 * MINUTE + 5, "11", "1", false));
        watermark(Long.MAX_VALUE);

        assertNoRecordBehindTheWatermark();
        assertThat(bars()).filteredOn(r -> r.getValue().symbol.equals("BBBUSDT"))
                .extracting(r -> r.getValue().openTime - T0)
                .containsExactly(0L, MINUTE, 2 * MINUTE, 3 * MINUTE, 4 * MINUTE, 5 * MINUTE,
                        6 * MINUTE, 7 * MINUTE);
        assertThat(deadLetterReasons()).isEmpty();
        assertNothingLeftOpen(2);
    }

    @Test
    void endOfInputClosesEverySymbolsMinutesUpToTheInputsLastTrade() throws Exception {
        for (boolean endFirst : new boolean[] {true, false}) {
            open(0, 0);
            if (endFirst) {
                inputEnd(T0 + 5 * MINUTE + 30_000); // BATCH reads the broadcast input first
            }
            send(trade("BBBUSDT", 1, T0 + 2, "10", "1", false));
            send(trade("BBBUSDT", 2, T0 + 2 * MINUTE, "11", "1", false));
            for (int minute = 0; minute <= 5; minute++) {
                send(trade("AAAUSDT", 1 + minute, T0 + minute * MINUTE + 30_000, "5", "1", false));
            }
            if (!endFirst) {
                inputEnd(T0 + 2 * MINUTE);
                inputEnd(T0 + 5 * MINUTE + 30_000); // the latest of all sources counts
            }
            watermark(Long.MAX_VALUE);

            assertThat(bars()).filteredOn(r -> r.getValue().symbol.equals("BBBUSDT"))
                    .extracting(r -> (r.getValue().openTime - T0) / MINUTE + "/" + r.getValue().count)
                    .as("end first: " + endFirst)
                    .containsExactly("0/1", "1/0", "2/1", "3/0", "4/0", "5/0");
            assertThat(bars()).filteredOn(r -> r.getValue().symbol.equals("AAAUSDT")).hasSize(6);
            assertNothingLeftOpen(2);
            close();
        }
        open(0, 0);
    }

    @Test
    void withoutAnInputEndNoMinuteAfterTheLastTradeIsInvented() throws Exception {
        open(0, 0);
        send(trade("BBBUSDT", 1, T0 + 2, "10", "1", false));
        send(trade("AAAUSDT", 1, T0 + 5 * MINUTE, "5", "1", false));
        watermark(Long.MAX_VALUE);
        assertThat(bars()).extracting(r -> r.getValue().symbol).containsExactly("BBBUSDT", "AAAUSDT");
    }

    @Test
    void inputEndSurvivesARestore() throws Exception {
        open(0, 0);
        send(trade("BBBUSDT", 1, T0 + 2, "10", "1", false));
        inputEnd(T0 + 3 * MINUTE + 1);
        var snapshot = harness.snapshot(1, 1);
        close();
        harness = harness(new KlineAggregator(0, 0));
        harness.initializeState(snapshot);
        harness.open();
        watermark(Long.MAX_VALUE);
        assertThat(bars()).extracting(r -> r.getValue().openTime)
                .containsExactly(T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE);
    }

    /** Issue 5 defect 7: a late trade was dead-lettered and its id reported missing as well. */
    @Test
    void lateTradeCountsAsSeenSoItsIdIsNoGap() throws Exception {
        open(0, 1000);
        send(trade("BTCUSDT", 1, T0 + 10, "1", "1", false));
        send(trade("BTCUSDT", 3, T0 + MINUTE + 5, "1", "1", false));
        assertThat(bars()).hasSize(1);
        send(trade("BTCUSDT", 2, T0 + 50, "1", "1", false)); // fills the hole; its bar is final
        watermark(Long.MAX_VALUE);
        assertThat(deadLetterReasons()).containsExactly("late");
        assertThat(gaps()).isEmpty();
        assertNothingLeftOpen(1);
    }

    /** Issue 5 defect 5: insurance-fund and ADL trades were reported as missing trades. */
    @Test
    void nonMarketTradesCountAsSeenButStayOutOfTheBars() throws Exception {
        open(0, 0);
        Trade market = usdm(trade("BTCUSDT", 100, T0 + 10, "10", "1", false), "MARKET");
        Trade insurance = usdm(trade("BTCUSDT", 101, T0 + MINUTE + 10, "9", "5", false),
                "INSURANCE_FUND");
        Trade next = usdm(trade("BTCUSDT", 102, T0 + 2 * MINUTE + 10, "11", "2", true), "MARKET");
        send(market);
        send(insurance);
        send(next);
        watermark(Long.MAX_VALUE);

        assertThat(gaps()).isEmpty();
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(bars()).extracting(r -> r.getValue().count).containsExactly(1L, 0L, 1L);
        Kline quiet = bars().get(1).getValue();
        assertThat(quiet.close).as("the insurance-fund price is no close").isEqualByComparingTo("10");
        assertThat(quiet.volume).isZero();
        assertNothingLeftOpen(1);
    }

    @Test
    void nonMarketTradeInsideARunKeepsTheRunWholeAndOutOfTheBar() throws Exception {
        open(0, 0);
        send(run(usdm(trade("BTCUSDT", 100, T0 + 10, "10", "1", false), "MARKET"),
                usdm(trade("BTCUSDT", 101, T0 + 20, "1", "7", false), "ADL"),
                usdm(trade("BTCUSDT", 102, T0 + 30, "12", "2", true), "MARKET")));
        send(usdm(trade("BTCUSDT", 103, T0 + MINUTE, "12", "1", false), "MARKET"));
        watermark(Long.MAX_VALUE);
        Kline k = bars().get(0).getValue();
        assertThat(k.count).isEqualTo(2);
        assertThat(k.low).isEqualByComparingTo("10");
        assertThat(k.volume).isEqualByComparingTo("3");
        assertThat(gaps()).isEmpty();
    }

    private static Trade usdm(Trade t, String executionType) {
        t.market = io.quantstream.model.Market.USDM;
        t.executionType = executionType;
        return t;
    }

    /** Every record leaves before any watermark at or past its timestamp. */
    private void assertNoRecordBehindTheWatermark() {
        long watermark = Long.MIN_VALUE;
        for (Object o : harness.getOutput()) {
            if (o instanceof Watermark) {
                watermark = ((Watermark) o).getTimestamp();
            } else if (o instanceof StreamRecord) {
                StreamRecord<?> r = (StreamRecord<?>) o;
                assertThat(r.getTimestamp()).as("%s after watermark %s", r.getValue(), watermark)
                        .isGreaterThan(watermark);
            }
        }
    }

    @Test
    void batchDrivingGivesTheSameOutputAsStreamingDriving() throws Exception {
        List<Trade> trades = randomTrades(new Random(42));
        open(2000, 2000);
        // BATCH: runs cut without watermarks, then sorted by key and timestamp only
        List<Object> batchRuns = KlinePreAggregatorTest.preAggregate(trades, 0);
        List<StreamRecord<TradeRun>> sorted = new ArrayList<>();
        batchRuns.forEach(o -> sorted.add(KlinePreAggregatorTest.run(o)));
        sorted.sort(Comparator.comparing((StreamRecord<TradeRun> r) -> r.getValue().symbol)
                .thenComparingLong(StreamRecord::getTimestamp));
        for (StreamRecord<TradeRun> r : sorted) {
            harness.processElement1(r);
        }
        watermark(Long.MAX_VALUE);
        List<String> batch = render();
        assertNothingLeftOpen(2);
        close();

        open(2000, 2000);
        List<Object> streamingRuns = KlinePreAggregatorTest.preAggregate(trades, 7);
        assertThat(streamingRuns.size()).isGreaterThan(batchRuns.size());
        for (Object o : streamingRuns) {
            if (o instanceof Watermark) {
                watermark(((Watermark) o).getTimestamp());
            } else {
                harness.processElement1(KlinePreAggregatorTest.run(o));
            }
        }
        watermark(Long.MAX_VALUE);
        List<String> streaming = render();
        assertNothingLeftOpen(2);

        assertThat(streaming).isEqualTo(batch);
        assertThat(batch).anyMatch(s -> s.startsWith("gap"));
        assertThat(batch).anyMatch(s -> s.contains(" n=0 "));
        assertThat(batch).noneMatch(s -> s.contains("overlapping-ids"));
        assertThat(batchRuns.size()).as("runs of several trades").isLessThan(trades.size());
    }

    @Test
    void runsMergeIntoTheSameBarAsTheirTrades() throws Exception {
        Trade a = trade("BTCUSDT", 1, T0 + 10, "100", "1", false);
        Trade b = trade("BTCUSDT", 2, T0 + 20, "103", "2", true);
        Trade c = trade("BTCUSDT", 3, T0 + 20, "99", "3", false);
        Trade d = trade("BTCUSDT", 4, T0 + 30, "101", "1", true);
        open(0, 1000);
        for (Trade t : List.of(a, b, c, d)) {
            send(t);
        }
        watermark(Long.MAX_VALUE);
        List<String> single = render();
        close();

        open(0, 1000);
        send(run(c, d));
        send(run(a, b));
        watermark(Long.MAX_VALUE);
        assertThat(render()).isEqualTo(single);
        Kline k = bars().get(0).getValue();
        assertThat(k.open).isEqualByComparingTo("100");
        assertThat(k.close).isEqualByComparingTo("101");
        assertThat(k.high).isEqualByComparingTo("103");
        assertThat(k.low).isEqualByComparingTo("99");
        assertThat(k.count).isEqualTo(4);
        assertThat(k.quoteVolume).isEqualByComparingTo("704");
        assertThat(k.takerBuyVolume).isEqualByComparingTo("4");
        assertThat(deadLetterReasons()).isEmpty();
        assertNothingLeftOpen(1);
    }

    @Test
    void gapBetweenRunsReportsTheTimesOfTheTradesNextToIt() throws Exception {
        open(0, 1000);
        send(run(trade("BTCUSDT", 1, T0 + 50, "1", "1", false),
                trade("BTCUSDT", 2, T0 + 10, "1", "1", false)));
        send(run(trade("BTCUSDT", 5, T0 + 20, "1", "1", false),
                trade("BTCUSDT", 6, T0 + 5000, "1", "1", false)));
        assertThat(gaps()).hasSize(1);
        TradeGap gap = gaps().get(0);
        assertThat(gap.lastTradeIdBefore).isEqualTo(2);
        assertThat(gap.firstTradeIdAfter).isEqualTo(5);
        assertThat(gap.timeBefore).isEqualTo(T0 + 10);
        assertThat(gap.timeAfter).isEqualTo(T0 + 20);
        watermark(Long.MAX_VALUE);
        assertNothingLeftOpen(1);
    }

    @Test
    void runPartlyOverlappingSeenIdsIsADeadLetterNotADuplicate() throws Exception {
        open(0, 0);
        send(run(trade("BTCUSDT", 1, T0, "1", "1", false),
                trade("BTCUSDT", 2, T0 + 1, "1", "1", false)));
        send(run(trade("BTCUSDT", 1, T0, "1", "1", false),
                trade("BTCUSDT", 2, T0 + 1, "1", "1", false)));
        send(run(trade("BTCUSDT", 2, T0 + 1, "1", "1", false),
                trade("BTCUSDT", 3, T0 + 2, "1", "1", false)));
        watermark(Long.MAX_VALUE);

        assertThat(deadLetterReasons()).containsExactly("duplicate", "overlapping-ids");
        DeadLetter overlap = harness.getSideOutput(DeadLetters.TAG).stream()
                .map(StreamRecord::getValue).filter(d -> d.reason.equals("overlapping-ids"))
                .findFirst().orElseThrow();
        assertThat(overlap.detail).contains("2..3").contains("one source");
        assertThat(overlap.raw).contains("[2..3]").contains("2 trades");
        assertThat(overlap.origin).isEqualTo("SPOT:BTCUSDT#2..3");
        assertThat(bars().get(0).getValue().count).isEqualTo(2);
        assertNothingLeftOpen(1);
    }

    /** Every output (bars with timestamps, gaps, dead letters) sorted, for comparison. */
    private List<String> render() {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends Kline> r : bars()) {
            out.add("bar " + r.getTimestamp() + " " + r.getValue());
        }
        for (TradeGap g : gaps()) {
            out.add("gap " + g.symbol + " " + g.lastTradeIdBefore + " " + g.firstTradeIdAfter
                    + " " + g.timeBefore + " " + g.timeAfter);
        }
        if (harness.getSideOutput(DeadLetters.TAG) != null) {
            harness.getSideOutput(DeadLetters.TAG).forEach(r -> out.add("dead " + r.getValue()));
        }
        out.sort(null);
        return out;
    }

    /**
     * Two symbols over 20 minutes in arrival order: ids ascending with time, several trades per
     * millisecond in shuffled id order, arrival up to 500 ms out of order, idle minutes, one hole
     * and a few duplicates.
     */
    static List<Trade> randomTrades(Random random) {
        List<Trade> trades = new ArrayList<>();
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            long id = 1000;
            long time = T0 + random.nextInt(1000);
            while (time < T0 + 20 * MINUTE) {
                if (time >= T0 + 5 * MINUTE && time < T0 + 8 * MINUTE) {
                    time = T0 + 8 * MINUTE + 3; // idle minutes 5..7
                }
                int sameMillisecond = 1 + random.nextInt(3);
                List<Trade> tick = new ArrayList<>();
                for (int i = 0; i < sameMillisecond; i++) {
                    long last = id + random.nextInt(2);
                    String price = BigDecimal.valueOf(20000 + random.nextInt(500), 2).toPlainString();
                    tick.add(trade(symbol, id, id, last, time, price, "0.00" + (1 + random.nextInt(9)),
                            random.nextBoolean()));
                    id = last + 1;
                }
                java.util.Collections.shuffle(tick, random);
                trades.addAll(tick);
                if (random.nextInt(50) == 0) {
                    trades.add(tick.get(0)); // duplicate
                }
                if (random.nextInt(300) == 0) {
                    id += 3; // hole
                }
                time += 50 + random.nextInt(3000);
            }
        }
        // arrival order: by time, each record up to 500 ms out of place
        List<Trade> arrival = new ArrayList<>(trades);
        List<Long> jitter = new ArrayList<>();
        for (int i = 0; i < arrival.size(); i++) {
            jitter.add((long) random.nextInt(500));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < arrival.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> arrival.get(i).tradeTime + jitter.get(i)));
        return order.stream().map(arrival::get).collect(Collectors.toList());
    }
}
