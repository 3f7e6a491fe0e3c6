package io.quantstream.connectors.binance.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import io.quantstream.testing.MiniClusters;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The live source in a Flink job against a local exchange serving the real BTCUSDT and ETHUSDT
 * USD-M captures (24,356 trades): whatever happens to the connection or the job, the output holds
 * every captured trade once, in id order per instrument.
 */
class BinanceLiveSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static List<CapturedTrade> btc;
    private static List<CapturedTrade> eth;
    private FakeBinance exchange;

    @BeforeAll
    static void loadCaptures() {
        btc = CaptureTrades.btcusdt();
        eth = CaptureTrades.ethusdt();
    }

    @AfterEach
    void stopExchange() throws Exception {
        exchange.close();
    }

    @Test
    void droppedConnectionsAreBackfilledEveryTradeOnceInIdOrder() throws Exception {
        long btcFirst = btc.get(0).id();
        long ethFirst = eth.get(0).id();
        exchange = new FakeBinance(List.of(btc, eth))
                .dropConnections(2, 1500)
                .inject("BTCUSDT", btcFirst + 200, "not json")
                .inject("BTCUSDT", btcFirst + 300, btc.get(300).streamJson().replace("\"a\":" + (btcFirst + 300),
                        "\"a\":\"x\""))
                .inject("BTCUSDT", btcFirst + 400, "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\","
                        + "\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}}")
                .inject("ETHUSDT", ethFirst + 200, "{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":9}")
                .inject("ETHUSDT", ethFirst + 300, eth.get(300).streamJson().replace("ETHUSDT", "XRPUSDT")
                        .replace("ethusdt", "xrpusdt"));
        exchange.run(60, 10, 2);

        List<LiveRecord> records = collect(routed(environment(), spec()));

        assertThat(trades(records, "BTCUSDT")).isEqualTo(expected(btc));
        assertThat(trades(records, "ETHUSDT")).isEqualTo(expected(eth));
        assertThat(records).noneMatch(r -> r.kind == LiveRecord.Kind.GAP);
        assertThat(records.stream().filter(r -> r.kind == LiveRecord.Kind.DEAD_LETTER).map(r -> r.deadLetter.reason))
                .containsExactlyInAnyOrder("malformed", "bad-number", "unexpected-stream", "exchange-error",
                        "unsubscribed-symbol");
        assertThat(exchange.injectedSent.get()).isEqualTo(5);
        assertThat(exchange.drops.get()).isEqualTo(2);
        assertThat(exchange.connections.get()).isGreaterThanOrEqualTo(4);
        assertThat(exchange.restTradesServed.get()).isPositive();
    }

    @Test
    void aRestoredJobResumesFromItsCheckpointedIdsAndBackfills() throws Exception {
        exchange = new FakeBinance(List.of(btc, eth));
        exchange.run(40, 10, 2);
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(200);
        FailOnceAfterCheckpoint.FAILED.set(false);

        SingleOutputStreamOperator<Trade> trades = env
                .fromSource(new BinanceLiveSource(spec()), WatermarkStrategy.noWatermarks(), "binance live")
                .uid("binance-live")
                .process(new LiveRecordRouter()).uid("binance-live-router");
        DataStream<LiveRecord> checked = trades.map(new FailOnceAfterCheckpoint()).uid("fail-once")
                .map(LiveRecord::of, TypeInformation.of(LiveRecord.class))
                .union(trades.getSideOutput(LiveRecordRouter.GAPS).map(LiveRecord::of, TypeInformation.of(LiveRecord.class)));

        List<LiveRecord> records = collect(checked);

        assertThat(FailOnceAfterCheckpoint.FAILED).isTrue();
        assertThat(trades(records, "BTCUSDT")).isEqualTo(expected(btc));
        assertThat(trades(records, "ETHUSDT")).isEqualTo(expected(eth));
        assertThat(records).noneMatch(r -> r.kind == LiveRecord.Kind.GAP);
        // after the restore, each reader asked REST from its checkpointed id, not from the start
        assertThat(exchange.connections.get()).isGreaterThanOrEqualTo(4);
        assertThat(exchange.restRequests).anyMatch(r -> fromIdAbove(r, "BTCUSDT", btc.get(1000).id())
                || fromIdAbove(r, "ETHUSDT", eth.get(1000).id()));
    }

    private LiveSourceSpec spec() {
        Instrument btcusdt = new Instrument(Market.USDM, "BTCUSDT");
        Instrument ethusdt = new Instrument(Market.USDM, "ETHUSDT");
        return LiveSourceSpec.builder()
                .instrument(Market.USDM, "BTCUSDT")
                .instrument(Market.USDM, "ETHUSDT")
                .endpoints(Market.USDM, exchange.endpoints())
                .startAfter(btcusdt, btc.get(0).id() - 1)
                .startAfter(ethusdt, eth.get(0).id() - 1)
                .stopAfter(btcusdt, btc.get(btc.size() - 1).id())
                .stopAfter(ethusdt, eth.get(eth.size() - 1).id())
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(500), 0.3)
                .build();
    }

    private static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    /** Trades, gaps and dead letters after the router, back in one stream to collect. */
    private static DataStream<LiveRecord> routed(StreamExecutionEnvironment env, LiveSourceSpec spec) {
        SingleOutputStreamOperator<Trade> trades = env
                .fromSource(new BinanceLiveSource(spec), WatermarkStrategy.noWatermarks(), "binance live")
                .uid("binance-live")
                .process(new LiveRecordRouter()).uid("binance-live-router");
        DataStream<BackfillGap> gaps = trades.getSideOutput(LiveRecordRouter.GAPS);
        DataStream<DeadLetter> deadLetters = trades.getSideOutput(DeadLetters.TAG);
        TypeInformation<LiveRecord> type = TypeInformation.of(LiveRecord.class);
        return trades.map(LiveRecord::of, type)
                .union(gaps.map(LiveRecord::of, type), deadLetters.map(LiveRecord::of, type));
    }

    private static List<LiveRecord> collect(DataStream<LiveRecord> stream) throws Exception {
        List<LiveRecord> result = new ArrayList<>();
        try (CloseableIterator<LiveRecord> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    private static List<String> trades(List<LiveRecord> records, String symbol) {
        return records.stream()
                .filter(r -> r.kind == LiveRecord.Kind.TRADE && r.trade.symbol.equals(symbol))
                .map(r -> {
                    Trade t = r.trade;
                    assertThat(t.market).isEqualTo(Market.USDM);
                    assertThat(t.firstTradeId).isEqualTo(t.aggTradeId);
                    return t.aggTradeId + " " + t.price.toPlainString() + " " + t.quantity.toPlainString() + " "
                            + t.tradeTime + " " + t.buyerIsMaker;
                })
                .collect(Collectors.toList());
    }

    private static boolean fromIdAbove(String request, String symbol, long id) {
        return request.startsWith(symbol + ":") && Long.parseLong(request.substring(symbol.length() + 1)) > id;
    }

    private static List<String> expected(List<CapturedTrade> capture) {
        return capture.stream().map(CapturedTrade::expected).collect(Collectors.toList());
    }

    /** Fails the job once, after a checkpoint completed and this subtask passed 2000 trades on. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<Trade, Trade> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private transient boolean checkpointed;
        private transient long seen;

        @Override
        public void open(OpenContext openContext) {
            checkpointed = false;
            seen = 0;
        }

        @Override
        public Trade map(Trade trade) {
            if (++seen >= 2000 && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a checkpoint");
            }
            return trade;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}
