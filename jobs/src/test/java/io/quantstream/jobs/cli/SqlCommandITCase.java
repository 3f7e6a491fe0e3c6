package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream sql}: the analyses of {@code sql/} on inputs small enough to work out by
 * hand (written by the SQL client's statement sets and plain INSERTs into a temp warehouse), a
 * failing statement, and the CSV format.
 */
class SqlCommandITCase {

    @Test
    void analysesOfHandCheckedInputsGiveTheHandComputedResults(@TempDir Path warehouse) {
        CliRun run = CliRun.run("sql", CliRun.HOME.resolve("jobs/src/test/resources/sql/hand-checked-inputs.sql").toString(),
                CliRun.sql("klines-from-trades.sql"), CliRun.sql("factor-ic.sql"), CliRun.sql("pnl-attribution.sql"),
                "--format", "csv", "--catalog.warehouse", warehouse.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<List<String>> results = List.of(run.out().strip().split("\n\n")).stream()
                .map(block -> List.of(block.split("\n"))).toList();
        assertThat(results).hasSize(3);

        // minute 00:00: open = agg 12 (earliest time, highest id), close = agg 11 (latest time,
        // after agg 10 at the same ms); quote volume = 0.12345678 × 1234.56789012
        // (152.4157764056090136) + 0.12345679 × 0.00000003 (0.0000000037037037)
        // + 0.1234 × 99999.99999999 (12339.9999999987660000), every digit; taker buys: aggs 10, 12
        assertThat(results.get(0)).containsExactly(
                "market,symbol,open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                        + "taker_buy_volume,taker_buy_quote_volume",
                "USDM,TESTUSDT,1767225600000,0.1234000000,0.1234567900,0.1234000000,0.1234567900,"
                        + "101234.5678901400,1767225659999,12492.4157764080787173,6,101234.5678901100,"
                        + "12492.4157764043750136",
                "USDM,TESTUSDT,1767225660000,0.5000000000,0.5000000000,0.5000000000,0.5000000000,"
                        + "2.0000000000,1767225719999,1.0000000000000000,1,0.0000000000,0.0000000000000000");

        // bar 1: factor ranks 1,2,3,4, next returns +1 %, +3 %, +2 %, +4 %: ranks 1,3,2,4,
        // Spearman 1 - 6 × 2 / (4 × 15) = 0.8. Bar 2: factor 1,1,2,3 (average ranks 1.5,1.5,3,4),
        // returns -1 %, 0 %, +2 %, -0.5 %: ranks 1,3,4,2; Pearson of the ranks = 1 / √22.5.
        // V (NaN) is left out: 4 instruments. Day: mean and sample standard deviation of the two.
        assertThat(results.get(1).get(0)).isEqualTo("run_id,factor,interval,day,bars,instruments,ic,ic_stddev");
        String[] ic = results.get(1).get(1).split(",");
        assertThat(ic).hasSize(8);
        assertThat(List.of(ic).subList(0, 6)).containsExactly("", "mom", "1h", "2026-01-01", "2", "4.0");
        double bar2 = 1 / Math.sqrt(22.5);
        assertThat(Double.parseDouble(ic[6])).isCloseTo((0.8 + bar2) / 2, within(1e-12));
        assertThat(Double.parseDouble(ic[7])).isCloseTo((0.8 - bar2) / Math.sqrt(2), within(1e-12));

        // AUSDT's last ledger row: 10 - 2 - 1 + 0.5 = 7.5; BUSDT: -3 + 1 - 0.5 - 0.5 = -3; shares
        // of 4.5; AUSDT fills: rebalance 100 and cut -50 (the skipped order is none)
        assertThat(results.get(2)).containsExactly(
                "run_id,reference,market,symbol,realized_pnl,unrealized_pnl,fees,funding,net_pnl,"
                        + "share_of_net,fills,traded_notional,final_position,last_time",
                "r1,s1,USDM,AUSDT,10.0000000000,-2.0000000000,1.0000000000,0.5000000000,7.5000000000,"
                        + "1.6666666666666667,2,150.0000000000,2.0000000000,2026-01-01 01:59:59.999",
                "r1,s1,USDM,BUSDT,-3.0000000000,1.0000000000,0.5000000000,-0.5000000000,-3.0000000000,"
                        + "-0.6666666666666666,1,20.0000000000,-1.0000000000,2026-01-01 01:59:59.999");
    }

    /**
     * Before: a streaming GROUP BY printed each change as a row, without its kind. The 1m klines of
     * hand-checked-inputs.sql: V, W, X, Y, Z three bars each, closes V 100.00 ×3, W 100.00,
     * 101.00, 99.99, X 100.00, 103.00, 103.00, Y 100.00, 102.00, 104.04, Z 100.00, 104.00,
     * 103.48; so a count and highest close per symbol is 5 rows, reached by 5 inserts and 10
     * updates (each one -U then +U).
     */
    @Test
    void aStreamingGroupByPrintsItsFinalTableAndInChangelogModeEveryChangeWithItsKind(@TempDir Path warehouse) {
        CliRun load = CliRun.run("sql", CliRun.HOME.resolve("jobs/src/test/resources/sql/hand-checked-inputs.sql").toString(),
                "--catalog.warehouse", warehouse.toString());
        assertThat(load.exitCode()).as(load.err()).isZero();
        String query = "SELECT symbol, COUNT(*) AS bars, CAST(MAX(`close`) AS DECIMAL(10, 2)) AS high"
                + " FROM quantstream.market.klines WHERE `interval` = '1m' GROUP BY symbol;";

        CliRun run = CliRun.run("sql", "--format", "csv", "--catalog.warehouse", warehouse.toString(), "-e",
                "SET 'execution.runtime-mode' = 'streaming'; " + query
                        + " SET 'sql-client.execution.result-mode' = 'changelog'; " + query);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<List<String>> results = List.of(run.out().strip().split("\n\n")).stream()
                .map(block -> List.of(block.split("\n"))).toList();
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get(0)).isEqualTo("symbol,bars,high");
        assertThat(results.get(0).subList(1, results.get(0).size())).containsExactlyInAnyOrder(
                "V,3,100.00", "W,3,101.00", "X,3,103.00", "Y,3,104.04", "Z,3,104.00");

        List<String> changes = results.get(1);
        assertThat(changes.get(0)).isEqualTo("op,symbol,bars,high");
        assertThat(changes).hasSize(1 + 25);
        for (String symbol : List.of("V", "W", "X", "Y", "Z")) {
            List<String> ofSymbol = changes.stream().filter(c -> c.startsWith(symbol, 3)).toList();
            assertThat(ofSymbol).extracting(c -> c.substring(0, 2) + c.charAt(c.indexOf(',', 3) + 1))
                    .as(symbol).containsExactly("+I1", "-U1", "+U2", "-U2", "+U3");
            assertThat(ofSymbol.get(4)).isEqualTo("+U," + results.get(0).stream()
                    .filter(r -> r.startsWith(symbol + ",")).findFirst().orElseThrow());
        }
    }

    @Test
    void anUnknownResultModeIsAnErrorNamingTheModesAsAnOptionAndAsASetting() {
        CliRun option = CliRun.run("sql", "--no-init", "--result-mode", "tables", "-e", "SELECT 1 AS x");
        CliRun set = CliRun.run("sql", "--no-init", "-e", "SET 'sql-client.execution.result-mode' = 'diff'; SELECT 1 AS x");

        assertThat(option.exitCode()).isEqualTo(1);
        assertThat(option.err()).contains("error: --result-mode: unknown result mode 'tables'"
                + " (expected table, changelog or tableau)");
        assertThat(set.exitCode()).isEqualTo(1);
        assertThat(set.err()).contains("error: -e:1:1: SET 'sql-client.execution.result-mode' = 'diff':"
                + " sql-client.execution.result-mode: unknown result mode 'diff'");
        assertThat(option.out() + set.out()).isEmpty();
    }

    @Test
    void aFailingStatementStopsTheRunWithItsPositionAndFlinksMessage(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("bad.sql"), String.join("\n",
                "-- a good statement, then a bad one on line 4 (column 3), then one that must not run",
                "SELECT 'first' AS word;",
                "",
                "  SELECT nope",
                "  FROM (VALUES (1)) AS t(x);",
                "SELECT 'never' AS word;",
                ""));

        CliRun run = CliRun.run("sql", "--no-init", script.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + script + ":4:3: SELECT nope …: SQL validation failed."
                + " From line 1, column 8 to line 1, column 11: Column 'nope' not found in any table");
        assertThat(run.out()).contains("first").doesNotContain("never");
    }

    /** Before: the catalog made an empty warehouse there, and the count printed 0, exit code 0. */
    @Test
    void aWarehouseThatDoesNotExistIsAnErrorNamingItNotAnEmptyResult(@TempDir Path dir) {
        Path missing = dir.resolve("no-warehouse");

        CliRun run = CliRun.run("sql", "-e", "SELECT COUNT(*) AS bars FROM quantstream.market.klines",
                "--catalog.warehouse", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: no warehouse at " + missing + " (catalog.warehouse):"
                + " load history into it first (bin/quantstream load --catalog.warehouse " + missing);
        assertThat(run.out()).isEmpty();
        assertThat(missing).as("no warehouse made").doesNotExist();
    }

    /**
     * Before: a PrintWriter keeps write errors to itself, so a streaming query on a source that
     * does not end printed into a closed output until the process was killed.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFailingOutputStopsAQueryThatDoesNotEndWithAnErrorAndNoReaderLeft() {
        // as QuantstreamCli.main writes to a closed stdout: a PrintStream that swallows the
        // IOException and only sets its error flag, under the command's PrintWriter
        PrintWriter closedPipe = new PrintWriter(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }), true);

        CliRun run = CliRun.run(closedPipe, "sql", "--no-init", "--refresh", "0.2", "-e",
                "SET 'execution.runtime-mode' = 'streaming';"
                        + " CREATE TEMPORARY TABLE ticks (n BIGINT) WITH ('connector' = 'datagen',"
                        + " 'rows-per-second' = '5'); SELECT n FROM ticks");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: -e:1:", "SELECT n FROM ticks",
                "cannot write the result: the output failed");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("sql-result-reader"); // QueryPrinter's reader of a result that does not end
    }

    @Test
    void csvFormatHasAHeaderAndQuotesOnlyWhatNeedsIt() {
        CliRun run = CliRun.run("sql", "--no-init", "--format", "csv", "-e",
                "SET 'execution.runtime-mode' = 'batch'; SELECT * FROM (VALUES (1, 'a,b', CAST(1.50 AS DECIMAL(10, 2))), (2, 'say \"hi\"', CAST(NULL AS DECIMAL(10, 2))))"
                        + " AS t(id, label, price) ORDER BY id; SELECT 'x;y' AS `semi;colon`");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "id,label,price", "1,\"a,b\",1.50", "2,\"say \"\"hi\"\"\",", "", "semi;colon", "x;y", ""));
    }

    @Test
    void theRuntimeModeCanChangeOnlyBeforeTheSessionStarts() {
        CliRun run = CliRun.run("sql", "--no-init", "-e", "SET 'execution.runtime-mode' = 'batch';"
                + " SELECT 1 AS x; RESET; SET 'execution.runtime-mode' = 'batch'; SELECT 2 AS y;"
                + "\nSET 'execution.runtime-mode' = 'streaming'; SELECT 3 AS z");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: -e:2:1: SET 'execution.runtime-mode' = 'streaming':"
                + " execution.runtime-mode can change only before the session's first statement that"
                + " is not a SET");
        assertThat(run.out()).contains("| y |").doesNotContain("| z |");
    }
}
