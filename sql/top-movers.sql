-- Top movers per day: the three instruments with the highest return (side 'top') and the three
-- with the lowest (side 'bottom') each UTC day, from the 1m bars of quantstream.market.klines
-- (loaded archive klines or live sinks).
-- A day's open is the open of its first 1m bar and its close the close of its last, by open_time
-- (a ranked join, not FIRST_VALUE/LAST_VALUE); `minutes` < 1440 marks a day the data covers only
-- in part. return = close / open - 1 (a fraction; DOUBLE, for ranking and reading, not money).
SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';

CREATE TEMPORARY VIEW day_bars AS
SELECT market, symbol, window_start AS day_start, open_time, `open`, `close`, quote_volume,
  ROW_NUMBER() OVER (PARTITION BY market, symbol, window_start ORDER BY open_time) AS rank_up,
  ROW_NUMBER() OVER (PARTITION BY market, symbol, window_start ORDER BY open_time DESC) AS rank_down
FROM TABLE(TUMBLE(TABLE quantstream.market.klines, DESCRIPTOR(open_time), INTERVAL '1' DAY))
WHERE `interval` = '1m';

CREATE TEMPORARY VIEW daily_returns AS
SELECT
  CAST(d.day_start AS DATE) AS `day`,
  d.market,
  d.symbol,
  o.`open`,
  c.`close`,
  CAST(c.`close` AS DOUBLE) / CAST(o.`open` AS DOUBLE) - 1 AS `return`,
  d.quote_volume,
  d.minutes
FROM (
  SELECT market, symbol, day_start, SUM(quote_volume) AS quote_volume, COUNT(*) AS minutes
  FROM day_bars GROUP BY market, symbol, day_start
) d
JOIN day_bars o ON o.market = d.market AND o.symbol = d.symbol AND o.day_start = d.day_start AND o.rank_up = 1
JOIN day_bars c ON c.market = d.market AND c.symbol = d.symbol AND c.day_start = d.day_start AND c.rank_down = 1;

CREATE TEMPORARY VIEW daily_ranks AS
SELECT r.*,
  ROW_NUMBER() OVER (PARTITION BY `day` ORDER BY `return` DESC, market, symbol) AS top_rank,
  ROW_NUMBER() OVER (PARTITION BY `day` ORDER BY `return`, market, symbol) AS bottom_rank
FROM daily_returns r;

-- both sides in full: with fewer than six instruments one can be on both
CREATE TEMPORARY VIEW top_movers AS
SELECT `day`, 'top' AS side, top_rank AS `rank`, market, symbol, `open`, `close`, `return`,
  quote_volume, minutes
FROM daily_ranks WHERE top_rank <= 3
UNION ALL
SELECT `day`, 'bottom' AS side, bottom_rank AS `rank`, market, symbol, `open`, `close`, `return`,
  quote_volume, minutes
FROM daily_ranks WHERE bottom_rank <= 3;

SELECT * FROM top_movers ORDER BY `day`, side, `rank`;
