package io.quantstream.kline;

import static io.quantstream.testing.TestTrades.MINUTE;
import static io.quantstream.testing.TestTrades.T0;
import static io.quantstream.testing.TestTrades.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.TradeGap;
import io.quantstream.model.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link KlineAggregator} keeps the cursor it last wrote and skips reading it back for the same
 * instrument's next run: what it checkpoints must be what it would have written without that, on
 * both state backends. Proved by restoring from a checkpoint taken between runs, with bars open,
 * and comparing the output with an uninterrupted run's.
 */
class KlineAggregatorCheckpointTest {

    /**
     * Random runs of two instruments (holes, idle minutes) with watermarks, and one run sent
     * twice (a duplicate for the aggregator: a dead letter).
     */
    private static List<Object> input() throws Exception {
        List<Trade> trades = KlineAggregatorTest.randomTrades(new Random(7));
        List<Object> input = new ArrayList<>(KlinePreAggregatorTest.preAggregate(trades, 25));
        Object repeated = input.stream().skip(10).filter(o -> o instanceof StreamRecord)
                .findFirst().orElseThrow();
        input.add(40, repeated);
        return input;
    }

    @Test
    void restoringMidBarAfterEveryFewRunsGivesTheKlinesOfAnUninterruptedRunOnRocksDb()
            throws Exception {
        // ~1,850 runs; a RocksDB instance per restore: about 20 keep the test short
        assertRestoresGiveTheUninterruptedOutput(EmbeddedRocksDBStateBackend::new, 97);
    }

    @Test
    void restoringMidBarAfterEveryFewRunsGivesTheKlinesOfAnUninterruptedRunOnTheHeap()
            throws Exception {
        assertRestoresGiveTheUninterruptedOutput(HashMapStateBackend::new, 7, 31);
    }

    /**
     * A checkpoint that is not restored does not change the output either: a run after it reads
     * the state again (the heap backend copies a snapshotted value on its next read).
     */
    @Test
    void checkpointsWithoutRestoreChangeNothing() throws Exception {
        List<Object> input = input();
        List<String> uninterrupted = run(input, HashMapStateBackend::new, Integer.MAX_VALUE, false);
        assertThat(run(input, HashMapStateBackend::new, 5, false)).isEqualTo(uninterrupted);
        assertThat(run(input, EmbeddedRocksDBStateBackend::new, 61, false)).isEqualTo(uninterrupted);
    }

    /** A bar open at the checkpoint, restored, closes with the trades of both sides of it. */
    @Test
    void barOpenAtTheCheckpointClosesWithTradesFromBeforeAndAfterIt() throws Exception {
        List<Object> input = new ArrayList<>();
        input.add(new StreamRecord<>(TradeRun.of(trade("BTCUSDT", 1, T0 + 10, "100", "1", false),
                TradeSizes.defaults()), T0 + 10));
        input.add(new StreamRecord<>(TradeRun.of(trade("BTCUSDT", 2, T0 + 20, "105", "2", true),
                TradeSizes.defaults()), T0 + 20));
        input.add(new StreamRecord<>(TradeRun.of(trade("BTCUSDT", 3, T0 + 30, "95", "3", false),
                TradeSizes.defaults()), T0 + 30));
        input.add(new StreamRecord<>(TradeRun.of(trade("BTCUSDT", 4, T0 + MINUTE, "99", "1", false),
                TradeSizes.defaults()), T0 + MINUTE));
        List<String> out = run(input, EmbeddedRocksDBStateBackend::new, 2, true);
        assertThat(out).hasSize(2); // and the minute of the last trade, closed by the end of input
        assertThat(out.get(0)).contains(" " + T0 + " o=100 h=105 l=95 c=95 ", " n=3 ");
    }

    private static void assertRestoresGiveTheUninterruptedOutput(Supplier<StateBackend> backend,
            int... restoreEvery) throws Exception {
        List<Object> input = input();
        List<String> uninterrupted = run(input, backend, Integer.MAX_VALUE, false);
        assertThat(uninterrupted).anyMatch(s -> s.startsWith("gap"))
                .anyMatch(s -> s.startsWith("dead"));
        for (int every : restoreEvery) {
            assertThat(run(input, backend, every, true)).as("restored every %d runs", every)
                    .isEqualTo(uninterrupted);
        }
    }

    /**
     * The aggregator's output (bars, gaps, dead letters, sorted) for {@code input}; a checkpoint
     * after every {@code every} runs, each restored into a new operator when {@code restore}.
     */
    private static List<String> run(List<Object> input, Supplier<StateBackend> backend, int every,
            boolean restore) throws Exception {
        List<String> out = new ArrayList<>();
        KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> h = open(backend, null);
        long checkpoint = 0;
        int runs = 0;
        for (Object o : input) {
            if (o instanceof Watermark) {
                h.processBothWatermarks((Watermark) o);
                continue;
            }
            h.processElement1(KlinePreAggregatorTest.run(o));
            if (++runs % every == 0) {
                OperatorSubtaskState snapshot = h.snapshot(++checkpoint, checkpoint);
                if (restore) {
                    collect(h, out);
                    h.close();
                    h = open(backend, snapshot);
                }
            }
        }
        long end = input.stream().filter(o -> o instanceof StreamRecord)
                .mapToLong(o -> ((StreamRecord<?>) o).getTimestamp()).max().orElseThrow();
        h.processElement2(end, end);
        h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        collect(h, out);
        h.close();
        out.sort(null);
        return out;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> open(
            Supplier<StateBackend> backend, OperatorSubtaskState restore) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> h =
                KlineAggregatorTest.harness(new KlineAggregator(2000, 2000));
        h.setStateBackend(backend.get());
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static void collect(KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> h,
            List<String> out) {
        for (StreamRecord<? extends Kline> r : h.extractOutputStreamRecords()) {
            out.add("bar " + r.getTimestamp() + " " + r.getValue());
        }
        if (h.getSideOutput(KlineStages.TRADE_GAPS) != null) {
            for (StreamRecord<TradeGap> r : h.getSideOutput(KlineStages.TRADE_GAPS)) {
                TradeGap g = r.getValue();
                out.add("gap " + g.symbol + " " + g.lastTradeIdBefore + " " + g.firstTradeIdAfter);
            }
        }
        if (h.getSideOutput(DeadLetters.TAG) != null) {
            h.getSideOutput(DeadLetters.TAG).forEach(r -> out.add("dead " + r.getValue()));
        }
    }
}
