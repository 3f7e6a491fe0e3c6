package io.quantstream.connectors.iceberg;

import static io.quantstream.connectors.iceberg.ColumnTypes.MONEY;
import static io.quantstream.connectors.iceberg.ColumnTypes.PRICE;
import static io.quantstream.connectors.iceberg.ColumnTypes.QUANTITY;
import static io.quantstream.connectors.iceberg.ColumnTypes.RATE;
import static io.quantstream.connectors.iceberg.ColumnTypes.TIME;
import static io.quantstream.connectors.iceberg.ColumnTypes.VOLUME;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Every quantstream Iceberg table (format v2): the one place their schemas, partition specs and
 * sort orders are written; {@code sql/README.md} explains the choices.
 *
 * <pre>{@code
 * Catalog catalog = IcebergCatalogs.open(spec);
 * QuantstreamTables.createMissing(catalog);
 * Table klines = catalog.loadTable(QuantstreamTables.KLINES.identifier());
 * }</pre>
 *
 * <p>Columns are Binance's field names in snake_case plus {@code market} ({@code SPOT},
 * {@code USDM}, {@code COINM}), {@code symbol} and, for bars, {@code interval}; decimal and time
 * types are {@link ColumnTypes}'. Market data is partitioned by market and a time transform
 * (day for trades, month for bars, year for funding) and sorted by symbol then time inside each
 * file, so a query for some symbols over some days reads only those days' files and skips
 * other symbols by column statistics. Trading results are partitioned by {@code run_id}, so one
 * backtest's rows are read, or dropped, on their own.
 */
public final class QuantstreamTables {

    public static final TableDefinition TRADES = market("trades",
            "klines recomputed per minute and day from trades; backtests over trades",
            new Columns()
                    .required("agg_trade_id", Types.LongType.get())
                    .required("first_trade_id", Types.LongType.get())
                    .required("last_trade_id", Types.LongType.get())
                    .required("price", PRICE)
                    .required("quantity", QUANTITY)
                    .required("trade_time", TIME)
                    .required("is_buyer_maker", Types.BooleanType.get()),
            spec -> spec.identity("market").day("trade_time"),
            order -> order.asc("symbol").asc("trade_time").asc("agg_trade_id"));

    public static final TableDefinition KLINES = market("klines",
            "bars of any interval: backtests (1m for a universe and a range), top movers per day",
            new Columns()
                    .required("open_time", TIME)
                    .required("open", PRICE)
                    .required("high", PRICE)
                    .required("low", PRICE)
                    .required("close", PRICE)
                    .required("volume", VOLUME)
                    .required("close_time", TIME)
                    .required("quote_volume", VOLUME)
                    .required("count", Types.LongType.get())
                    .required("taker_buy_volume", VOLUME)
                    .required("taker_buy_quote_volume", VOLUME)
                    // trade statistics (TradeStats): null for bars not made from trades
                    .optional("vwap", PRICE)
                    .optional("dollar_volume", VOLUME)
                    .optional("buy_volume", VOLUME)
                    .optional("sell_volume", VOLUME)
                    .optional("buy_dollar_volume", VOLUME)
                    .optional("sell_dollar_volume", VOLUME)
                    .optional("buy_count", Types.LongType.get())
                    .optional("sell_count", Types.LongType.get())
                    .optional("size1_count", Types.LongType.get())
                    .optional("size1_volume", VOLUME)
                    .optional("size2_count", Types.LongType.get())
                    .optional("size2_volume", VOLUME)
                    .optional("size3_count", Types.LongType.get())
                    .optional("size3_volume", VOLUME)
                    .optional("size4_count", Types.LongType.get())
                    .optional("size4_volume", VOLUME),
            spec -> spec.identity("market").identity("interval").month("open_time"),
            order -> order.asc("symbol").asc("open_time"));

    public static final TableDefinition MARK_PRICE_KLINES = market("mark_price_klines",
            "mark prices for funding payments (markPriceKlines archive files; no volumes)",
            new Columns()
                    .required("open_time", TIME)
                    .required("open", PRICE)
                    .required("high", PRICE)
                    .required("low", PRICE)
                    .required("close", PRICE)
                    .required("close_time", TIME),
            spec -> spec.identity("market").identity("interval").month("open_time"),
            order -> order.asc("symbol").asc("open_time"));

    public static final TableDefinition FUNDING_RATES = market("funding_rates",
            "funding payments of perpetuals at each calc_time",
            new Columns()
                    .required("calc_time", TIME)
                    .required("funding_interval_hours", Types.IntegerType.get())
                    .required("last_funding_rate", RATE),
            spec -> spec.identity("market").year("calc_time"),
            order -> order.asc("symbol").asc("calc_time"));

