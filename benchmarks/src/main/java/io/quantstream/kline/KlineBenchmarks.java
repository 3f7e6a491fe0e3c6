package io.quantstream.kline;

import io.quantstream.bench.Copies;
import io.quantstream.bench.OperatorBenchmark;
import io.quantstream.bench.SyntheticMarket;
import io.quantstream.model.Instrument;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import io.quantstream.trade.TradeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.apache.flink.util.Collector;

/**
 * The kline stages on one instrument's trades, each operator in Flink's operator test harness
 * (heap state; the harness's output queue included), fed what the stage before it emits:
 * pre-aggregation and aggregation in ns per trade, the roll-up (1m to 5m and 1h) in ns per 1m
 * kline. Each invocation starts from a fresh operator and ends with the final watermark.
 */
public class KlineBenchmarks extends OperatorBenchmark {

    /** About 1,700 minutes of one instrument at ~100 trades a minute. */
    static final int TRADES = 100_000;
    /** A week of 1m klines. */
    static final int MINUTES = 10_080;

    private List<Trade> trades;
    private List<TradeBatch> batches;
    private List<TradeRun> runs;
    private List<Kline> minutes;

    private List<TradeRun> freshRuns;
    private List<Kline> freshMinutes;
    private OneInputStreamOperatorTestHarness<Trade, TradeRun> preAggregator;
    private OneInputStreamOperatorTestHarness<TradeBatch, TradeRun> batchPreAggregator;
    private KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> aggregator;
    private KeyedOneInputStreamOperatorTestHarness<String, Kline, Kline> rollUp;
    private KeyedOneInputStreamOperatorTestHarness<String, Kline, Kline> passThrough;

    @Setup(Level.Trial)
    public void setUpInputs() throws Exception {
        trades = SyntheticMarket.trades(TRADES);
        batches = batches(trades);
        OneInputStreamOperatorTestHarness<Trade, TradeRun> pre = preAggregator();
        for (Trade trade : trades) {
            pre.processElement(trade, trade.tradeTime);
        }
        pre.endInput();
        runs = pre.extractOutputValues();
        pre.close();
        // a week of 1m klines: the trades' minutes, repeated a week long
        List<Kline> oneMinute = aggregate(runs).extractOutputValues();
        minutes = new ArrayList<>(MINUTES);
        for (int i = 0; minutes.size() < MINUTES; i++) {
            Kline k = Copies.of(List.of(oneMinute.get(i % oneMinute.size())), Kline.class).get(0);
            k.openTime = SyntheticMarket.START + i * 60_000L;
            k.closeTime = k.openTime + 59_999;
            minutes.add(k);
        }
    }

    @Setup(Level.Invocation)
    public void setUpOperators() throws Exception {
        preAggregator = preAggregator();
        batchPreAggregator = new OneInputStreamOperatorTestHarness<>(
                new TradeBatchPreAggregator(new TradeCheck(Set.of()), TradeSizes.defaults()));
        batchPreAggregator.open();
        freshRuns = Copies.of(runs, TradeRun.class);
        aggregator = aggregator();
        freshMinutes = Copies.of(minutes, Kline.class);
        rollUp = new KeyedOneInputStreamOperatorTestHarness<>(
                new KlineRollUp(Interval.parseList("1m,5m,1h")),
                k -> Instrument.key(k.market, k.symbol), Types.STRING);
        rollUp.open();
        passThrough = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new KeyedProcessFunction<String, Kline, Kline>() {
                    @Override
                    public void processElement(Kline k, Context ctx, Collector<Kline> out) {
                        out.collect(k);
                    }
                }), k -> Instrument.key(k.market, k.symbol), Types.STRING);
        passThrough.open();
    }

    @TearDown(Level.Invocation)
    public void closeOperators() throws Exception {
        preAggregator.close();
        batchPreAggregator.close();
        aggregator.close();
        rollUp.close();
        passThrough.close();
    }

    @Benchmark
    @OperationsPerInvocation(TRADES)
    public int preAggregate() throws Exception {
        for (Trade trade : trades) {
            preAggregator.processElement(trade, trade.tradeTime);
        }
        preAggregator.endInput();
        return preAggregator.getOutput().size();
    }

    /**
     * Validation and pre-aggregation of the same trades as {@link #preAggregate}, as the file
     * source hands them over: in {@link TradeBatch}es of 1,024 plain rows.
     */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public int validateAndPreAggregateBatches() throws Exception {
        for (TradeBatch batch : batches) {
            batchPreAggregator.processElement(batch, batch.latestTime);
        }
        batchPreAggregator.endInput();
        return batchPreAggregator.getOutput().size();
    }

    @Benchmark
    @OperationsPerInvocation(TRADES)
    public int aggregate() throws Exception {
        for (TradeRun run : freshRuns) {
            aggregator.processElement1(run, run.lastTime);
        }
        aggregator.processBothWatermarks(Watermark.MAX_WATERMARK);
        return aggregator.getOutput().size();
    }

    @Benchmark
    @OperationsPerInvocation(MINUTES)
    public int rollUp() throws Exception {
        for (Kline k : freshMinutes) {
            rollUp.processElement(k, k.closeTime);
        }
        rollUp.processWatermark(Watermark.MAX_WATERMARK);
        return rollUp.getOutput().size();
    }

    /** The harness's own cost per 1m kline (keyed, its output copied into its queue): subtract from {@link #rollUp}. */
    @Benchmark
    @OperationsPerInvocation(MINUTES)
    public int harnessPassThrough() throws Exception {
        for (Kline k : freshMinutes) {
            passThrough.processElement(k, k.closeTime);
        }
        passThrough.processWatermark(Watermark.MAX_WATERMARK);
        return passThrough.getOutput().size();
    }

    /** {@code trades} (one instrument) as plain rows of batches of 1,024. */
    private static List<TradeBatch> batches(List<Trade> trades) {
        List<TradeBatch> batches = new ArrayList<>();
        TradeBatch batch = null;
        for (Trade t : trades) {
            if (batch == null || batch.isFull()) {
                batch = new TradeBatch(1024);
                batch.symbol = t.symbol;
                batch.market = t.market;
                batches.add(batch);
            }
            batch.addPlain(t.aggTradeId, t.firstTradeId, t.lastTradeId, t.tradeTime,
                    t.price.unscaledValue().longValueExact(), t.price.scale(),
                    t.quantity.unscaledValue().longValueExact(), t.quantity.scale(), t.buyerIsMaker);
        }
        return batches;
    }

    private static OneInputStreamOperatorTestHarness<Trade, TradeRun> preAggregator() throws Exception {
        OneInputStreamOperatorTestHarness<Trade, TradeRun> harness =
                new OneInputStreamOperatorTestHarness<>(new KlinePreAggregator());
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> aggregator()
            throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KlineAggregator(0, 2_000),
                        KlineStages::instrument, end -> "", Types.STRING);
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> aggregate(
            List<TradeRun> runs) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, TradeRun, Long, Kline> harness = aggregator();
        for (TradeRun run : Copies.of(runs, TradeRun.class)) {
            harness.processElement1(run, run.lastTime);
        }
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);
        return harness;
    }
}
