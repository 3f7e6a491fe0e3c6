package io.quantstream.connectors.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

class BinanceFileSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @Test
    void btcusdtCaptureGives10701TradesInBatchMode() throws Exception {
        List<InputFile> files = BinanceFiles.discover(List.of(
                SharedData.require("binance/ws/usdm/btcusdt_20240718.gz"),
                SharedData.require("binance/ws/usdm/btcusdt_20240719.gz")), null, null);

        List<Trade> collected = collect(decode(environment(), files));

        assertThat(collected).hasSize(10_701);
        collected.sort(Comparator.comparingLong(t -> t.aggTradeId));
        for (int i = 1; i < collected.size(); i++) {
            assertThat(collected.get(i).firstTradeId).isEqualTo(collected.get(i - 1).lastTradeId + 1);
        }
    }

    @Test
    void aGroupIsReadInDateOrderByOneStreamingReader() throws Exception {
        List<InputFile> group = BinanceFiles.groups(BinanceFiles.discover(
                List.of(SharedData.require("binance/ws/usdm")), null, null)).get("WS_JSON/USDM/btcusdt/-");
        StreamExecutionEnvironment env = environment(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1);

        List<Trade> collected = collect(decode(env, group));

        assertThat(collected).hasSize(10_701);
        for (int i = 1; i < collected.size(); i++) {
            assertThat(collected.get(i).aggTradeId).isEqualTo(collected.get(i - 1).aggTradeId + 1);
        }
    }

    @Test
    void klinesAndDeadLettersGoToSideOutputs() throws Exception {
        List<InputFile> files = BinanceFiles.discover(List.of(
                SharedData.require("binance/vision/spot/daily/klines/BTCUSDT/1h")), null, null);

        List<Kline> klines = collect(decode(environment(), files).getSideOutput(BinanceDecoder.KLINES));
        List<DeadLetter> deadLetters = collect(decode(environment(), files).getSideOutput(DeadLetters.TAG));

        assertThat(klines).hasSize(24 + 48);
        assertThat(klines).allMatch(k -> k.closeTime == k.openTime + 3_600_000L - 1);
        assertThat(deadLetters).isEmpty();
    }

    private static StreamExecutionEnvironment environment() {
        return environment(RuntimeExecutionMode.BATCH);
    }

    private static StreamExecutionEnvironment environment(RuntimeExecutionMode mode) {
        Configuration config = new Configuration();
        config.set(ExecutionOptions.RUNTIME_MODE, mode);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        return env;
    }

    private static SingleOutputStreamOperator<Trade> decode(StreamExecutionEnvironment env, List<InputFile> files) {
        return env.fromSource(BinanceFileSource.of(files), WatermarkStrategy.noWatermarks(), "binance files")
                .process(new BinanceDecoder())
                .name("decode");
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> result = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }
}
