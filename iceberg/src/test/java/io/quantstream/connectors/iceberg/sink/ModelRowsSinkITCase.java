package io.quantstream.connectors.iceberg.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.iceberg.EmbeddedCatalog;
import io.quantstream.connectors.iceberg.ModelRows;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.connectors.iceberg.TableRows;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Fill;
import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;
import io.quantstream.testing.TestTrades;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every model record through its {@link ModelRows} mapping and Iceberg's Flink sink into a real
 * table (JDBC catalog on SQLite in a temp folder), read back with Iceberg's generic reader and
 * compared with values written out by hand; values a column cannot hold become dead letters.
 */
class ModelRowsSinkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @RegisterExtension final EmbeddedCatalog warehouse = new EmbeddedCatalog();

    /** 2026-02-01T00:00:00Z. */
    static final long FEB_1 = 1_769_904_000_000L;
    static final String RUN = "run-7";

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
    void everyTableHoldsExactlyTheHandWrittenValues(RuntimeExecutionMode mode) throws Exception {
        StreamExecutionEnvironment env = env(mode);
        List<DataStream<DeadLetter>> rejected = new ArrayList<>();
        rejected.add(append(env, List.of(trade()), Trade.class, ModelRows.trades(), "trades"));
        rejected.add(append(env, List.of(kline(), partialKline(), klineTooDear()), Kline.class,
                ModelRows.klines(), "klines"));
        rejected.add(append(env, List.of(funding()), FundingRate.class, ModelRows.fundingRates(), "funding"));
        rejected.add(append(env, List.of(factors()), FactorVector.class, ModelRows.factors(null), "factors"));
        rejected.add(append(env, List.of(target(), targetTooFine(), targetWithoutQuantity()),
                TargetPosition.class, ModelRows.targetPositions(RUN), "targets"));
        rejected.add(append(env, List.of(fill()), Fill.class, ModelRows.fills(RUN), "fills"));
        rejected.add(append(env, List.of(instrumentLedger(), totalLedger()), LedgerEntry.class,
                ModelRows.equity(RUN), "equity"));
        List<DeadLetter> deadLetters = collect(rejected.get(0).union(rejected.subList(1, rejected.size())
                .toArray(DataStream[]::new)));

        assertThat(rows(QuantstreamTables.TRADES)).containsExactly(row(
                "market", "USDM", "symbol", "BTCUSDT", "agg_trade_id", 3001L, "first_trade_id", 5001L,
                "last_trade_id", 5003L, "price", dec("65000.1200000000"), "quantity", dec("0.0050000000"),
                "trade_time", time("2026-02-01T00:00:00.123Z"), "is_buyer_maker", true));
        assertThat(rows(QuantstreamTables.KLINES)).as("the partial roll-up and the dead letter are not rows")
                .containsExactly(row(
                "market", "USDM", "symbol", "ETHUSDT", "interval", "1h",
                "open_time", time("2026-02-01T00:00:00Z"), "open", dec("2500.0100000000"),
                "high", dec("2510.0000000000"), "low", dec("2490.5000000000"), "close", dec("2505.2500000000"),
                "volume", dec("1234.5670000000"), "close_time", time("2026-02-01T00:59:59.999Z"),
                "quote_volume", dec("3086417.5000000000"), "count", 4321L,
                "taker_buy_volume", dec("600.0010000000"), "taker_buy_quote_volume", dec("1500002.5000000000"),
                // 3086417.5 / 1234.567 = 2500 exactly
                "vwap", dec("2500.0000000000"), "dollar_volume", dec("3086417.5000000000"),
                "buy_volume", dec("600.0010000000"), "sell_volume", dec("634.5660000000"),
                "buy_dollar_volume", dec("1500002.5000000000"), "sell_dollar_volume", dec("1586415.0000000000"),
                "buy_count", 2000L, "sell_count", 2321L,
                "size1_count", 100L, "size1_volume", dec("10.5000000000"),
                "size2_count", 50L, "size2_volume", dec("200.2500000000"),
                "size3_count", 20L, "size3_volume", dec("700.0000000000"),
                "size4_count", 3L, "size4_volume", dec("323.8170000000")));
        assertThat(rows(QuantstreamTables.FUNDING_RATES)).containsExactly(row(
                "market", "USDM", "symbol", "BTCUSDT", "calc_time", time("2026-02-01T08:00:00.007Z"),
                "funding_interval_hours", 8, "last_funding_rate", dec("-0.000012340000")));
        assertThat(rows(QuantstreamTables.FACTORS)).as("one row per factor, NaN kept").containsExactly(
                factorRow("ema_20", 2501.75), factorRow("rsi_14", Double.NaN));
        assertThat(rows(QuantstreamTables.TARGET_POSITIONS)).containsExactly(row(
                "run_id", RUN, "reference", "momentum", "market", "USDM", "symbol", "ETHUSDT",
                "time", time("2026-02-01T00:59:59.999Z"), "weight", -0.25,
                "quantity", dec("-0.0978000000"), "price", dec("2505.2500000000"), "reason", null));
        assertThat(rows(QuantstreamTables.FILLS)).containsExactly(row(
                "run_id", RUN, "reference", "momentum", "market", "USDM", "symbol", "ETHUSDT",
                "signal_time", time("2026-02-01T00:59:59.999Z"), "fill_time", time("2026-02-01T01:00:00Z"),
                "order_quantity", dec("-0.0978000000"), "quantity", dec("-0.0978000000"),
                "price", dec("2504.748950000000000000"), "notional", dec("-244.964447310000000000"),
                "fee", dec("0.122482223655000000"), "realized_pnl", dec("0E-18"),
                "reason", "rebalance", "detail", null));
        List<Map<String, Object>> equity = rows(QuantstreamTables.EQUITY);
        equity.sort(Comparator.comparing(r -> String.valueOf(r.get("symbol"))));
        assertThat(equity).containsExactly(row(
                "run_id", RUN, "reference", "momentum", "market", "USDM", "symbol", "ETHUSDT",
                "time", time("2026-02-01T01:59:59.999Z"), "position", dec("-0.0978000000"),
                "average_entry_price", dec("2504.748950000000000000"), "close", dec("2520.0000000000"),
                "realized_pnl", dec("0E-18"), "unrealized_pnl", dec("-1.491552690000000000"),
                "fees", dec("0.122482223655000000"), "funding", dec("0E-18"), "cash", null, "equity", null,
                "gross_exposure", dec("246.456000000000000000"), "net_exposure", dec("-246.456000000000000000"),
                "drawdown", null), row(
                "run_id", RUN, "reference", "momentum", "market", null, "symbol", null,
                "time", time("2026-02-01T01:59:59.999Z"), "position", null, "average_entry_price", null,
                "close", null, "realized_pnl", dec("0E-18"), "unrealized_pnl", dec("-1.491552690000000000"),
                "fees", dec("0.122482223655000000"), "funding", dec("0E-18"),
                "cash", dec("10244.841965086345000000"), "equity", dec("9998.385965086345000000"),
                "gross_exposure", dec("246.456000000000000000"), "net_exposure", dec("-246.456000000000000000"),
                "drawdown", 0.0001614034913655));

        assertThat(deadLetters).extracting(d -> d.origin + " " + d.reason).containsExactlyInAnyOrder(
                "market.klines does-not-fit", "trading.target_positions does-not-fit",
                "trading.target_positions missing-value");
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.stage).isEqualTo("iceberg"));
        assertThat(deadLetters).filteredOn(d -> d.origin.equals("market.klines")).singleElement()
                .satisfies(d -> {
                    assertThat(d.detail).contains("high: 123456789.5", "decimal(18, 10)");
                    assertThat(d.eventTime).isEqualTo(FEB_1 + 3_599_999);
                });
        for (TableDefinition t : List.of(QuantstreamTables.TRADES, QuantstreamTables.KLINES)) {
            Snapshot current = warehouse.table(t).currentSnapshot();
            assertThat(current.summary()).as("committed by the Flink sink").containsKey("flink.job-id");
        }
    }

    // ---- the records, each value written out once more in the expectations above ----

    static Trade trade() {
        return TestTrades.trade(Market.USDM, "BTCUSDT", 3001, 5001, 5003, FEB_1 + 123,
                "65000.12", "0.005", true);
    }

    static Kline kline() {
        Kline k = new Kline();
        k.market = Market.USDM;
        k.symbol = "ETHUSDT";
        k.interval = "1h";
        k.openTime = FEB_1;
        k.closeTime = FEB_1 + 3_599_999;
        k.open = new BigDecimal("2500.01");
        k.high = new BigDecimal("2510");
        k.low = new BigDecimal("2490.50");
        k.close = new BigDecimal("2505.25");
        k.volume = new BigDecimal("1234.567");
        k.quoteVolume = new BigDecimal("3086417.5");
        k.count = 4321;
        k.takerBuyVolume = new BigDecimal("600.001");
        k.takerBuyQuoteVolume = new BigDecimal("1500002.50");
        k.tradeStats = new TradeStats();
        k.tradeStats.buyVolume = new BigDecimal("600.001");
        k.tradeStats.sellVolume = new BigDecimal("634.566");
        k.tradeStats.buyDollarVolume = new BigDecimal("1500002.50");
        k.tradeStats.sellDollarVolume = new BigDecimal("1586415");
        k.tradeStats.buyCount = 2000;
        k.tradeStats.sellCount = 2321;
        k.tradeStats.sizeCounts = new long[] {100, 50, 20, 3};
        k.tradeStats.sizeVolumes = new BigDecimal[] {new BigDecimal("10.5"),
            new BigDecimal("200.25"), new BigDecimal("700"), new BigDecimal("323.817")};
        return k;
    }

    static Kline partialKline() {
        Kline k = kline();
        k.symbol = "BTCUSDT";
        k.partial = true;
        return k;
    }

    /** 9 integer digits: a {@code DECIMAL(18,10)} price holds 8. */
    static Kline klineTooDear() {
        Kline k = kline();
        k.symbol = "SOLUSDT";
        k.high = new BigDecimal("123456789.5");
        return k;
    }

    static FundingRate funding() {
        FundingRate f = new FundingRate();
        f.market = Market.USDM;
        f.symbol = "BTCUSDT";
        f.calcTime = FEB_1 + 8 * 3_600_000 + 7;
        f.fundingIntervalHours = 8;
        f.lastFundingRate = new BigDecimal("-0.00001234");
        return f;
    }

    static FactorVector factors() {
        FactorVector v = new FactorVector();
        v.market = Market.USDM;
        v.symbol = "ETHUSDT";
        v.interval = "1h";
        v.openTime = FEB_1;
        v.closeTime = FEB_1 + 3_599_999;
        v.close = new BigDecimal("2505.25");
        v.names = new String[] {"ema_20", "rsi_14"};
        v.values = new double[] {2501.75, Double.NaN};
        return v;
    }

    static Map<String, Object> factorRow(String factor, double value) {
        return row("run_id", null, "market", "USDM", "symbol", "ETHUSDT", "interval", "1h",
                "open_time", time("2026-02-01T00:00:00Z"), "close_time", time("2026-02-01T00:59:59.999Z"),
                "factor", factor, "value", value);
    }

    static TargetPosition target() {
        TargetPosition p = new TargetPosition();
        p.reference = "momentum";
        p.market = Market.USDM;
        p.symbol = "ETHUSDT";
        p.time = FEB_1 + 3_599_999;
        p.weight = -0.25;
        p.quantity = new BigDecimal("-0.09780000");
        p.price = new BigDecimal("2505.25");
        return p;
    }

    /** 12 decimals: a {@code DECIMAL(28,10)} quantity keeps 10, and is never rounded. */
    static TargetPosition targetTooFine() {
        TargetPosition p = target();
        p.symbol = "BTCUSDT";
        p.quantity = new BigDecimal("0.000000000001");
        return p;
    }

    static TargetPosition targetWithoutQuantity() {
        TargetPosition p = target();
        p.symbol = "LTCUSDT";
        p.quantity = null;
        return p;
    }

    /** Sell 0.0978 at 2505.25 × (1 − 2 bps) = 2504.74895; fee 5 bps of 244.96444731. */
    static Fill fill() {
        Fill f = new Fill();
        f.reference = "momentum";
        f.market = Market.USDM;
        f.symbol = "ETHUSDT";
        f.signalTime = FEB_1 + 3_599_999;
        f.time = FEB_1 + 3_600_000;
        f.orderQuantity = new BigDecimal("-0.0978");
        f.quantity = new BigDecimal("-0.0978");
        f.price = new BigDecimal("2504.74895");
        f.notional = new BigDecimal("-244.96444731");
        f.fee = new BigDecimal("0.122482223655");
        f.realizedPnl = BigDecimal.ZERO;
        f.reason = Fill.REBALANCE;
        return f;
    }

    /** Short 0.0978 from 2504.74895, close 2520: unrealized −0.0978 × 15.25105 = −1.49155269. */
    static LedgerEntry instrumentLedger() {
        LedgerEntry e = new LedgerEntry();
        e.reference = "momentum";
        e.market = Market.USDM;
        e.symbol = "ETHUSDT";
        e.time = FEB_1 + 2 * 3_600_000 - 1;
        e.position = new BigDecimal("-0.0978");
        e.averageEntryPrice = new BigDecimal("2504.74895");
        e.close = new BigDecimal("2520");
        e.realizedPnl = BigDecimal.ZERO;
        e.unrealizedPnl = new BigDecimal("-1.49155269");
        e.fees = new BigDecimal("0.122482223655");
        e.funding = BigDecimal.ZERO;
        e.grossExposure = new BigDecimal("246.456");
        e.netExposure = new BigDecimal("-246.456");
        return e;
    }

    /**
     * Cash 10 000 + 244.96444731 − 0.122482223655 = 10 244.841965086345; equity = cash − 246.456
     * = 9 998.385965086345; drawdown 1.614034913655 / 10 000.
     */
    static LedgerEntry totalLedger() {
        LedgerEntry e = new LedgerEntry();
        e.reference = "momentum";
        e.time = FEB_1 + 2 * 3_600_000 - 1;
        e.realizedPnl = BigDecimal.ZERO;
        e.unrealizedPnl = new BigDecimal("-1.49155269");
        e.fees = new BigDecimal("0.122482223655");
        e.funding = BigDecimal.ZERO;
        e.cash = new BigDecimal("10244.841965086345");
        e.equity = new BigDecimal("9998.385965086345");
        e.grossExposure = new BigDecimal("246.456");
        e.netExposure = new BigDecimal("-246.456");
        e.drawdown = new BigDecimal("0.0001614034913655");
        return e;
    }

    // ---- plumbing ----

    private StreamExecutionEnvironment env(RuntimeExecutionMode mode) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        if (mode == RuntimeExecutionMode.STREAMING) {
            env.enableCheckpointing(200);
        }
        return env;
    }

    private <T> DataStream<DeadLetter> append(StreamExecutionEnvironment env, List<T> records,
            Class<T> type, TableRows<T> rows, String uid) {
        DataStream<T> stream = env.fromData(records, TypeInformation.of(type)).uid(uid + "-source");
        return TableSink.append(stream, rows, new TableSinkSpec(warehouse.spec(), "iceberg-" + uid));
    }

    private static List<DeadLetter> collect(DataStream<DeadLetter> stream) throws Exception {
        List<DeadLetter> out = new ArrayList<>();
        try (CloseableIterator<DeadLetter> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private List<Map<String, Object>> rows(TableDefinition table) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Record r : warehouse.rows(table)) {
            Map<String, Object> m = new LinkedHashMap<>();
            table.schema().columns().forEach(c -> m.put(c.name(), r.getField(c.name())));
            rows.add(m);
        }
        return rows;
    }

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static BigDecimal dec(String exact) {
        return new BigDecimal(exact);
    }

    static OffsetDateTime time(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
