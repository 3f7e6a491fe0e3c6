package io.quantstream.jobs.topology;

import io.quantstream.connectors.binance.BinanceDecoder;
import io.quantstream.connectors.binance.BinanceFileSource;
import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.Interval;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.trade.TradeBatch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Binance files (websocket captures, archive trades and klines) as event-time streams.
 *
 * <p>Files are grouped by {@link BinanceFiles#groups}; each group is one source at parallelism 1
 * that reads its files in date order, decodes them and assigns timestamps and watermarks right
 * there, before any keyBy. Trade files come as {@link TradeBatch}es of lines (decoded in the
 * source's reader, {@link BinanceFileSource#trades}); kline files as lines decoded by
 * {@link BinanceDecoder}. One source per group keeps STREAMING mode correct: a single source
 * reading symbol after symbol would push the watermark past the files it has not read yet.
 */
public final class ArchiveInput {

    private ArchiveInput() {}

    /**
     * @param outOfOrderness bounded out-of-orderness of each group's watermark (≥ 1 ms)
     * @param idleness a group without records for this long stops holding the watermark back
     */
    public static MarketData read(
            StreamExecutionEnvironment env,
            List<InputFile> files,
            Duration outOfOrderness,
            Duration idleness) {
        MarketData data = new MarketData();
        for (Map.Entry<String, List<InputFile>> group : BinanceFiles.groups(files).entrySet()) {
            String id = sourceId(group.getKey());
            InputFile first = group.getValue().get(0);
            if (first.market() != null) {
                data.markets.add(first.market()); // one market per group (it is in the key)
            }
            if (first.format() != RecordFormat.KLINES_CSV) {
                // trades: batches of lines, validated and pre-aggregated in one operator after the watermarks
                data.tradeBatches.put(id, withWatermarks(env
                        .fromSource(BinanceFileSource.trades(group.getValue()),
                                WatermarkStrategy.noWatermarks(), "read " + id)
                        .uid("source-" + id)
                        .setParallelism(1),
                        WatermarkStrategy.<TradeBatch>forBoundedOutOfOrderness(outOfOrderness)
                                .withTimestampAssigner((b, ts) -> b.latestTime),
                        idleness, id));
                continue;
            }
            SingleOutputStreamOperator<Trade> decoded = env
                    .fromSource(BinanceFileSource.of(group.getValue()),
                            WatermarkStrategy.noWatermarks(), "read " + id)
                    .uid("source-" + id)
                    .setParallelism(1)
                    .process(new BinanceDecoder())
                    .name("decode " + id)
                    .uid("decode-" + id)
                    .setParallelism(1);
            data.deadLetters = Streams.union(data.deadLetters,
                    decoded.getSideOutput(DeadLetters.TAG));
            DataStream<Kline> klines = withWatermarks(
                    decoded.getSideOutput(BinanceDecoder.KLINES),
                    WatermarkStrategy.<Kline>forBoundedOutOfOrderness(outOfOrderness)
                            .withTimestampAssigner((k, ts) -> k.closeTime),
                    idleness, id);
            if (Interval.ONE_MINUTE.label().equals(first.interval())) {
                data.oneMinuteKlines.put(id, klines);
            } else {
                data.otherKlines.merge(first.interval(), klines, DataStream::union);
            }
        }
        return data;
    }

    /** Event-time timestamps and watermarks, chained to the group's source (parallelism 1). */
    private static <T> DataStream<T> withWatermarks(
            DataStream<T> stream, WatermarkStrategy<T> strategy, Duration idleness, String id) {
        return stream.assignTimestampsAndWatermarks(strategy.withIdleness(idleness))
                .name("watermarks " + id)
                .uid("watermarks-" + id)
                .setParallelism(1);
    }

    /** A group key as a stable, readable id for operator uids, e.g. {@code ws-json-usdm-btcusdt}. */
    static String sourceId(String groupKey) {
        return groupKey.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
                .replaceAll("^-+|-+$", "");
    }
}
