package io.quantstream.kline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import io.quantstream.trade.TradeStages;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** validate → preAggregate → aggregate → rollUp on a MiniCluster: BATCH and STREAMING give the same output. */
class KlinePipelineITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @Test
    void batchAndStreamingGiveTheSameKlines() throws Exception {
        List<Trade> trades = trades();
        List<String> batch = run(RuntimeExecutionMode.BATCH, trades);
        List<String> streaming = run(RuntimeExecutionMode.STREAMING, trades);

        assertThat(streaming).isEqualTo(batch);
        assertThat(batch).anyMatch(s -> s.contains(" 5m "));
        assertThat(batch).anyMatch(s -> s.contains(" 1h "));
        assertThat(batch).anyMatch(s -> s.contains(" n=0 "));
        assertThat(batch).anyMatch(s -> s.startsWith("gap "));
        assertThat(batch).anyMatch(s -> s.contains("klines/duplicate"));
        assertThat(batch).noneMatch(s -> s.contains("overlapping-ids"));
        assertThat(batch).anyMatch(s -> s.contains("validate/non-positive-price"));
        assertThat(batch).anyMatch(s -> s.startsWith("non-market "));
    }

    private static List<String> run(RuntimeExecutionMode mode, List<Trade> trades)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        DataStream<Trade> source = env.fromData(Trade.class, trades.toArray(new Trade[0]))
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Trade>forBoundedOutOfOrderness(Duration.ofSeconds(1))
                        .withTimestampAssigner((t, ts) -> t.tradeTime))
                .setParallelism(1);
        SingleOutputStreamOperator<Trade> valid = TradeStages.validate(source, Set.of(), "test");
        SingleOutputStreamOperator<TradeRun> runs = KlineStages.preAggregate(valid, "test");
        SingleOutputStreamOperator<Kline> oneMinute =
                KlineStages.aggregate(runs,
                runs.getSideOutput(KlineStages.INPUT_END), Duration.ofSeconds(2), Duration.ofSeconds(2));
        SingleOutputStreamOperator<Kline> klines =
                KlineStages.rollUp(oneMinute, Interval.parseList("1m,5m,15m,1h"));

        DataStream<String> out = klines.process(new Render<>("kline"), Types.STRING)
                .union(oneMinute.getSideOutput(KlineStages.TRADE_GAPS)
                                .process(new Render<>("gap"), Types.STRING),
                        valid.getSideOutput(TradeStages.NON_MARKET_TRADES)
                                .process(new Render<>("non-market"), Types.STRING),
                        valid.getSideOutput(DeadLetters.TAG)
                                .union(runs.getSideOutput(DeadLetters.TAG),
                                        oneMinute.getSideOutput(DeadLetters.TAG),
                                        klines.getSideOutput(DeadLetters.TAG))
                                .process(new Render<>("dead"), Types.STRING));
        List<String> result = new ArrayList<>();
        try (CloseableIterator<String> it = out.executeAndCollect("klines-" + mode)) {
            it.forEachRemaining(result::add);
        }
        result.sort(null);
        return result;
    }

    /** Renders a record with its timestamp. */
    static final class Render<T> extends ProcessFunction<T, String> {
        private final String kind;

        Render(String kind) {
            this.kind = kind;
        }

        @Override
        public void processElement(T value, Context ctx, Collector<String> out) {
            String text = value instanceof io.quantstream.model.TradeGap
                    ? gap((io.quantstream.model.TradeGap) value) : String.valueOf(value);
            out.collect(kind + " " + ctx.timestamp() + " " + text);
        }

        private static String gap(io.quantstream.model.TradeGap g) {
            return g.symbol + " " + g.lastTradeIdBefore + ".." + g.firstTradeIdAfter + " "
                    + g.timeBefore + "-" + g.timeAfter;
        }
    }

    /** Three symbols, 40 minutes; see {@link KlineAggregatorTest#randomTrades}; plus bad ones. */
    private static List<Trade> trades() {
        List<Trade> trades = new ArrayList<>(KlineAggregatorTest.randomTrades(new Random(7)));
        Trade zero = io.quantstream.testing.TestTrades.trade(
                "BTCUSDT", 1, io.quantstream.testing.TestTrades.T0, "0", "1", false);
        Trade adl = io.quantstream.testing.TestTrades.trade(
                "ETHUSDT", 1, io.quantstream.testing.TestTrades.T0 + 5, "1", "1", false);
        adl.executionType = "ADL";
        Trade lower = io.quantstream.testing.TestTrades.trade("solusdt", 1,
                io.quantstream.testing.TestTrades.T0 + 7, "20.5", "3", true);
        lower.market = Market.SPOT;
        lower.quantity = new BigDecimal("3");
        trades.add(0, zero);
        trades.add(1, adl);
        trades.add(2, lower);
        return trades;
    }
}
