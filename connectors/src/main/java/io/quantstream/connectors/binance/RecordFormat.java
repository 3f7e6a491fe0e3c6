package io.quantstream.connectors.binance;

/**
 * The line format of a Binance input file; decides how {@link BinanceLineParser} reads a line.
 *
 * <p>CSV column orders follow Binance's public data archive ({@code data.binance.vision}) and
 * {@code ../shared/data/README.md}; websocket messages follow the Binance market-stream docs.
 */
public enum RecordFormat {
    /**
     * Websocket capture: one message per line, optionally prefixed by {@code <receive-time-ns> };
     * a bare event ({@code {"e":"trade",...}}) or a combined-stream envelope
     * ({@code {"stream":"btcusdt@trade","data":{...}}}).
     */
    WS_JSON,
    /**
     * Archive aggTrades: {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,
     * transact_time,is_buyer_maker[,is_best_match]}.
     */
    AGG_TRADES_CSV,
    /** Archive trades: {@code id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]}. */
    TRADES_CSV,
    /**
     * Archive klines: {@code open_time,open,high,low,close,volume,close_time,quote_volume,count,
     * taker_buy_volume,taker_buy_quote_volume,ignore}.
     */
    KLINES_CSV,
    /**
     * Archive funding rates (USD-M, COIN-M): {@code calc_time,funding_interval_hours,
     * last_funding_rate}. Read by the history loader; the Flink file jobs skip these files.
     */
    FUNDING_RATE_CSV
}
