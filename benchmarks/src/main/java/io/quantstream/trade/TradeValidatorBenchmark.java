package io.quantstream.trade;

import io.quantstream.bench.OperatorBenchmark;
import io.quantstream.bench.SyntheticMarket;
import io.quantstream.model.Trade;
import java.util.List;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link TradeValidator} on valid trades, in Flink's operator test harness (its output queue
 * included): ns per trade.
 */
public class TradeValidatorBenchmark extends OperatorBenchmark {

    static final int TRADES = 100_000;

    private List<Trade> trades;
    private OneInputStreamOperatorTestHarness<Trade, Trade> harness;
    private OneInputStreamOperatorTestHarness<Trade, Trade> passThrough;

    @Setup(Level.Trial)
    public void setUpTrades() {
        trades = SyntheticMarket.trades(TRADES);
    }

    @Setup(Level.Invocation)
    public void setUpHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new TradeValidator(Set.of()));
        passThrough = ProcessFunctionTestHarnesses.forProcessFunction(new ProcessFunction<Trade, Trade>() {
            @Override
            public void processElement(Trade trade, Context ctx, Collector<Trade> out) {
                out.collect(trade);
            }
        });
    }

    @TearDown(Level.Invocation)
    public void closeHarness() throws Exception {
        harness.close();
        passThrough.close();
    }

    @Benchmark
    @OperationsPerInvocation(TRADES)
    public int validTrades() throws Exception {
        for (Trade trade : trades) {
            harness.processElement(trade, trade.tradeTime);
        }
        return harness.getOutput().size();
    }

    /** The harness's own cost per trade (its output copied into its queue): subtract from {@link #validTrades}. */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public int harnessPassThrough() throws Exception {
        for (Trade trade : trades) {
            passThrough.processElement(trade, trade.tradeTime);
        }
        return passThrough.getOutput().size();
    }
}
