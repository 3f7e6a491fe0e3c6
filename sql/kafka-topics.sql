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
--   * Kafka timestamp: the record's event time (trade time, bar close time, decision time, a
--     command's time), the `ts` column and the watermark.
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
  -- trade statistics (null for bars not made from trades; sizes: buckets 1..4 by notional)
  `tradeStats`          ROW<`buyVolume` DECIMAL(38, 18), `sellVolume` DECIMAL(38, 18),
                            `buyDollarVolume` DECIMAL(38, 18), `sellDollarVolume` DECIMAL(38, 18),
                            `buyCount` BIGINT, `sellCount` BIGINT, `sizeCounts` ARRAY<BIGINT>,
                            `sizeVolumes` ARRAY<DECIMAL(38, 18)>>,
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
  `warmingUp` ARRAY<STRING>,   -- the factors still warming up at this bar, empty once all are
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
  `reason`    STRING,          -- NULL when scored; else not-reported, factor-not-warm, factor-not-finite, flat, stopped, ...
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

-- target-deltas: the change of each target position to the previous target of the same key, for
-- an order router that trades differences; written next to every target whose quantity changed
-- and every 'flat' target. Key = 'reference|instrument', as target-positions; per key in
-- decision-time order. An event, not a state: a consumer dedupes on (key, time).
CREATE TABLE target_deltas (
  `key`              STRING,
  `time`             BIGINT,          -- decision time of the new target, epoch ms UTC
  `market`           STRING,
  `symbol`           STRING,
  `reference`        STRING,          -- strategy name
  `previousTime`     BIGINT,          -- decision time of the previous target; NULL for the first
  `previousQuantity` DECIMAL(38, 18), -- 0 when there was none
  `quantity`         DECIMAL(38, 18), -- the new target, signed, base currency (COIN-M: contracts)
  `deltaQuantity`    DECIMAL(38, 18), -- quantity - previousQuantity; positive = buy
  `price`            DECIMAL(38, 18), -- price the new target was sized at; NULL if none known
  `deltaNotional`    DECIMAL(38, 18), -- deltaQuantity * price, quote currency; 0 without a price
  `reason`           STRING,          -- the new target's reason (flat, stopped, not-reported, ...)
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'target-deltas',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'key.format' = 'raw',
  'key.fields' = 'key',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- control: commands to the portfolio stage. A command at `time` applies to the bars closing
-- after it: STOP restates the last targets (reason 'stopped') and freezes them, FLAT takes every
-- target of the strategy to zero (reason 'flat') and freezes them, RESUME gives the normal
-- targets again. Key = scope: the strategy, or '*' for every strategy. One partition; the order
-- of arrival does not matter (commands apply by their time), the same command twice counts once.
CREATE TABLE control (
  `key`       STRING,
  `action`    STRING,  -- STOP, FLAT, RESUME (upper case; anything else is a dead letter)
  `reference` STRING,  -- strategy; NULL or '*' = every strategy
  `time`      BIGINT,  -- when the command takes effect, epoch ms UTC (required)
  `issuer`    STRING,  -- who sent it; free text, may be NULL
  `comment`   STRING,  -- why; free text, may be NULL
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

-- control-actions: what each command did, once per command and strategy, at the first bar
-- closing after its time; key = the strategy (reference).
CREATE TABLE control_actions (
  `key`         STRING,
  `time`        BIGINT,         -- decision time of the bar the command took effect on
  `reference`   STRING,         -- the strategy affected
  `action`      STRING,         -- STOP, FLAT, RESUME
  `scope`       STRING,         -- the command's scope: the strategy, or '*'
  `commandTime` BIGINT,         -- the command's time, epoch ms UTC
  `issuer`      STRING,
  `comment`     STRING,
  `outcome`     STRING,         -- applied, or superseded (a later command is in force)
  `late`        BOOLEAN,        -- came after a bar it should have applied to (STREAMING)
  `changed`     ARRAY<STRING>,  -- instruments (MARKET:SYMBOL) whose target quantity it changed
  `ts` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  WATERMARK FOR `ts` AS `ts` - INTERVAL '1' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'control-actions',
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
  `stage`     STRING,  -- decode, validate, klines, rollup, factors, cross-section, portfolio, control
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
