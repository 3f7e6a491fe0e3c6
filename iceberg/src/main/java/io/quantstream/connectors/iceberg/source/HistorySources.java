package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.source.reader.RowDataConverter;

/**
 * History from the Iceberg market tables as bounded streams for Flink {@code BATCH} jobs,
 * read with Iceberg's FLIP-27 {@link IcebergSource} at the environment's parallelism.
 *
 * <pre>{@code
 * HistoryRange range = new HistoryRange(universe, from, to);
 * DataStream<Kline> bars = HistorySources.oneMinuteKlines(env, catalogSpec, range);
 * DataStream<FundingRate> rates = HistorySources.fundingRates(env, catalogSpec, range);
 * DataStream<Kline> marks = HistorySources.markPriceKlines(env, catalogSpec, range);
 * DataStream<Trade> trades = HistorySources.trades(env, catalogSpec, range);
 * }</pre>
 *
 * <p>Files are pruned by partition and column statistics and rows filtered to the range, so a
 * range ending at {@code t} reads nothing at or after it. The source gives no order across its
 * splits: each record carries its event time (a bar's close time, a funding time) as its
 * timestamp, and {@code BATCH} orders each key's records by it (DESIGN.md rule 2). There are
 * no watermarks: not for {@code STREAMING}, where records of one instrument would arrive out of
 * order. Trades are the exception ({@link #trades}): they are read in order. Operator uids:
 * {@code source-iceberg-klines}, {@code source-iceberg-funding-rates},
 * {@code source-iceberg-mark-price-klines}, {@code source-iceberg-trades}.
 */
public final class HistorySources {

    /**
     * Split size of the trades source, also its open file cost: every split is one range of one
     * file (Iceberg bin-packs small files into one split otherwise, in no particular order).
     */
    static final long TRADE_SPLIT_BYTES = 128L * 1024 * 1024;

    private HistorySources() {}

    /** The range's 1m bars from {@code market.klines}; record timestamp: close time. */
    public static DataStream<Kline> oneMinuteKlines(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.KLINES, KlineRows.klines(),
                range.klineFilters(), (k, previous) -> k.closeTime, "klines", UnaryOperator.identity());
    }

    /**
     * The range's 1m mark-price bars from {@code market.mark_price_klines} (no volumes: null,
     * count 0); record timestamp: close time.
     */
    public static DataStream<Kline> markPriceKlines(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.MARK_PRICE_KLINES, KlineRows.markPrices(),
                range.klineFilters(), (k, previous) -> k.closeTime, "mark-price-klines",
                UnaryOperator.identity());
    }

    /**
     * The range's trades from {@code market.trades}, read by one subtask in
     * {@link TradeSplitOrder}: each instrument's trades in id order as the history loader wrote
     * them, so that the kline stages before the {@code keyBy} (duplicates within the source,
     * pre-aggregated runs) see them as the file job sees an instrument's files; record timestamp:
     * trade time. Its parallelism is 1: the stages after the {@code keyBy} run at the job's.
     */
    public static DataStream<Trade> trades(StreamExecutionEnvironment env, CatalogSpec catalog,
            HistoryRange range) {
        return read(env, catalog, QuantstreamTables.TRADES, new TradeRows(), range.tradeFilters(),
                (t, previous) -> t.tradeTime, "trades", source -> source
                        .includeColumnStats(true)
                        .splitComparator(new TradeSplitOrder())
                        .splitSize(TRADE_SPLIT_BYTES)
                        .splitOpenFileCost(TRADE_SPLIT_BYTES))
                .setParallelism(1);
    }

    /** The range's funding rates from {@code market.funding_rates}; record timestamp: funding time. */
    public static DataStream<FundingRate> fundingRates(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.FUNDING_RATES, new FundingRateRows(),
                range.fundingFilters(), (f, previous) -> f.calcTime, "funding-rates",
                UnaryOperator.identity());
    }

    private static <T> SingleOutputStreamOperator<T> read(StreamExecutionEnvironment env,
            CatalogSpec catalog, TableDefinition table, RowDataConverter<T> converter,
            List<Expression> filters, SerializableTimestampAssigner<T> eventTime, String id,
            UnaryOperator<IcebergSource.Builder<T>> planning) {
        // every column, in the table definition's order: what the converters read
        IcebergSource<T> source = planning.apply(IcebergSource.forOutputType(converter)
                .tableLoader(TableLoader.fromCatalog(IcebergCatalogs.loader(catalog), table.identifier()))
                .project(table.schema())
                .filters(filters))
                .build();
        return env.fromSource(source,
                        WatermarkStrategy.<T>noWatermarks().withTimestampAssigner(eventTime),
                        "read " + table.name(), converter.getProducedType())
                .uid("source-iceberg-" + id);
    }
}
