-- The Kafka topics of quantstream, one table each: the schema of every topic's JSON value,
-- written once. Values are written by io.quantstream.connectors.kafka.JsonRecords (the record's
-- public fields); KafkaTopicsSqlTest checks that these columns are exactly the fields written.
--
-- Conventions of every topic:
--   * value: one JSON object; decimals (prices, quantities, volumes) are plain JSON numbers with
--     every digit of the exchange's text ("67000.10"), read exactly as DECIMAL(38, 18) (no record
--     has more than 18 decimals); doubles may be the string "NaN" (a factor warming up).
--   * key: UTF-8 text, the `key` column (not part of the value); the instrument is
--     '<market>:<SYMBOL>', market in lower case ('usdm:BTCUSDT').
--   * Kafka timestamp: the record's event time (trade time, bar close time, decision time), the
--     `ts` column and the watermark.
--   * topic names and partitions come from the job config (kafka.topics.*); the names below are
--     the defaults. Writers are transactional: read with isolation.level = read_committed.
--   * 'properties.bootstrap.servers' is the local broker of `bin/quantstream kafka start`.

-- trades: validated aggTrades of every instrument; key = instrument.
CREATE TABLE trades (
  `key`          STRING,
  `symbol`       STRING,
  `market`       STRING,          -- SPOT, USDM, COINM
  `aggTradeId`   BIGINT,
  `firstTradeId` BIGINT,
  `lastTradeId`  BIGINT,
  `price`        DECIMAL(38, 18), -- quote currency
  `quantity`     DECIMAL(38, 18), -- base currency (COIN-M: contracts)
  `tradeTime`    BIGINT,          -- epoch ms UTC
  `buyerIsMaker` BOOLEAN,
  `executionType` STRING,         -- USD-M X (MARKET, INSURANCE_FUND, ADL, NA); NULL if not carried
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'trades',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- trade-gaps: trades missing from an instrument's stream, never silently skipped; key = instrument.
-- IngestJob writes the trades the exchange could not serve after a reconnect or a restore, with
-- the reason; reason NULL is a hole a kline stage found in the trades it read.
CREATE TABLE trade_gaps (
  `key`               STRING,
  `symbol`            STRING,
  `market`            STRING,
  `lastTradeIdBefore` BIGINT,  -- last raw trade id before the gap; -1 when unknown (a configured start)
  `firstTradeIdAfter` BIGINT,  -- first raw trade id after the gap
  `missingTrades`     BIGINT,  -- raw trades missing; -1 when lastTradeIdBefore is unknown
  `timeBefore`        BIGINT,  -- epoch ms UTC; -9223372036854775808 when unknown
  `timeAfter`         BIGINT,  -- epoch ms UTC
  `reason`            STRING,  -- history-expired, rest-error, rest-malformed, not-served
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'trade-gaps',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- klines: final bars of every configured interval; key = instrument (all intervals of an
-- instrument in one partition, in close-time order per interval).
CREATE TABLE klines (
  `key`                 STRING,
  `symbol`              STRING,
  `market`              STRING,
  `interval`            STRING,          -- 1m, 5m, 1h, ...
  `openTime`            BIGINT,          -- epoch ms UTC
  `closeTime`           BIGINT,          -- openTime + interval - 1 ms
  `open`                DECIMAL(38, 18),
  `high`                DECIMAL(38, 18),
  `low`                 DECIMAL(38, 18),
  `close`               DECIMAL(38, 18),
  `volume`              DECIMAL(38, 18),
  `quoteVolume`         DECIMAL(38, 18),
  `count`               BIGINT,
  `takerBuyVolume`      DECIMAL(38, 18),
  `takerBuyQuoteVolume` DECIMAL(38, 18),
  `partial`             BOOLEAN,         -- a roll-up whose 1m bars do not cover its interval
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'klines',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- factors: one vector per instrument, interval and bar; key = instrument.
CREATE TABLE factors (
  `key`       STRING,
  `symbol`    STRING,
  `market`    STRING,
  `interval`  STRING,
  `openTime`  BIGINT,
  `closeTime` BIGINT,
  `close`     DECIMAL(38, 18),
  `names`     ARRAY<STRING>,   -- e.g. ema_20, rsi_14
  `values`    ARRAY<DOUBLE>,   -- same order as names; "NaN" while warming up
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'factors',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- cross-sections: the scores of a universe at one bar; key = 'universe|interval'.
CREATE TABLE cross_sections (
  `key`       STRING,
  `universe`  STRING,
  `interval`  STRING,
  `openTime`  BIGINT,
  `closeTime` BIGINT,
  `complete`  BOOLEAN,
  `missing`   ARRAY<STRING>,   -- instruments that did not report, MARKET:SYMBOL
  `scores`    ARRAY<ROW<`market` STRING, `symbol` STRING, `score` DOUBLE, `close` DECIMAL(38, 18)>>,
  `unscored`  ARRAY<ROW<`market` STRING, `symbol` STRING, `reason` STRING, `close` DECIMAL(38, 18)>>,
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'cross-sections',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- target-positions: compacted; the latest record per key is the strategy's target for the
-- instrument (a state, not a delta). Key = 'reference|instrument', e.g. 'xs-long-short|usdm:BTCUSDT'.
CREATE TABLE target_positions (
  `key`       STRING,
  `time`      BIGINT,          -- decision time: close time of the bar decided on, epoch ms UTC
  `market`    STRING,          -- SPOT, USDM, COINM
  `symbol`    STRING,
  `weight`    DOUBLE,          -- signed fraction of equity
  `quantity`  DECIMAL(38, 18), -- signed, base currency (COIN-M: contracts)
  `price`     DECIMAL(38, 18), -- price sized at; NULL if none known
  `reference` STRING,          -- strategy name
  `reason`    STRING,          -- NULL when scored; else not-reported, factor-not-finite, ...
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'target-positions',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- control: commands to the portfolio stage (issue 6, item 8 defines their effect). One
-- partition, so every job sees the commands in the order they were sent; key = reference.
CREATE TABLE control (
  `key`       STRING,
  `action`    STRING,  -- STOP (freeze targets), FLAT (targets to zero), RESUME
  `reference` STRING,  -- strategy; NULL = every strategy
  `time`      BIGINT,  -- when the command takes effect, epoch ms UTC
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'control',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- dead-letters: every record a stage rejected, with the reason; key = stage.
CREATE TABLE dead_letters (
  `key`       STRING,
  `stage`     STRING,  -- decode, validate, klines, rollup, factors, cross-section, portfolio
  `reason`    STRING,  -- malformed, missing-field, bad-value, late, duplicate, ...
  `detail`    STRING,
  `origin`    STRING,  -- file:line, or kafka:<topic>/<partition>@<offset>
  `raw`       STRING,
  `eventTime` BIGINT,  -- epoch ms UTC; -9223372036854775808 when not known
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'dead-letters',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);
