package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The keyed state of a factor calculator on a long stream: bounded by the windows, and a
 * snapshot taken mid-stream restores into a calculator that continues with the values of an
 * uninterrupted run, bit for bit.
 */
class FactorStateTest {

    /** Every operator, 60-bar windows, sub-expressions shared between factors. */
    private static final String SET = "alpha158, rsi(14), ema(60),"
            + " sk=Skew($close/Ref($close,1), 60), ku=Kurt($close, 60), md=Mad($close, 60),"
            + " me=Med($vwap, 60), w=WMA($close, 60), e=EMA($close, 60), c=Count($vwap, 60),"
            + " cv=Cov($close, $volume, 60), v=Var($taker_buy_volume, 60),"
            + " d=Delta($close, 60) / Sum($volume, 60), ta=If($close > $open, 1, 0)";

    @Test
    void stateStaysOneConstantSizeValuePerKeyAfterWarmUp() throws Exception {
        FactorSet set = FactorSet.parse(SET);
        List<Kline> bars = RandomKlines.walk("BTCUSDT", 3000, 7);
        try (var h = FactorHarnesses.calculator(SET, null)) {
            TypeSerializer<FactorHistory> serializer = TypeInformation.of(FactorHistory.class)
                    .createSerializer(h.harness.getExecutionConfig().getSerializerConfig());
            int warm = -1;
            for (int i = 0; i < bars.size(); i++) {
                h.process(bars.get(i));
                int bytes = size(serializer, FactorHarnesses.history(h, bars.get(0)).value());
                if (i == 61) {
                    warm = bytes;
                }
                if (i > 61) {
                    assertThat(bytes).as("state bytes at bar %d", i).isEqualTo(warm);
                }
            }
            assertThat(h.harness.numKeyedStateEntries()).isEqualTo(1);
            // ids (8 bytes each), arrays of doubles and their lengths: the program's size
            assertThat(warm).isBetween(8 * set.stateSize(), 8 * set.stateSize() + 16 * 400);
            assertThat(set.stateSize()).as("doubles per key").isLessThan(25_000);
        }
    }

    @Test
    void aSnapshotMidStreamRestoresToTheValuesOfAnUninterruptedRun() throws Exception {
        List<Kline> bars = RandomKlines.interleaved(400, 11, "BTCUSDT", "ETHUSDT");
        int cut = bars.size() / 2 + 37;
        List<FactorVector> uninterrupted;
        try (var h = FactorHarnesses.calculator(SET, null)) {
            feed(h, bars, 0, bars.size());
            uninterrupted = h.harness.extractOutputValues().subList(cut, bars.size());
        }
        OperatorSubtaskState snapshot;
        try (var before = FactorHarnesses.calculator(SET, null)) {
            feed(before, bars, 0, cut);
            snapshot = before.harness.snapshot(1, 1);
        }
        List<FactorVector> restored;
        try (var after = FactorHarnesses.calculator(SET, snapshot)) {
            feed(after, bars, cut, bars.size());
            restored = after.harness.extractOutputValues();
            assertThat(after.count("rejectedFactorStates")).isZero();
        }

        int warm = assertSameBits(restored, uninterrupted);
        assertThat(warm).as("values compared, not only NaNs").isGreaterThan(restored.size() * 150);
    }

    /**
     * Histories kept on the heap between klines ({@link FactorOperator}) are written back when
     * they leave the cache (2 keys for 3 instruments in turn: every kline evicts the next one's)
     * and before a snapshot (100 keys: nothing is written before it): a snapshot mid-stream
     * restores to the values of an uninterrupted run without the cache, bit for bit.
     */
    @ParameterizedTest(name = "{0} cached keys")
    @ValueSource(ints = {2, 100})
    void cachedHistoriesRestoreFromASnapshotToTheValuesOfAnUncachedRun(int keys) throws Exception {
        List<Kline> bars = RandomKlines.interleaved(250, 21, "BTCUSDT", "ETHUSDT", "SOLUSDT");
        int cut = bars.size() / 2 + 1;
        List<FactorVector> uncached;
        try (var h = FactorHarnesses.calculator(SET, null)) {
            feed(h, bars, 0, bars.size());
            uncached = h.harness.extractOutputValues();
        }
        OperatorSubtaskState snapshot;
        List<FactorVector> cached = new ArrayList<>();
        try (var before = FactorHarnesses.cached(SET, keys, null)) {
            feed(before, bars, 0, cut);
            snapshot = before.harness.snapshot(1, 1);
            cached.addAll(before.harness.extractOutputValues());
        }
        try (var after = FactorHarnesses.cached(SET, keys, snapshot)) {
            feed(after, bars, cut, bars.size());
            cached.addAll(after.harness.extractOutputValues());
            assertThat(after.count("rejectedFactorStates")).isZero();
        }

        int warm = assertSameBits(cached, uncached);
        assertThat(warm).as("values compared, not only NaNs").isGreaterThan(cached.size() * 100);
    }

    /** Asserts {@code actual} is {@code expected} value for value, bit for bit; the finite ones. */
    private static int assertSameBits(List<FactorVector> actual, List<FactorVector> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        int finite = 0;
        for (int i = 0; i < actual.size(); i++) {
            FactorVector v = actual.get(i);
            assertThat(v.symbol + v.openTime).isEqualTo(expected.get(i).symbol
                    + expected.get(i).openTime);
            assertThat(v.names).isEqualTo(expected.get(i).names);
            for (int f = 0; f < v.values.length; f++) {
                assertThat(Double.doubleToLongBits(v.values[f]))
                        .as("%s %s at %d", v.symbol, v.names[f], v.openTime)
                        .isEqualTo(Double.doubleToLongBits(expected.get(i).values[f]));
                finite += Double.isFinite(v.values[f]) ? 1 : 0;
            }
        }
        return finite;
    }

    private static int size(TypeSerializer<FactorHistory> serializer, FactorHistory h)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        serializer.serialize(h, out);
        return out.length();
    }

    private static void feed(FactorHarnesses.FactorHarness h, List<Kline> bars,
            int from, int to) throws Exception {
        for (Kline k : bars.subList(from, to)) {
            h.process(k);
        }
    }
}
