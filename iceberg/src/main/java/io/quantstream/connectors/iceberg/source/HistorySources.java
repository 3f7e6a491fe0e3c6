package io.quantstream.connectors.iceberg.source;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import java.util.List;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
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
 * }</pre>
 *
 * <p>Files are pruned by partition and column statistics and rows filtered to the range, so a
 * range ending at {@code t} reads nothing at or after it. The source gives no order across its
 * splits: each record carries its event time (a bar's close time, a funding time) as its
 * timestamp, and {@code BATCH} orders each key's records by it (DESIGN.md rule 2). There are
 * no watermarks: not for {@code STREAMING}, where records of one instrument would arrive out of
 * order. Operator uids: {@code source-iceberg-klines}, {@code source-iceberg-funding-rates},
 * {@code source-iceberg-mark-price-klines}.
 */
public final class HistorySources {

    private HistorySources() {}

    /** The range's 1m bars from {@code market.klines}; record timestamp: close time. */
    public static DataStream<Kline> oneMinuteKlines(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.KLINES, KlineRows.klines(),
                range.klineFilters(), (k, previous) -> k.closeTime, "klines");
    }

    /**
     * The range's 1m mark-price bars from {@code market.mark_price_klines} (no volumes: null,
     * count 0); record timestamp: close time.
     */
    public static DataStream<Kline> markPriceKlines(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.MARK_PRICE_KLINES, KlineRows.markPrices(),
                range.klineFilters(), (k, previous) -> k.closeTime, "mark-price-klines");
    }

    /** The range's funding rates from {@code market.funding_rates}; record timestamp: funding time. */
    public static DataStream<FundingRate> fundingRates(StreamExecutionEnvironment env,
            CatalogSpec catalog, HistoryRange range) {
        return read(env, catalog, QuantstreamTables.FUNDING_RATES, new FundingRateRows(),
                range.fundingFilters(), (f, previous) -> f.calcTime, "funding-rates");
    }

    private static <T> DataStream<T> read(StreamExecutionEnvironment env, CatalogSpec catalog,
            TableDefinition table, RowDataConverter<T> converter, List<Expression> filters,
            SerializableTimestampAssigner<T> eventTime, String id) {
        // every column, in the table definition's order: what the converters read
        IcebergSource<T> source = IcebergSource.forOutputType(converter)
                .tableLoader(TableLoader.fromCatalog(IcebergCatalogs.loader(catalog), table.identifier()))
                .project(table.schema())
                .filters(filters)
                .build();
        return env.fromSource(source,
                        WatermarkStrategy.<T>noWatermarks().withTimestampAssigner(eventTime),
                        "read " + table.name(), converter.getProducedType())
                .uid("source-iceberg-" + id);
    }
}
