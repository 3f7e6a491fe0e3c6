package io.quantstream.connectors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tables as created in a catalog, and the catalog from configuration. */
class QuantstreamTablesTest {

    @RegisterExtension final EmbeddedCatalog warehouse = new EmbeddedCatalog();

    @TempDir Path tmp;

    @Test
    void everyTableIsFormatV2WithTheLayoutItsQueriesNeed() {
        Map<String, String> expected = Map.of(
                "market.trades", "market:identity, trade_time:day | symbol, trade_time, agg_trade_id",
                "market.klines", "market:identity, interval:identity, open_time:month | symbol, open_time",
                "market.mark_price_klines", "market:identity, interval:identity, open_time:month | symbol, open_time",
                "market.funding_rates", "market:identity, calc_time:year | symbol, calc_time",
                "market.load_log", " | table_name, file_key",
                "research.factors", "interval:identity, close_time:month | factor, market, symbol, close_time",
                "trading.target_positions", "run_id:identity, time:month | reference, market, symbol, time",
                "trading.fills", "run_id:identity, fill_time:month | reference, market, symbol, fill_time",
                "trading.equity", "run_id:identity, time:month | reference, market, symbol, time",
                "trading.backtest_runs", " | started_at");
        assertThat(QuantstreamTables.ALL).extracting(TableDefinition::name)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (TableDefinition definition : QuantstreamTables.ALL) {
            Table table = warehouse.table(definition);
            assertThat(((HasTableOperations) table).operations().current().formatVersion())
                    .as(definition.name()).isEqualTo(2);
            assertThat(layout(table)).as(definition.name()).isEqualTo(expected.get(definition.name()));
        }
    }

    @Test
    void tradesHaveTheColumnsOfIssue7WithExactDecimalsAndInstants() {
        Table trades = warehouse.table(QuantstreamTables.TRADES);
        assertThat(trades.schema().columns()).extracting(Types.NestedField::name).containsExactly(
                "market", "symbol", "agg_trade_id", "first_trade_id", "last_trade_id", "price",
                "quantity", "trade_time", "is_buyer_maker");
        assertThat(trades.schema().findType("price")).isEqualTo(Types.DecimalType.of(18, 10));
        assertThat(trades.schema().findType("quantity")).isEqualTo(Types.DecimalType.of(28, 10));
        assertThat(trades.schema().findType("trade_time")).isEqualTo(Types.TimestampType.withZone());
        assertThat(warehouse.table(QuantstreamTables.KLINES).schema().findType("quote_volume"))
                .isEqualTo(Types.DecimalType.of(38, 10));
    }

    /**
     * A {@code market.klines} created before trade statistics (Binance's columns only) gets the
     * statistics columns, optional, when the catalog is opened; its columns keep their ids.
     */
    @Test
    void aKlinesTableOfAnEarlierVersionGetsTheTradeStatisticsColumns() {
        Catalog catalog = warehouse.catalog();
        catalog.dropTable(QuantstreamTables.KLINES.identifier());
        List<Types.NestedField> binance = QuantstreamTables.KLINES.schema().columns().stream()
                .filter(Types.NestedField::isRequired).toList();
        assertThat(binance).hasSize(14);
        catalog.createTable(QuantstreamTables.KLINES.identifier(), new Schema(binance));

        QuantstreamTables.createMissing(catalog);

        Schema evolved = catalog.loadTable(QuantstreamTables.KLINES.identifier()).schema();
        assertThat(evolved.columns()).extracting(Types.NestedField::name)
                .containsExactlyElementsOf(QuantstreamTables.KLINES.schema().columns().stream()
                        .map(Types.NestedField::name).toList());
        assertThat(evolved.findField("taker_buy_quote_volume").fieldId()).isEqualTo(
                binance.get(13).fieldId());
        assertThat(evolved.findField("vwap").isOptional()).isTrue();
        assertThat(evolved.findType("size4_count")).isEqualTo(Types.LongType.get());
        assertThat(evolved.findType("buy_dollar_volume")).isEqualTo(Types.DecimalType.of(38, 10));
    }

    @Test
    void openingTheCatalogAgainKeepsTheTables() throws Exception {
        String uuid = ((HasTableOperations) warehouse.table(QuantstreamTables.KLINES)).operations().current().uuid();
        Catalog again = IcebergCatalogs.open(warehouse.spec());
        try {
            assertThat(((HasTableOperations) again.loadTable(QuantstreamTables.KLINES.identifier()))
                    .operations().current().uuid()).isEqualTo(uuid);
        } finally {
            ((AutoCloseable) again).close();
        }
    }

    @Test
    void aHadoopCatalogByConfigurationKeepsItsMetadataInTheWarehouse() {
        Catalog hadoop = IcebergCatalogs.open(new CatalogSpec("hadoop", "", tmp.toString(), Map.of()));

        assertThat(hadoop.tableExists(QuantstreamTables.TRADES.identifier())).isTrue();
        assertThat(Files.isDirectory(tmp.resolve("market/trades/metadata"))).isTrue();
    }

    @Test
    void aCatalogSpecNamesEveryMistake() {
        assertThat(new CatalogSpec("hive", "", "", Map.of()).problems()).containsExactly(
                "catalog.type: unknown catalog type 'hive' (expected one of jdbc, hadoop, rest)",
                "catalog.warehouse: a hive catalog needs a warehouse folder or URI");
        assertThat(new CatalogSpec("rest", "", "", Map.of()).problems()).containsExactly(
                "catalog.uri: a rest catalog needs the REST endpoint, e.g. http://host:8181");
        assertThat(new CatalogSpec("jdbc", "postgresql://db/iceberg", "/w",
                Map.of("jdbc.password", "${env:QUANTSTREAM_TEST_UNSET_VARIABLE}")).problems()).containsExactly(
                "catalog.uri: 'postgresql://db/iceberg' is not a JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB)",
                "catalog.properties.jdbc.password: environment variable QUANTSTREAM_TEST_UNSET_VARIABLE is not set");
        assertThatThrownBy(() -> IcebergCatalogs.open(new CatalogSpec("rest", "", "", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("catalog.uri: a rest catalog needs the REST endpoint, e.g. http://host:8181");
    }

    private static String layout(Table table) {
        String spec = table.spec().fields().stream()
                .map(f -> table.schema().findColumnName(f.sourceId()) + ":" + f.transform())
                .collect(Collectors.joining(", "));
        List<String> order = table.sortOrder().fields().stream()
                .map(f -> table.schema().findColumnName(f.sourceId())).toList();
        return spec + " | " + String.join(", ", order);
    }
}
