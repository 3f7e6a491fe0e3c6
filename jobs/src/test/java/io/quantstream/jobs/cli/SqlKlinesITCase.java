package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.jobs.bench.KlineVerifier;
import io.quantstream.testing.SharedData;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 1m klines {@code sql/klines-from-trades.sql} recomputes with a {@code TUMBLE} window from
 * {@code market.trades} equal the kline operator's, on a real day of trades: the COIN-M
 * BTCUSD_PERP aggTrades archive file of 2026-05-08 (105,280 aggTrades), loaded with
 * {@code bin/quantstream load}, and the same file through {@code bin/quantstream klines}.
 */
class SqlKlinesITCase {

    private static final String DAY =
            "binance/vision/futures/cm/daily/aggTrades/BTCUSD_PERP/BTCUSD_PERP-aggTrades-2026-05-08.zip";

    /**
     * Every field SQL computes exactly, for every minute with trades: open, high, low, close,
     * volume (contracts), count and taker buy volume, and the times. The COIN-M quote volumes
     * are base asset volumes (contract size / price), which the script leaves NULL.
     */
    private static final List<String> FIELDS = List.of("open_time", "open", "high", "low", "close",
            "volume", "close_time", "count", "taker_buy_volume");

    @Test
    void tumbleKlinesOfLoadedTradesEqualTheOperatorsKlines(@TempDir Path dir) throws Exception {
        Path trades = SharedData.require(DAY);
        String warehouse = dir.resolve("warehouse").toString();
        CliRun load = CliRun.run("load", "--input", trades.toString(), "--catalog.warehouse", warehouse);
        assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
        CliRun klines = CliRun.run("klines", "--input", trades.toString(), "--mode", "batch",
                "--output", dir.resolve("klines").toString(), "--no-web-ui");
        assertThat(klines.exitCode()).as(klines.err()).isZero();

        CliRun sql = CliRun.run("sql", CliRun.sql("klines-from-trades.sql"), "--format", "csv",
                "--catalog.warehouse", warehouse);

        assertThat(sql.exitCode()).as(sql.err()).isZero();
        Map<Long, Map<String, String>> fromSql = csvRows(sql.out());
        Map<Long, String[]> fromOperator = new TreeMap<>(
                KlineVerifier.rows(dir.resolve("klines/BTCUSD_PERP-1m.csv")));
        fromOperator.values().removeIf(row -> row[8].equals("0")); // minutes without trades
        assertThat(fromOperator).hasSizeGreaterThan(1400);
        assertThat(fromSql.keySet()).containsExactlyElementsOf(fromOperator.keySet());
        int[] column = FIELDS.stream().mapToInt(f -> List.of(KlineVerifier.FIELDS).indexOf(f)).toArray();
        fromOperator.forEach((open, operator) -> {
            Map<String, String> row = fromSql.get(open);
            assertThat(row.get("market") + ":" + row.get("symbol")).isEqualTo("COINM:BTCUSD_PERP");
            for (int i = 0; i < FIELDS.size(); i++) {
                assertThat(new BigDecimal(row.get(FIELDS.get(i))))
                        .as("minute %d %s", open, FIELDS.get(i))
                        .isEqualByComparingTo(operator[column[i]]);
            }
            assertThat(row.get("quote_volume") + row.get("taker_buy_quote_volume")).isEmpty();
        });
    }

    /** CSV rows by open time, each by column name. */
    private static Map<Long, Map<String, String>> csvRows(String csv) {
        String[] lines = csv.strip().split("\n");
        String[] header = lines[0].split(",", -1);
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.put(Long.parseLong(row.get("open_time")), row);
        }
        return rows;
    }
}
