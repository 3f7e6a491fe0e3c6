-- PnL attribution per strategy and instrument of every backtest run (trading.* tables, written
-- by the backtest): where each instrument's ledger ended (its last trading.equity row: PnL, fees
-- and funding are cumulative from the run's start), net = realized + unrealized - fees + funding
-- (the ledger's identity, see LedgerEntry), its share of the strategy's net PnL, and its fills
-- (filled orders, traded notional; `skipped` orders are not fills). Quote currency. Money is
-- summed at 10 decimals: DECIMAL(38,18) + DECIMAL(38,18) would not fit precision 38 and Flink
-- would round it anyway.
SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';

CREATE TEMPORARY VIEW instrument_ledger_end AS
SELECT run_id, reference, market, symbol, `time`, `position`,
  CAST(realized_pnl AS DECIMAL(30, 10)) AS realized_pnl,
  CAST(unrealized_pnl AS DECIMAL(30, 10)) AS unrealized_pnl,
  CAST(fees AS DECIMAL(30, 10)) AS fees,
  CAST(funding AS DECIMAL(30, 10)) AS funding
FROM (
  SELECT e.*,
    ROW_NUMBER() OVER (PARTITION BY run_id, reference, market, symbol ORDER BY `time` DESC) AS latest
  FROM quantstream.trading.equity e
  WHERE symbol IS NOT NULL
)
WHERE latest = 1;

CREATE TEMPORARY VIEW instrument_fills AS
SELECT run_id, reference, market, symbol,
  COUNT(*) AS fills,
  SUM(ABS(CAST(notional AS DECIMAL(30, 10)))) AS traded_notional
FROM quantstream.trading.fills
WHERE reason <> 'skipped' AND quantity <> 0
GROUP BY run_id, reference, market, symbol;

CREATE TEMPORARY VIEW pnl_attribution AS
SELECT l.run_id, l.reference, l.market, l.symbol,
  l.realized_pnl, l.unrealized_pnl, l.fees, l.funding,
  l.realized_pnl + l.unrealized_pnl - l.fees + l.funding AS net_pnl,
  CAST(l.realized_pnl + l.unrealized_pnl - l.fees + l.funding AS DOUBLE)
    / SUM(CAST(l.realized_pnl + l.unrealized_pnl - l.fees + l.funding AS DOUBLE))
      OVER (PARTITION BY l.run_id, l.reference) AS share_of_net,
  COALESCE(f.fills, 0) AS fills,
  COALESCE(f.traded_notional, 0) AS traded_notional,
  l.`position` AS final_position,
  l.`time` AS last_time
FROM instrument_ledger_end l
LEFT JOIN instrument_fills f
  ON f.run_id = l.run_id AND f.reference = l.reference AND f.market = l.market AND f.symbol = l.symbol;

SELECT * FROM pnl_attribution ORDER BY run_id, reference, net_pnl DESC;
