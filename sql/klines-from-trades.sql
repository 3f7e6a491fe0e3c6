-- 1m klines recomputed from quantstream.market.trades with a TUMBLE window: a cross-check of
-- the kline operator (SqlKlinesITCase compares them field by field on a real aggTrades day).
-- Columns of Binance's kline CSV (times epoch ms UTC) after market and symbol; one row per
-- minute WITH trades (the operator also fills minutes without trades; SQL does not).
--
-- Binance's rules (../shared/data/README.md): open = price of the first trade by (trade_time,
-- agg_trade_id), close = of the last, chosen by that explicit order (a ranked join below; not
-- FIRST_VALUE/LAST_VALUE, whose order is the order rows arrive in); count = Σ (last_trade_id -
-- first_trade_id + 1); taker buys are trades whose buyer is not the maker.
--
-- Exact decimals: price × quantity is computed as DECIMAL(17,8) × DECIMAL(20,8) = DECIMAL(38,16),
-- which Flink keeps without rounding (the columns' own (18,10) × (28,10) would exceed precision 38
-- and be rounded to 11 decimals). Binance prints at most 8 decimals; prices up to 10^9, trade
-- quantities up to 10^12. COIN-M quote volumes are base asset volumes (Σ contracts × contract
-- size / price, see CoinMarginedVolume) and stay NULL here.
SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';

CREATE TEMPORARY VIEW minute_trades AS
SELECT
  market,
  symbol,
  window_start,
  trade_time,
  agg_trade_id,
  price,
  quantity,
  CASE WHEN market = 'COINM' THEN NULL
       ELSE CAST(price AS DECIMAL(17, 8)) * CAST(quantity AS DECIMAL(20, 8)) END AS quote_quantity,
  CASE WHEN is_buyer_maker THEN 0 ELSE quantity END AS taker_buy_quantity,
  CASE WHEN market = 'COINM' THEN NULL
       WHEN is_buyer_maker THEN 0
       ELSE CAST(price AS DECIMAL(17, 8)) * CAST(quantity AS DECIMAL(20, 8)) END AS taker_buy_quote_quantity,
  last_trade_id - first_trade_id + 1 AS trade_count
FROM TABLE(TUMBLE(TABLE quantstream.market.trades, DESCRIPTOR(trade_time), INTERVAL '1' MINUTE));

-- each minute's trades ranked from the first (rank_up = 1) and from the last (rank_down = 1)
CREATE TEMPORARY VIEW minute_trades_ranked AS
SELECT
  market, symbol, window_start, price,
  ROW_NUMBER() OVER (PARTITION BY market, symbol, window_start
                     ORDER BY trade_time, agg_trade_id) AS rank_up,
  ROW_NUMBER() OVER (PARTITION BY market, symbol, window_start
                     ORDER BY trade_time DESC, agg_trade_id DESC) AS rank_down
FROM minute_trades;

CREATE TEMPORARY VIEW klines_from_trades AS
SELECT
  s.market,
  s.symbol,
  CAST(TIMESTAMPDIFF(MINUTE, TIMESTAMP '1970-01-01 00:00:00', s.window_start) AS BIGINT) * 60000
    AS open_time,
  o.price AS `open`,
  s.high,
  s.low,
  c.price AS `close`,
  s.volume,
  CAST(TIMESTAMPDIFF(MINUTE, TIMESTAMP '1970-01-01 00:00:00', s.window_start) AS BIGINT) * 60000
    + 59999 AS close_time,
  s.quote_volume,
  s.`count`,
  s.taker_buy_volume,
  s.taker_buy_quote_volume
FROM (
  SELECT
    market, symbol, window_start,
    MAX(price) AS high,
    MIN(price) AS low,
    SUM(quantity) AS volume,
    SUM(quote_quantity) AS quote_volume,
    SUM(trade_count) AS `count`,
    SUM(taker_buy_quantity) AS taker_buy_volume,
    SUM(taker_buy_quote_quantity) AS taker_buy_quote_volume
  FROM minute_trades
  GROUP BY market, symbol, window_start
) s
JOIN minute_trades_ranked o
  ON o.market = s.market AND o.symbol = s.symbol AND o.window_start = s.window_start AND o.rank_up = 1
JOIN minute_trades_ranked c
  ON c.market = s.market AND c.symbol = s.symbol AND c.window_start = s.window_start AND c.rank_down = 1;

SELECT * FROM klines_from_trades ORDER BY market, symbol, open_time;
