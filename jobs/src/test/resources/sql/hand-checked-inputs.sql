-- Inputs of SqlAnalysesITCase, each value chosen by hand (the expected results are worked out in
-- the test's comments). 2026-01-01 00:00:00 UTC = 1767225600000 ms.
SET 'execution.runtime-mode' = 'batch';

-- trades of two minutes, through a SQL-client statement set: minute 00:00 has three aggTrades whose
-- id order is not their time order (agg 12 is the earliest), two at the same millisecond (agg 10
-- and 11: the higher id is the later); minute 00:01 one trade.
BEGIN STATEMENT SET;
INSERT INTO quantstream.market.trades VALUES
  ('USDM', 'TESTUSDT', 10, 100, 102, 0.12345678, 1234.56789012, TO_TIMESTAMP_LTZ(1767225605000, 3), FALSE),
  ('USDM', 'TESTUSDT', 11, 103, 103, 0.12345679, 0.00000003, TO_TIMESTAMP_LTZ(1767225605000, 3), TRUE);
INSERT INTO quantstream.market.trades VALUES
  ('USDM', 'TESTUSDT', 12, 104, 105, 0.12340000, 99999.99999999, TO_TIMESTAMP_LTZ(1767225601000, 3), FALSE),
  ('USDM', 'TESTUSDT', 13, 106, 106, 0.5, 2, TO_TIMESTAMP_LTZ(1767225719999, 3), TRUE);
END;

-- a 1h factor on five instruments at two bars (closing 00:59:59.999 and 01:59:59.999), and the
-- 1m closes at those times and one hour later; V's factor is NaN (warming up), as one statement.
EXECUTE STATEMENT SET BEGIN
INSERT INTO quantstream.research.factors
SELECT CAST(NULL AS STRING), 'USDM', symbol, '1h', TO_TIMESTAMP_LTZ(close_ms - 3599999, 3),
  TO_TIMESTAMP_LTZ(close_ms, 3), 'mom', v
FROM (VALUES
  ('W', 1767229199999, 1.0), ('X', 1767229199999, 2.0), ('Y', 1767229199999, 3.0),
  ('Z', 1767229199999, 4.0), ('V', 1767229199999, CAST('NaN' AS DOUBLE)),
  ('W', 1767232799999, 1.0), ('X', 1767232799999, 1.0), ('Y', 1767232799999, 2.0),
  ('Z', 1767232799999, 3.0), ('V', 1767232799999, CAST('NaN' AS DOUBLE))) AS f(symbol, close_ms, v);
-- Binance's columns only: the trade statistics columns stay null (klines not made from trades)
INSERT INTO quantstream.market.klines (`market`, `symbol`, `interval`, `open_time`, `open`,
  `high`, `low`, `close`, `volume`, `close_time`, `quote_volume`, `count`, `taker_buy_volume`,
  `taker_buy_quote_volume`)
SELECT 'USDM', symbol, '1m', TO_TIMESTAMP_LTZ(close_ms - 59999, 3), c, c, c, c, 1,
  TO_TIMESTAMP_LTZ(close_ms, 3), c, 1, 0, 0
FROM (VALUES
  ('W', 1767229199999, 100.00), ('X', 1767229199999, 100.00), ('Y', 1767229199999, 100.00),
  ('Z', 1767229199999, 100.00), ('V', 1767229199999, 100.00),
  ('W', 1767232799999, 101.00), ('X', 1767232799999, 103.00), ('Y', 1767232799999, 102.00),
  ('Z', 1767232799999, 104.00), ('V', 1767232799999, 100.00),
  ('W', 1767236399999, 99.99), ('X', 1767236399999, 103.00), ('Y', 1767236399999, 104.04),
  ('Z', 1767236399999, 103.48), ('V', 1767236399999, 100.00)) AS k(symbol, close_ms, c);
END;

-- a backtest's ledger and fills (plain INSERTs): strategy s1 of run r1 traded AUSDT and BUSDT;
-- the ledger rows at the later time are the ones that count, the total row (no instrument) is not
-- an instrument's; a skipped order is not a fill.
INSERT INTO quantstream.trading.equity
SELECT 'r1', 's1', m, s, TO_TIMESTAMP_LTZ(t, 3), p, CAST(NULL AS DECIMAL(38, 18)), CAST(NULL AS DECIMAL(18, 10)),
  r, u, f, fu, CAST(NULL AS DECIMAL(38, 18)), CAST(NULL AS DECIMAL(38, 18)), CAST(NULL AS DECIMAL(38, 18)),
  CAST(NULL AS DECIMAL(38, 18)), CAST(NULL AS DOUBLE)
FROM (VALUES
  ('USDM', 'AUSDT', 1767229199999, 1.0, 4.0, 1.0, 0.5, 0.0),
  ('USDM', 'AUSDT', 1767232799999, 2.0, 10.0, -2.0, 1.0, 0.5),
  ('USDM', 'BUSDT', 1767232799999, -1.0, -3.0, 1.0, 0.5, -0.5),
  (CAST(NULL AS STRING), CAST(NULL AS STRING), 1767232799999, CAST(NULL AS DECIMAL(5, 1)), 7.0, -1.0, 1.5, 0.0))
  AS e(m, s, t, p, r, u, f, fu);
INSERT INTO quantstream.trading.fills
SELECT 'r1', 's1', 'USDM', s, TO_TIMESTAMP_LTZ(1767229199999, 3), TO_TIMESTAMP_LTZ(1767229200000, 3),
  q, q, 100.0, n, 0.01, 0.0, reason, CAST(NULL AS STRING)
FROM (VALUES
  ('AUSDT', 1.0, 100.0, 'rebalance'), ('AUSDT', -0.5, -50.0, 'cut'), ('AUSDT', 0.0, 0.0, 'skipped'),
  ('BUSDT', -0.2, -20.0, 'rebalance')) AS x(s, q, n, reason);
