package io.quantstream.jobs.topology;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.source.HistoryRange;
import io.quantstream.connectors.iceberg.source.HistorySources;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A backtest's history from the Iceberg market tables as {@link MarketData}: the range's 1m
 * klines (one source, {@code iceberg-klines}) or its trades (one source, {@code iceberg-trades},
 * which {@link Topology#klines} validates and aggregates as it does a live job's), funding rates
 * and, when asked, 1m mark-price klines ({@link HistorySources}), for {@code BATCH} jobs.
 */
public final class HistoryInput {

    /** Source id of the klines read from {@code market.klines}. */
    public static final String KLINES = "iceberg-klines";
    /** Source id of the trades read from {@code market.trades}. */
    public static final String TRADES = "iceberg-trades";

    private HistoryInput() {}

    /**
     * @param trades whether to read {@code market.trades} instead of the 1m bars of
     *     {@code market.klines}
     * @param markPrices whether to read {@code market.mark_price_klines} (when it has bars of the
     *     range: {@code HistoryCoverage#markPrices})
     */
    public static MarketData read(StreamExecutionEnvironment env, CatalogSpec catalog,
            HistoryRange range, boolean trades, boolean markPrices) {
        MarketData data = new MarketData();
        if (trades) {
            data.trades.put(TRADES, HistorySources.trades(env, catalog, range));
        } else {
            data.oneMinuteKlines.put(KLINES, HistorySources.oneMinuteKlines(env, catalog, range));
        }
        data.fundingRates = HistorySources.fundingRates(env, catalog, range);
        if (markPrices) {
            data.markPriceKlines = HistorySources.markPriceKlines(env, catalog, range);
        }
        range.instruments().forEach(i -> data.markets.add(i.market()));
        return data;
    }
}
