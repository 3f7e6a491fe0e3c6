-- A factor's information coefficient per day: at every bar, the rank correlation (Spearman)
-- across instruments of each factor's value with the instrument's next-bar return; per UTC day
-- the mean of those correlations (`ic`), how many bars had one (`bars`, at least 3 instruments
-- with a value and a return) and their standard deviation. One row per run (NULL: live jobs),
-- factor, interval and day.
--
-- Next-bar return of a bar closing at t: close(t + bar length) / close(t) - 1, both closes from
-- the 1m bars of quantstream.market.klines (the close of the 1m bar ending where the bar ends),
-- so factors of any interval need only 1m klines. Factor values that are NaN (warming up) or
-- infinite are left out. Ties get their average rank, so this is Spearman's coefficient with ties: the
-- Pearson correlation of the ranks.
SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';

CREATE TEMPORARY VIEW factor_next_returns AS
SELECT
  f.run_id, f.factor, f.`interval`, f.market, f.symbol, f.close_time, f.`value`,
  CAST(n.`close` AS DOUBLE) / CAST(c.`close` AS DOUBLE) - 1 AS next_return
FROM quantstream.research.factors f
JOIN quantstream.market.klines c
  ON c.`interval` = '1m' AND c.market = f.market AND c.symbol = f.symbol
  AND c.close_time = f.close_time
JOIN quantstream.market.klines n
  ON n.`interval` = '1m' AND n.market = f.market AND n.symbol = f.symbol
  AND n.close_time = TIMESTAMPADD(MINUTE, TIMESTAMPDIFF(MINUTE, f.open_time, f.close_time) + 1, f.close_time)
-- a factor warming up is NaN; Flink compares doubles as Double.compare does (NaN = NaN is true)
WHERE CAST(f.`value` AS STRING) NOT IN ('NaN', 'Infinity', '-Infinity');

-- average ranks within each bar's cross-section: RANK() + (ties - 1) / 2
CREATE TEMPORARY VIEW factor_ranks AS
SELECT
  run_id, factor, `interval`, close_time,
  RANK() OVER (PARTITION BY run_id, factor, `interval`, close_time ORDER BY `value`)
    + (COUNT(*) OVER (PARTITION BY run_id, factor, `interval`, close_time, `value`) - 1) / 2.0
    AS value_rank,
  RANK() OVER (PARTITION BY run_id, factor, `interval`, close_time ORDER BY next_return)
    + (COUNT(*) OVER (PARTITION BY run_id, factor, `interval`, close_time, next_return) - 1) / 2.0
    AS return_rank
FROM factor_next_returns;

CREATE TEMPORARY VIEW factor_bar_ic AS
SELECT run_id, factor, `interval`, close_time, n,
  (n * sxy - sx * sy) / SQRT((n * sxx - sx * sx) * (n * syy - sy * sy)) AS ic
FROM (
  SELECT run_id, factor, `interval`, close_time,
    CAST(COUNT(*) AS DOUBLE) AS n,
    SUM(CAST(value_rank AS DOUBLE)) AS sx,
    SUM(CAST(return_rank AS DOUBLE)) AS sy,
    SUM(CAST(value_rank AS DOUBLE) * CAST(value_rank AS DOUBLE)) AS sxx,
    SUM(CAST(return_rank AS DOUBLE) * CAST(return_rank AS DOUBLE)) AS syy,
    SUM(CAST(value_rank AS DOUBLE) * CAST(return_rank AS DOUBLE)) AS sxy
  FROM factor_ranks
  GROUP BY run_id, factor, `interval`, close_time
)
-- a correlation needs 3 instruments, and ranks that are not all tied
WHERE n >= 3 AND (n * sxx - sx * sx) > 0 AND (n * syy - sy * sy) > 0;

CREATE TEMPORARY VIEW factor_ic AS
SELECT run_id, factor, `interval`, CAST(close_time AS DATE) AS `day`,
  COUNT(*) AS bars,
  AVG(n) AS instruments,
  AVG(ic) AS ic,
  STDDEV_SAMP(ic) AS ic_stddev
FROM factor_bar_ic
GROUP BY run_id, factor, `interval`, CAST(close_time AS DATE);

SELECT * FROM factor_ic ORDER BY run_id, factor, `interval`, `day`;