    public static final TableDefinition FACTORS = define("research", "factors",
            "a factor's information coefficient per day (one factor, one interval, many days)",
            new Columns()
                    .optional("run_id", Types.StringType.get())
                    .required("market", Types.StringType.get())
                    .required("symbol", Types.StringType.get())
                    .required("interval", Types.StringType.get())
                    .required("open_time", TIME)
                    .required("close_time", TIME)
                    .required("factor", Types.StringType.get())
                    .required("value", Types.DoubleType.get()),
            spec -> spec.identity("interval").month("close_time"),
            order -> order.asc("factor").asc("market").asc("symbol").asc("close_time"));

    public static final TableDefinition TARGET_POSITIONS = define("trading", "target_positions",
            "what each strategy wanted, per run; parity checks across modes",
            new Columns()
                    .required("run_id", Types.StringType.get())
                    .required("reference", Types.StringType.get())
                    .required("market", Types.StringType.get())
                    .required("symbol", Types.StringType.get())
                    .required("time", TIME)
                    .required("weight", Types.DoubleType.get())
                    .required("quantity", QUANTITY)
                    .optional("price", PRICE)
                    .optional("reason", Types.StringType.get()),
            spec -> spec.identity("run_id").month("time"),
            order -> order.asc("reference").asc("market").asc("symbol").asc("time"));

    public static final TableDefinition FILLS = define("trading", "fills",
            "PnL attribution per strategy and instrument: realized PnL and fees of every fill",
            new Columns()
                    .required("run_id", Types.StringType.get())
                    .required("reference", Types.StringType.get())
                    .required("market", Types.StringType.get())
                    .required("symbol", Types.StringType.get())
                    .required("signal_time", TIME)
                    .required("fill_time", TIME)
                    .required("order_quantity", QUANTITY)
                    .required("quantity", QUANTITY)
                    .optional("price", MONEY)
                    .required("notional", MONEY)
                    .required("fee", MONEY)
                    .required("realized_pnl", MONEY)
                    .required("reason", Types.StringType.get())
                    .optional("detail", Types.StringType.get()),
            spec -> spec.identity("run_id").month("fill_time"),
            order -> order.asc("reference").asc("market").asc("symbol").asc("fill_time"));

    public static final TableDefinition EQUITY = define("trading", "equity",
            "equity curve per strategy (rows with market and symbol null) and each instrument's"
                    + " ledger at every bar, for PnL attribution",
            new Columns()
                    .required("run_id", Types.StringType.get())
                    .required("reference", Types.StringType.get())
                    .optional("market", Types.StringType.get())
                    .optional("symbol", Types.StringType.get())
                    .required("time", TIME)
                    .optional("position", QUANTITY)
                    .optional("average_entry_price", MONEY)
                    .optional("close", PRICE)
                    .required("realized_pnl", MONEY)
                    .required("unrealized_pnl", MONEY)
                    .required("fees", MONEY)
                    .required("funding", MONEY)
                    .optional("cash", MONEY)
                    .optional("equity", MONEY)
                    .optional("gross_exposure", MONEY)
                    .optional("net_exposure", MONEY)
                    .optional("drawdown", Types.DoubleType.get()),
            spec -> spec.identity("run_id").month("time"),
            order -> order.asc("reference").asc("market", NullOrder.NULLS_FIRST)
                    .asc("symbol", NullOrder.NULLS_FIRST).asc("time"));

    public static final TableDefinition BACKTEST_RUNS = define("trading", "backtest_runs",
            "one row per backtest: its config, data range and statistics",
            new Columns()
                    .required("run_id", Types.StringType.get())
                    .required("reference", Types.StringType.get())
                    .required("started_at", TIME)
                    .optional("finished_at", TIME)
                    .required("data_from", TIME)
                    .required("data_to", TIME)
                    .required("config", Types.StringType.get())
                    .optional("stats", Types.StringType.get())
                    .optional("total_return", Types.DoubleType.get())
                    .optional("cagr", Types.DoubleType.get())
                    .optional("sharpe", Types.DoubleType.get())
                    .optional("max_drawdown", Types.DoubleType.get())
                    .optional("fees", MONEY)
                    .optional("funding", MONEY)
                    .optional("final_equity", MONEY)
                    .optional("report_path", Types.StringType.get()),
            spec -> spec,
            order -> order.asc("started_at"));

