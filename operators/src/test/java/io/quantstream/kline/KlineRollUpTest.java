package io.quantstream.kline;

import static io.quantstream.testing.TestTrades.MINUTE;
import static io.quantstream.testing.TestTrades.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.CountingHarness;
import io.quantstream.testing.TestTrades;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KlineRollUpTest {

    /** 2023-11-14T22:00:00Z, an hour boundary. */
    private static final long H = 1_699_999_200_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, Kline, Kline> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KlineRollUp(Interval.parseList("1m,5m,1h")), KlineStages::instrument,
                Types.STRING);
        TestTrades.disableGenericTypes(harness);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(Kline k) throws Exception {
        harness.processElement(k, k.closeTime);
    }

    private List<StreamRecord<? extends Kline>> of(String interval) {
        return harness.extractOutputStreamRecords().stream()
                .filter(r -> r.getValue().interval.equals(interval)).collect(Collectors.toList());
    }

    @Test
    void rollsUpToFiveMinutesAndAnHourWithAPartialLastBar() throws Exception {
        for (int i = 0; i < 7; i++) {
            String p = String.valueOf(100 + i);
            send(minute("BTCUSDT", H + i * MINUTE, p, String.valueOf(110 + i),
                    String.valueOf(90 - i), String.valueOf(101 + i), "2", 3));
        }
        assertThat(of("1m")).hasSize(7);
        assertThat(of("5m")).hasSize(1);
        StreamRecord<? extends Kline> five = of("5m").get(0);
        assertThat(five.getTimestamp()).isEqualTo(H + 5 * MINUTE - 1);
        Kline k = five.getValue();
        assertThat(k.openTime).isEqualTo(H);
        assertThat(k.closeTime).isEqualTo(H + 5 * MINUTE - 1);
        assertThat(k.open).isEqualByComparingTo("100");
        assertThat(k.close).isEqualByComparingTo("105");
        assertThat(k.high).isEqualByComparingTo("114");
        assertThat(k.low).isEqualByComparingTo("86");
        assertThat(k.volume).isEqualByComparingTo("10");
        assertThat(k.count).isEqualTo(15);

        harness.processWatermark(Long.MAX_VALUE);
        assertThat(of("5m")).hasSize(2);
        Kline partial = of("5m").get(1).getValue();
        assertThat(of("5m").get(1).getTimestamp()).isEqualTo(H + 10 * MINUTE - 1);
        assertThat(partial.open).isEqualByComparingTo("105");
        assertThat(partial.close).isEqualByComparingTo("107");
        assertThat(partial.count).isEqualTo(6);
        Kline hour = of("1h").get(0).getValue();
        assertThat(of("1h").get(0).getTimestamp()).isEqualTo(H + 60 * MINUTE - 1);
        assertThat(hour.count).isEqualTo(21);
        assertThat(hour.open).isEqualByComparingTo("100");
        assertThat(hour.close).isEqualByComparingTo("107");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void emptyMinutesOnlyShapeBarsWithoutTrades() throws Exception {
        send(minute("BTCUSDT", H, "10", "12", "9", "11", "1", 1));
        for (int i = 1; i <= 9; i++) {
            send(minute("BTCUSDT", H + i * MINUTE, "11", "11", "11", "11", "0", 0));
        }
        send(minute("BTCUSDT", H + 10 * MINUTE, "11", "11", "11", "11", "0", 0));
        send(minute("BTCUSDT", H + 11 * MINUTE, "13", "14", "12.5", "13.5", "1", 2));
        harness.processWatermark(Long.MAX_VALUE);

        List<Kline> fives = of("5m").stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
        assertThat(fives).hasSize(3);
        assertThat(fives.get(0).close).isEqualByComparingTo("11");
        assertThat(fives.get(0).low).isEqualByComparingTo("9");
        Kline empty = fives.get(1);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(List.of(empty.open, empty.high, empty.low, empty.close))
                .allSatisfy(p -> assertThat(p).isEqualByComparingTo("11"));
        Kline afterFill = fives.get(2);
        assertThat(afterFill.open).as("first minute with trades, not the fill")
                .isEqualByComparingTo("13");
        assertThat(afterFill.low).isEqualByComparingTo("12.5");
        assertThat(afterFill.count).isEqualTo(2);
    }

    @Test
    void watermarkFlushesAPartialBarAndLaterFillsCannotChangeIt() throws Exception {
        send(minute("BTCUSDT", H, "10", "12", "9", "11", "1", 1));
        harness.processWatermark(H + 5 * MINUTE - 1);
        assertThat(of("5m")).hasSize(1);
        send(minute("BTCUSDT", H + MINUTE, "11", "11", "11", "11", "0", 0));
        send(minute("BTCUSDT", H + 2 * MINUTE, "11", "11", "10", "10", "1", 1));
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().reason)
                .containsExactly("late");
        send(minute("BTCUSDT", H + 2 * MINUTE, "11", "11", "10", "10", "1", 1));
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(r -> r.getValue().reason)
                .containsExactly("late", "duplicate");
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(of("5m")).hasSize(1);
        assertThat(of("1h").get(0).getValue().count).isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }
    @Test
    void intervalsRemovedAcrossARestoreLeaveNoOpenBarsBehind() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(minute("BTCUSDT", H + i * MINUTE, "10", "12", "9", "11", "1", 1));
        }
        assertThat(openBars(harness)).containsExactlyInAnyOrder("5m", "1h");
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        try (var restored = CountingHarness.<String, Kline, Kline>of(
                new KlineRollUp(Interval.parseList("1m,5m")), KlineStages::instrument,
                Types.STRING, snapshot)) {
            restored.harness.processWatermark(Long.MAX_VALUE);

            assertThat(restored.harness.extractOutputValues()).extracting(k -> k.interval)
                    .containsExactly("5m");
            assertThat(openBars(restored.harness)).isEmpty();
            assertThat(restored.harness.numKeyedStateEntries()).as("the cursor only").isEqualTo(1);
            assertThat(restored.harness.numEventTimeTimers()).isZero();
        }
        try (var restored = CountingHarness.<String, Kline, Kline>of(
                new KlineRollUp(Interval.parseList("1m,1h")), KlineStages::instrument,
                Types.STRING, snapshot)) {
            restored.harness.processElement(
                    minute("BTCUSDT", H + 3 * MINUTE, "11", "13", "11", "12", "1", 1), 0);

            assertThat(openBars(restored.harness)).containsExactly("1h");
        }
    }

    @Test
    void spotAndUsdmKlinesOfOneSymbolRollUpAsTwoInstruments() throws Exception {
        try (var rollUp = CountingHarness.<String, Kline, Kline>of(
                new KlineRollUp(Interval.parseList("5m")), KlineStages::instrument,
                Types.STRING, null)) {
            Kline spot = minute("BTCUSDT", H, "10", "12", "9", "11", "1", 1);
            Kline futures = minute("BTCUSDT", H, "50", "60", "40", "55", "7", 9);
            futures.market = Market.USDM;
            Kline laterSpot = minute("BTCUSDT", H + MINUTE, "11", "11", "10", "10", "2", 2);
            rollUp.harness.processElement(spot, spot.closeTime);
            rollUp.harness.processElement(futures, futures.closeTime);
            rollUp.harness.processElement(laterSpot, laterSpot.closeTime);
            rollUp.harness.processWatermark(Long.MAX_VALUE);

            assertThat(rollUp.harness.getSideOutput(DeadLetters.TAG)).isNull();
            assertThat(rollUp.harness.extractOutputValues())
                    .extracting(k -> k.market, k -> k.symbol, k -> k.openTime, k -> k.count,
                            k -> k.high.toPlainString(), k -> k.close.toPlainString())
                    .containsExactlyInAnyOrder(
                            tuple(Market.SPOT, "BTCUSDT", H, 3L, "12", "10"),
                            tuple(Market.USDM, "BTCUSDT", H, 9L, "60", "55"));
            assertThat(rollUp.harness.numKeyedStateEntries()).as("a cursor per instrument")
                    .isEqualTo(2);
        }
    }

    @Test
    void aKlineWithoutAMarketIsADeadLetter() throws Exception {
        try (var rollUp = CountingHarness.<String, Kline, Kline>of(
                new KlineRollUp(Interval.parseList("5m")), KlineStages::instrument,
                Types.STRING, null)) {
            Kline k = minute("BTCUSDT", H, "10", "12", "9", "11", "1", 1);
            k.market = null;
            rollUp.harness.processElement(k, k.closeTime);

            assertThat(rollUp.harness.getSideOutput(DeadLetters.TAG))
                    .extracting(r -> r.getValue().stage, r -> r.getValue().reason)
                    .containsExactly(tuple("rollup", "missing-market"));
            assertThat(rollUp.count("rejectedKlines")).isEqualTo(1);
            assertThat(rollUp.harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void barsTheInputStartsOrEndsInsideAreMarkedPartial() throws Exception {
        // minutes 3..11: the 5m bars at 0 (minutes 3, 4) and 10 (minute 10, 11) are partial
        for (int i = 3; i < 12; i++) {
            send(minute("BTCUSDT", H + i * MINUTE, "10", "12", "9", "11", "1", 1));
        }
        harness.processWatermark(Long.MAX_VALUE);

        assertThat(of("5m")).extracting(r -> r.getValue().openTime, r -> r.getValue().partial)
                .containsExactly(tuple(H, true), tuple(H + 5 * MINUTE, false),
                        tuple(H + 10 * MINUTE, true));
        assertThat(of("5m").get(0).getValue().count).isEqualTo(2);
        assertThat(of("1h")).extracting(r -> r.getValue().partial).containsExactly(true);
        assertThat(of("1m")).hasSize(9).noneMatch(r -> r.getValue().partial);
    }

    @Test
    void barsWithAllTheirMinutesAreComplete() throws Exception {
        for (int i = 0; i < 60; i++) {
            send(minute("BTCUSDT", H + i * MINUTE, "10", "12", "9", "11", "1", i % 3));
        }
        assertThat(of("5m")).hasSize(12).noneMatch(r -> r.getValue().partial);
        assertThat(of("1h")).extracting(r -> r.getValue().partial).containsExactly(false);
    }

    private static List<String> openBars(
            KeyedOneInputStreamOperatorTestHarness<String, Kline, Kline> h) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("SPOT:BTCUSDT");
        MapState<String, KlineAccumulator> bars = backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                KlineRollUp.openBarsDescriptor());
        List<String> labels = new ArrayList<>();
        bars.keys().forEach(labels::add);
        return labels;
    }
}
