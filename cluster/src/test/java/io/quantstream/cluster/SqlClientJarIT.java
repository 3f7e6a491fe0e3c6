package io.quantstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst gets from {@code bin/sql-client}: Flink's own SQL client runs a script of
 * {@code sql/} unchanged against a standalone cluster (the Flink home from Maven Central, Iceberg
 * in its lib/), over the Iceberg warehouse {@code bin/quantstream load} filled, and exits non-zero
 * when a statement fails. Client and cluster logs stay in {@code target/sql-client-it/}.
 */
class SqlClientJarIT {

    private static final Path LOG_DIR = Paths.get("target", "sql-client-it").toAbsolutePath();
    private static final String KLINES = "binance/vision/futures/um/monthly/klines/%s/1m/%s-1m-2026-02.csv.gz";
    private static final List<String> SYMBOLS = List.of("DOTUSDT", "FILUSDT");

    private static StandaloneCluster cluster;

    @TempDir static Path warehouse;

    @BeforeAll
    static void startClusterAndLoadKlines() throws Exception {
        cluster = StandaloneCluster.start(LOG_DIR);
        QuantstreamCommand.loadFebruaryKlines(cluster, warehouse, SYMBOLS);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.stop();
    }

    @Test
    void topMoversScriptRunsInTheSqlClientOnTheCluster() throws Exception {
        Path output = LOG_DIR.resolve("top-movers.out");
        Files.deleteIfExists(output);

        int exit = sqlClient(Paths.get(System.getProperty("quantstream.sqlDir"), "top-movers.sql"), output);

        assertThat(exit).as("bin/sql-client exit code; output in %s", output).isZero();
        // 2026-02-01 from the archive files themselves: the first 1m bar's open, the last one's close
        Map<String, Double> returns = new LinkedHashMap<>();
        for (String symbol : SYMBOLS) {
            returns.put(symbol, dayReturn(SharedData.require(KLINES.formatted(symbol, symbol)), 1769904000000L));
        }
        String best = returns.get("DOTUSDT") > returns.get("FILUSDT") ? "DOTUSDT" : "FILUSDT";
        String worst = best.equals("DOTUSDT") ? "FILUSDT" : "DOTUSDT";
        Map<String, List<String>> day = tableRows(Files.readString(output), "2026-02-01");
        assertThat(day.keySet()).containsExactlyInAnyOrder("top 1", "top 2", "bottom 1", "bottom 2");
        assertThat(day.get("top 1").get(4)).isEqualTo(best);
        assertThat(day.get("top 2").get(4)).isEqualTo(worst);
        assertThat(day.get("bottom 1").get(4)).isEqualTo(worst);
        assertThat(Double.parseDouble(day.get("top 1").get(7))).isCloseTo(returns.get(best), within(1e-12));
        assertThat(Double.parseDouble(day.get("bottom 1").get(7))).isCloseTo(returns.get(worst), within(1e-12));
        assertThat(day.get("top 1").get(9)).as("minutes").isEqualTo("1440");
    }

    @Test
    void aFailingStatementMakesTheSqlClientWrapperExitNonZero(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("bad.sql"),
                "SET 'execution.runtime-mode' = 'batch';\nSELECT nope FROM quantstream.market.klines;\nSELECT 'never';\n");
        Path output = LOG_DIR.resolve("bad.out");
        Files.deleteIfExists(output);

        int exit = sqlClient(script, output);

        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(output)).contains("[ERROR] Could not execute SQL statement")
                .contains("Column 'nope' not found in any table").doesNotContain("never");
    }

    private static int sqlClient(Path script, Path output) throws Exception {
        return cluster.run(List.of(System.getProperty("quantstream.sqlClient"), script.toString()),
                Map.of("QUANTSTREAM_WAREHOUSE", warehouse.toString()), output, 180);
    }

    /** close / open − 1 of the UTC day starting at {@code dayStart} (epoch ms) in a 1m kline file. */
    private static double dayReturn(Path klines, long dayStart) throws Exception {
        Double open = null;
        double close = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(klines)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                if (!Character.isDigit(f[0].charAt(0))) {
                    continue;
                }
                long openTime = Long.parseLong(f[0]);
                if (openTime >= dayStart && openTime < dayStart + 86_400_000L) {
                    open = open == null ? Double.parseDouble(f[1]) : open;
                    close = Double.parseDouble(f[4]);
                }
            }
        }
        return close / open - 1;
    }

    /** The tableau rows of one day, by "side rank", as their trimmed cells. */
    private static Map<String, List<String>> tableRows(String output, String day) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("| " + day) || line.startsWith("|  " + day)) {
                List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                        .stream().map(String::strip).toList();
                rows.put(cells.get(1) + " " + cells.get(2), cells);
            }
        }
        return rows;
    }
}
