package io.quantstream.factor;

import static io.quantstream.testing.Klines.bar;
import static io.quantstream.testing.Klines.empty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.RecordType;
import io.quantstream.testing.Harnesses;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FactorCalculatorTest {

    private static final FactorSet SET = FactorSet.parse("sma(3),rsi(2),taker_buy_ratio");

    private KeyedOneInputStreamOperatorTestHarness<String, FactorBar, FactorVector> harness;

    @BeforeEach
    void open() throws Exception {
        harness = Harnesses.keyed(new FactorCalculator<>(SET), FactorStages::key, Types.STRING);
    }

    /** {@code k} as the factor stage takes it for {@link #SET}. */
    private static FactorBar in(Kline k) {
        return FactorBar.of(k, SET.fieldsRead());
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void sortKeysTellInstrumentsIntervalsAndMarketsApart() {
        Kline spot = bar("BTCUSDT", 0, "100");
        spot.market = Market.SPOT;
        Kline hourly = bar("BTCUSDT", 0, "100");
        hourly.interval = "1h";
        assertThat(List.of(bar("BTCUSDT", 0, "100"), spot, hourly, bar("ETHUSDT", 0, "100")))
                .extracting(k -> FactorStages.sortKey(in(k))).doesNotHaveDuplicates();
        assertThat(FactorStages.sortKey(in(bar("BTCUSDT", 5, "120"))))
                .as("one key for every kline of an instrument and interval")
                .isEqualTo(FactorStages.sortKey(in(bar("BTCUSDT", 0, "100"))));
        assertThat(FactorStages.sortKey(in(bar("BTCUSDT", 0, "100"))))
                .isEqualTo(expectedBucket(Market.USDM, "BTCUSDT", "1m"));
    }

    /** An independent FNV-1a 64 over the market's ordinal and "SYMBOL:interval", XOR-folded. */
    private static short expectedBucket(Market market, String symbol, String interval) {
        BigInteger prime = BigInteger.valueOf(0x100000001b3L);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(
                BigInteger.ONE);
        BigInteger h = new BigInteger("cbf29ce484222325", 16);
        List<Integer> bytes = new ArrayList<>(List.of(market.ordinal()));
        (symbol + ":" + interval).chars().forEach(bytes::add);
        for (int b : bytes) {
            h = h.xor(BigInteger.valueOf(b)).multiply(prime).and(mask);
        }
        int folded = 0;
        for (int i = 0; i < 4; i++) {
            folded ^= h.shiftRight(16 * i).intValue() & 0xffff;
        }
        return (short) folded;
    }

    @Test
    void instrumentsSharingABucketKeepTheirOwnHistoriesOffTheKeyedState() throws Exception {
        FactorCalculator<Short> calculator = new FactorCalculator<>(SET);
        calculator.keepHistoriesPerBucket();
        List<Kline> bars = List.of(bar("BTCUSDT", 0, "100"), bar("ETHUSDT", 0, "10"),
                bar("BTCUSDT", 1, "103"), bar("ETHUSDT", 1, "13"), bar("BTCUSDT", 2, "106"),
                bar("ETHUSDT", 2, "16"));
        try (var bucket = Harnesses.keyed(calculator, k -> (short) 7, Types.SHORT)) {
            for (Kline k : bars) {
                bucket.processElement(in(k), k.closeTime);
            }
            assertThat(bucket.getSideOutput(DeadLetters.TAG)).as("no out-of-order bar").isNull();
            // sma(3) of each instrument's own closes: (100 + 103 + 106) / 3, (10 + 13 + 16) / 3
            assertThat(bucket.extractOutputValues()).extracting(v -> v.symbol + " " + v.values[0])
                    .containsExactly("BTCUSDT NaN", "ETHUSDT NaN", "BTCUSDT NaN", "ETHUSDT NaN",
                            "BTCUSDT 103.0", "ETHUSDT 13.0");
            assertThat(bucket.numKeyedStateEntries()).as("no keyed state in BATCH").isZero();
        }
    }

    @Test
    void aNewBucketDropsThePreviousBucketsHistories() {
        BucketHistories histories = new BucketHistories();
        Kline btc = bar("BTCUSDT", 0, "100");
        assertThat(histories.get((short) 7, in(btc))).isNull();
        FactorHistory h = new FactorHistory();
        histories.put(h);
        assertThat(histories.get((short) 7, in(bar("BTCUSDT", 1, "101")))).isSameAs(h);
        assertThat(histories.get((short) 7, in(bar("ETHUSDT", 1, "10")))).isNull();
        assertThat(histories.get((short) 7, in(btc))).as("looked up again by name").isSameAs(h);
        assertThat(histories.get((short) 8, in(btc))).isNull();
        assertThat(histories.size()).isZero();
    }

    @Test
    void spotAndUsdmKlinesOfOneSymbolHaveTheirOwnHistories() throws Exception {
        Kline spot0 = bar("BTCUSDT", 0, "100");
        spot0.market = Market.SPOT;
        Kline spot1 = bar("BTCUSDT", 1, "106");
        spot1.market = Market.SPOT;
        for (Kline k : List.of(spot0, bar("BTCUSDT", 0, "200"), spot1, bar("BTCUSDT", 1, "203"),
                bar("BTCUSDT", 2, "206"))) {
            harness.processElement(in(k), k.closeTime);
        }

        assertThat(harness.getSideOutput(DeadLetters.TAG)).as("no out-of-order bar").isNull();
        // sma(3) needs 3 bars: only USD-M has them; spot's 2 bars stay warming up
        assertThat(harness.extractOutputValues())
                .extracting(v -> v.market + " " + v.openTime % 600_000 / 60_000 + " " + v.values[0])
                .containsExactly("SPOT 0 NaN", "USDM 0 NaN", "SPOT 1 NaN", "USDM 1 NaN",
                        "USDM 2 203.0");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void emitsOneVectorPerKlineAtItsCloseTime() throws Exception {
        List<Kline> bars = List.of(bar("BTCUSDT", 0, "100"), bar("BTCUSDT", 1, "103"),
                empty("BTCUSDT", 2, "103"), bar("BTCUSDT", 3, "100"), bar("ETHUSDT", 0, "10"));
        for (Kline k : bars) {
            harness.processElement(in(k), k.closeTime);
        }

        List<StreamRecord<? extends FactorVector>> out = harness.extractOutputStreamRecords();
        assertThat(out).hasSize(5);
        for (int i = 0; i < bars.size(); i++) {
            FactorVector v = out.get(i).getValue();
            assertThat(out.get(i).getTimestamp()).isEqualTo(bars.get(i).closeTime);
            assertThat(v.closeTime).isEqualTo(bars.get(i).closeTime);
            assertThat(v.openTime).isEqualTo(bars.get(i).openTime);
            assertThat(v.symbol).isEqualTo(bars.get(i).symbol);
            assertThat(v.close).isEqualByComparingTo(bars.get(i).close);
            assertThat(v.names).containsExactly("sma_3", "rsi_2", "taker_buy_ratio");
        }
        assertThat(out.get(0).getValue().values).containsExactly(Double.NaN, Double.NaN, 0.4);
        assertThat(out.get(1).getValue().values).containsExactly(Double.NaN, Double.NaN, 0.4);
        assertThat(out.get(2).getValue().values).containsExactly(102.0, 100.0, Double.NaN);
        assertThat(out.get(3).getValue().value("sma_3")).isEqualTo(102.0);
        // gains 3, 0 then loss 3: avg gain (1.5·1 + 0)/2, avg loss (0·1 + 3)/2
        assertThat(out.get(3).getValue().value("rsi_2")).isEqualTo(100.0 * 0.75 / (0.75 + 1.5));
        assertThat(out.get(4).getValue().values).containsExactly(Double.NaN, Double.NaN, 0.4);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
    }

    @Test
    void outOfOrderAndInvalidKlinesAreDeadLettersAndLeaveTheStateAlone() throws Exception {
        Kline first = bar("BTCUSDT", 5, "100");
        Kline older = bar("BTCUSDT", 4, "101");
        Kline duplicate = bar("BTCUSDT", 5, "102");
        Kline noPrice = bar("BTCUSDT", 6, "100");
        noPrice.close = BigDecimal.ZERO;
        harness.processElement(in(first), first.closeTime);
        harness.processElement(in(older), older.closeTime);
        harness.processElement(in(duplicate), duplicate.closeTime);
        harness.processElement(in(noPrice), noPrice.closeTime);
        Kline next = bar("BTCUSDT", 6, "106");
        harness.processElement(in(next), next.closeTime);

        assertThat(harness.extractOutputValues()).extracting(v -> v.openTime)
                .containsExactly(first.openTime, next.openTime);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                .extracting(d -> d.stage, d -> d.reason, d -> d.eventTime)
                .containsExactly(
                        tuple("factors", "out-of-order", older.closeTime),
                        tuple("factors", "out-of-order", duplicate.closeTime),
                        tuple("factors", "invalid-close", noPrice.closeTime));
        DeadLetter letter = harness.getSideOutput(DeadLetters.TAG).peek().getValue();
        assertThat(letter.raw).contains("BTCUSDT").contains(Long.toString(older.openTime));
        assertThat(letter.detail).contains("not after last processed " + first.openTime);
    }

    @Test
    void partialKlinesDoNotReachTheFactorsCompleteOnesDo() throws Exception {
        List<Kline> bars = List.of(bar("BTCUSDT", 0, "50"), bar("BTCUSDT", 1, "100"),
                bar("BTCUSDT", 2, "103"), bar("BTCUSDT", 3, "106"), bar("BTCUSDT", 4, "200"));
        bars.get(0).partial = true;
        bars.get(4).partial = true;
        for (Kline k : bars) {
            harness.processElement(in(k), k.closeTime);
        }

        List<FactorVector> out = harness.extractOutputValues();
        assertThat(out).extracting(v -> v.openTime).containsExactly(bars.get(1).openTime,
                bars.get(2).openTime, bars.get(3).openTime);
        // sma(3) of 100, 103, 106 only: neither the 50 before nor the 200 after
        assertThat(out.get(2).value("sma_3")).isEqualTo(103.0);
        assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
    }

    @Test
    void stateIsOneBoundedArrayPerStatefulNodeAndKey() throws Exception {
        for (int i = 0; i < 500; i++) {
            harness.processElement(in(bar("BTCUSDT", i, Integer.toString(100 + i % 7))), 0);
            harness.processElement(in(bar("ETHUSDT", i, Integer.toString(10 + i % 5))), 0);
        }

        assertThat(harness.numEventTimeTimers()).isZero();
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("USDM:BTCUSDT:1m");
        ValueState<FactorHistory> history = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, FactorCalculator.historyDescriptor());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        FactorHistory h = history.value();
        assertThat(h.lastOpenTime).isEqualTo(bar("BTCUSDT", 499, "1").openTime);
        // Mean($close,3), Ref($close,1), and the two Wilder averages of rsi(2)'s gains and losses
        assertThat(h.nodes).containsExactly(SET.program().stateIds());
        assertThat(h.states).hasNumberOfRows(4);
        for (double[] state : h.states) {
            assertThat(state).startsWith(1.0, 500.0); // layout version, bars taken
        }
        // [version, bars, ring of 3, counts and run (5), compensated sum (2)]; [.., ring of 1]
        assertThat(h.states[0]).hasSize(2 + 3 + 5 + 2);
        assertThat(h.states[1]).containsExactly(1, 500, 100 + 499 % 7);
        assertThat(SET.stateSize()).isEqualTo(12 + 3 + 4 + 4);
    }

    @Test
    void recordsAreFlinkPojosOrHaveSerializersOfTheirOwn() {
        assertThat(TypeInformation.of(Kline.class)).isInstanceOf(RecordType.class);
        assertThat(TypeInformation.of(FactorVector.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(DeadLetter.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(FactorHistory.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