    /**
     * Which archive files the history loader committed (one row per file); with the snapshot
     * summaries of the market tables it makes a re-run skip what is loaded.
     */
    public static final TableDefinition LOAD_LOG = define("market", "load_log",
            "the loader's record of committed archive files: re-runs skip them",
            new Columns()
                    .required("table_name", Types.StringType.get())
                    .required("file_key", Types.StringType.get())
                    .required("file_name", Types.StringType.get())
                    .required("source", Types.StringType.get())
                    .required("size_bytes", Types.LongType.get())
                    .required("sha256", Types.StringType.get())
                    .required("checksum_verified", Types.BooleanType.get())
                    .required("market", Types.StringType.get())
                    .required("symbol", Types.StringType.get())
                    .optional("interval", Types.StringType.get())
                    .required("covers_from", TIME)
                    .required("covers_to", TIME)
                    .required("rows", Types.LongType.get())
                    .required("snapshot_id", Types.LongType.get())
                    .required("loaded_at", TIME),
            spec -> spec,
            order -> order.asc("table_name").asc("file_key"));

    /** Every table, market data first. */
    public static final List<TableDefinition> ALL = List.of(TRADES, KLINES, MARK_PRICE_KLINES,
            FUNDING_RATES, LOAD_LOG, FACTORS, TARGET_POSITIONS, FILLS, EQUITY, BACKTEST_RUNS);

    private QuantstreamTables() {}

    /**
     * The table called {@code name} ({@code namespace.table}, e.g. {@code market.klines}).
     *
     * @throws IllegalArgumentException when no quantstream table has that name
     */
    public static TableDefinition named(String name) {
        for (TableDefinition table : ALL) {
            if (table.name().equals(name)) {
                return table;
            }
        }
        throw new IllegalArgumentException("no quantstream table " + name);
    }

    /**
     * Creates the namespaces and tables that do not exist yet, and adds to existing tables the
     * optional columns of their definition they lack (columns a later version added, e.g. the
     * trade statistics of {@code market.klines}: null in the rows written before). Safe when
     * another process creates them at the same time.
     */
    public static void createMissing(Catalog catalog) {
        for (TableDefinition table : ALL) {
            Namespace namespace = table.identifier().namespace();
            if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
                try {
                    namespaces.createNamespace(namespace);
                } catch (AlreadyExistsException raced) {
                    // created by a concurrent writer: what we wanted
                }
            }
            if (!catalog.tableExists(table.identifier())) {
                try {
                    catalog.buildTable(table.identifier(), table.schema())
                            .withPartitionSpec(table.spec())
                            .withSortOrder(table.sortOrder())
                            .withProperties(TableDefinition.PROPERTIES)
                            .create();
                } catch (AlreadyExistsException raced) {
                    // created by a concurrent writer
                }
            } else {
                addMissingColumns(catalog.loadTable(table.identifier()), table);
            }
        }
    }

    private static void addMissingColumns(Table existing, TableDefinition table) {
        Schema schema = existing.schema();
        UpdateSchema update = null;
        for (Types.NestedField column : table.schema().columns()) {
            if (column.isOptional() && schema.findField(column.name()) == null) {
                update = update == null ? existing.updateSchema() : update;
                update.addColumn(column.name(), column.type());
            }
        }
        if (update != null) {
            try {
                update.commit();
            } catch (CommitFailedException raced) {
                // a concurrent writer changed the schema first; the columns are there next time
            }
        }
    }

    private static TableDefinition market(String name, String purpose, Columns columns,
            UnaryOperator<PartitionSpec.Builder> spec,
            UnaryOperator<SortOrder.Builder> order) {
        Columns keyed = new Columns()
                .required("market", Types.StringType.get())
                .required("symbol", Types.StringType.get());
        if (columns.has("open_time")) {
            keyed.required("interval", Types.StringType.get());
        }
        return define("market", name, purpose, keyed.append(columns), spec, order);
    }

    private static TableDefinition define(String namespace, String name, String purpose,
            Columns columns, UnaryOperator<PartitionSpec.Builder> spec,
            UnaryOperator<SortOrder.Builder> order) {
        Schema schema = columns.schema();
        return new TableDefinition(TableIdentifier.of(namespace, name), schema,
                spec.apply(PartitionSpec.builderFor(schema)).build(),
                order.apply(SortOrder.builderFor(schema)).build(), purpose);
    }

    /** Columns in order, numbered from 1. */
    private static final class Columns {
        private final List<Types.NestedField> fields = new ArrayList<>();

        Columns required(String name, Type type) {
            fields.add(Types.NestedField.required(fields.size() + 1, name, type));
            return this;
        }

        Columns optional(String name, Type type) {
            fields.add(Types.NestedField.optional(fields.size() + 1, name, type));
            return this;
        }

        Columns append(Columns more) {
            for (Types.NestedField f : more.fields) {
                fields.add(f.isOptional()
                        ? Types.NestedField.optional(fields.size() + 1, f.name(), f.type())
                        : Types.NestedField.required(fields.size() + 1, f.name(), f.type()));
            }
            return this;
        }

        boolean has(String name) {
            return fields.stream().anyMatch(f -> f.name().equals(name));
        }

        Schema schema() {
            return new Schema(fields);
        }
    }
}
