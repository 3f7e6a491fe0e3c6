package io.quantstream.jobs.topology;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.source.HistoryRange;
import io.quantstream.connectors.iceberg.source.HistorySources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A backtest's history from the Iceberg market tables as {@link MarketData}: the range's 1m
 * klines (one source, {@code iceberg-klines}), funding rates and, when asked, 1m mark-price
 * klines ({@link HistorySources}), for {@code BATCH} jobs.
 */
public final class HistoryInput {

    /** Source id of the klines read from {@code market.klines}. */
    public static final String KLINES = "iceberg-klines";

    private HistoryInput() {}

    /**
     * @param markPrices whether to read {@code market.mark_price_klines} (when it has bars of the
     *     range: {@code HistoryCoverage#markPrices})
     */
    public static MarketData read(StreamExecutionEnvironment env, CatalogSpec catalog,
            HistoryRange range, boolean markPrices) {
        MarketData data = new MarketData();
        data.oneMinuteKlines.put(KLINES, HistorySources.oneMinuteKlines(env, catalog, range));
        data.fundingRates = HistorySources.fundingRates(env, catalog, range);
        if (markPrices) {
            data.markPriceKlines = HistorySources.markPriceKlines(env, catalog, range);
        }
        range.instruments().forEach(i -> data.markets.add(i.market()));
        return data;
    }
}
