package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.load.ArchiveFiles;
import io.quantstream.connectors.iceberg.load.FileResult;
import io.quantstream.connectors.iceberg.load.HistoryLoader;
import io.quantstream.connectors.iceberg.load.LoadListener;
import io.quantstream.connectors.iceberg.load.LoadReport;
import io.quantstream.jobs.backtest.BacktestPlan;
import io.quantstream.jobs.backtest.BacktestResults;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.TopologyOutputs;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.model.TradeGap;
import io.quantstream.model.TradeStats;
import io.quantstream.testing.MiniClusters;
import io.quantstream.testing.SharedData;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BacktestJob} with {@code backtest.input: trades} on a real Iceberg warehouse (JDBC
 * catalog on SQLite in a temp folder): trades that peerbench's generator made of the official
 * 2026-02 1m klines of ALGOUSDT, FILUSDT and NEARUSDT ({@code ../shared/tools/peerbench/bin/gen}),
 * and the klines it computed of them itself, both loaded with the history loader as daily
 * archive files of 2026-02-01 00:00 to 06:00. The backtest of the trades is compared with the
 * backtest of those klines (read from {@code market.klines}), and the 1m bars it makes with the
 * generator's klines. A second warehouse holds two days' files of two instruments, one with a
 * hole cut into it, loaded day 2 first: its backtest reports the holes the file job reports.
 */
class BacktestTradesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String CONFIG = "../config/backtest-trades.yaml";
    private static final String KLINES = "binance/vision/futures/um/monthly/klines";
    private static final List<String> SYMBOLS = List.of("ALGOUSDT", "FILUSDT", "NEARUSDT");
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** 2026-02-01T00:00:00Z. */
    private static final long DAY_1 = 1_769_904_000_000L;
    /** The end of the compared backtests: {@code backtest.to} of the config. */
    private static final long END = DAY_1 + 6 * HOUR;
    /** ALGOUSDT's trades cut out of the gap warehouse's day 1: 7 from the 1001st on. */
    private static final int CUT_FROM = 1000;
    private static final int CUT = 7;

    @TempDir static Path work;
    private static Path generated;
    private static Run fromTrades;
    private static Run fromKlines;

    /** A finished backtest and the 1m bars its kline stages made (none when it read klines). */
    private record Run(BacktestResults results, List<Kline> oneMinute) {}

    @BeforeAll
    static void generateLoadAndBacktestTradesAndTheirKlines() throws Exception {
        generated = generate(work.resolve("generated"));
        Path archive = work.resolve("archive");
        for (String symbol : SYMBOLS) {
            copyLines(generated.resolve(symbol + "-aggTrades-2026-02.csv"),
                    archive.resolve(tradeFile(symbol, "2026-02-01")), 5, t -> t < END, -1);
            copyLines(generated.resolve(symbol + "-1m-expected.csv"),
                    archive.resolve("futures/um/daily/klines/" + symbol + "/1m/" + symbol + "-1m-2026-02-01.csv"),
                    0, t -> t < END, -1);
        }
        Path warehouse = work.resolve("warehouse");
        assertThat(load(warehouse, archive).count(FileResult.Status.LOADED)).isEqualTo(6);

        fromTrades = backtest(warehouse, "trades", work.resolve("from-trades"), List.of());
        fromKlines = backtest(warehouse, "klines", work.resolve("from-klines"), List.of());
    }

    @Test
    void aBacktestOfTradesHasTheTargetsFillsAndEquityOfTheBacktestOfTheirKlines() {
        BacktestResults trades = fromTrades.results();
        BacktestResults klines = fromKlines.results();
        assertThat(trades.fills).hasSizeGreaterThan(20);
        assertThat(trades.ledger.stream().map(e -> e.equity).distinct().count())
                .as("the equity moves").isGreaterThan(10);

        assertThat(json(trades.targets)).isEqualTo(json(klines.targets));
        assertThat(json(trades.fills)).isEqualTo(json(klines.fills));
        assertThat(json(trades.ledger)).isEqualTo(json(klines.ledger));
        assertThat(trades.statistics().finalEquity()).isEqualTo(klines.statistics().finalEquity());
        assertThat(trades.tradeGaps).isEmpty();
        assertThat(trades.deadLetters).allMatch(d -> d.reason.equals("no-next-bar"));
    }

    @Test
    void theOneMinuteBarsItMakesOfTheTradesAreTheGeneratorsKlinesWithTradeStatistics()
            throws IOException {
        List<Kline> made = new ArrayList<>(fromTrades.oneMinute());
        made.sort(Comparator.comparing((Kline k) -> k.symbol).thenComparingLong(k -> k.openTime));
        List<Kline> expected = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            expected.addAll(KlineCsvFiles.read(generated.resolve(symbol + "-1m-expected.csv"),
                    Market.USDM, symbol, "1m").stream().filter(k -> k.openTime < END).toList());
        }
        assertThat(made).hasSize(SYMBOLS.size() * 6 * 60).hasSameSizeAs(expected);
        for (int i = 0; i < made.size(); i++) {
            Kline m = made.get(i);
            Kline e = expected.get(i);
            String bar = e.symbol + " " + Instant.ofEpochMilli(e.openTime);
            assertThat(m.symbol).as(bar).isEqualTo(e.symbol);
            assertThat(m.openTime).as(bar).isEqualTo(e.openTime);
            assertThat(m.closeTime).as(bar).isEqualTo(e.closeTime);
            assertThat(m.open).as(bar).isEqualByComparingTo(e.open);
            assertThat(m.high).as(bar).isEqualByComparingTo(e.high);
            assertThat(m.low).as(bar).isEqualByComparingTo(e.low);
            assertThat(m.close).as(bar).isEqualByComparingTo(e.close);
            assertThat(m.volume).as(bar).isEqualByComparingTo(e.volume);
            assertThat(m.quoteVolume).as(bar).isEqualByComparingTo(e.quoteVolume);
            assertThat(m.count).as(bar).isEqualTo(e.count);
            assertThat(m.takerBuyVolume).as(bar).isEqualByComparingTo(e.takerBuyVolume);
            assertThat(m.takerBuyQuoteVolume).as(bar).isEqualByComparingTo(e.takerBuyQuoteVolume);
            // buys are the taker buys Binance counts in its taker buy columns
            TradeStats s = m.tradeStats;
            assertThat(s).as(bar).isNotNull();
            assertThat(s.buyVolume).as(bar).isEqualByComparingTo(e.takerBuyVolume);
            assertThat(s.volume()).as(bar).isEqualByComparingTo(e.volume);
            assertThat(s.buyDollarVolume).as(bar).isEqualByComparingTo(e.takerBuyQuoteVolume);
            assertThat(s.dollarVolume()).as(bar).isEqualByComparingTo(e.quoteVolume);
            assertThat(s.buyCount + s.sellCount).as(bar).isEqualTo(e.count);
        }
    }

    @Test
    void holesInTheTradeIdsOfTheTableAreReportedAsTheFileJobReportsThem() throws Exception {
        // day 1 00:00-01:00 without 7 of ALGOUSDT's trades, day 2 00:00-01:00: a hole inside a
        // file, and between the days' files the trades of day 1 after 01:00
        Path archive = work.resolve("gap-archive");
        List<String> symbols = List.of("ALGOUSDT", "FILUSDT");
        for (String symbol : symbols) {
            Path trades = generated.resolve(symbol + "-aggTrades-2026-02.csv");
            copyLines(trades, archive.resolve("day2/" + tradeFile(symbol, "2026-02-02")), 5,
                    t -> t >= DAY_1 + DAY && t < DAY_1 + DAY + HOUR, -1);
            copyLines(trades, archive.resolve("day1/" + tradeFile(symbol, "2026-02-01")), 5,
                    t -> t < DAY_1 + HOUR, symbol.equals("ALGOUSDT") ? CUT_FROM : -1);
        }
        Path warehouse = work.resolve("gap-warehouse");
        // day 2 committed first: the reading order comes from the trade ids, not the commits
        assertThat(load(warehouse, archive.resolve("day2")).count(FileResult.Status.LOADED)).isEqualTo(2);
        assertThat(load(warehouse, archive.resolve("day1")).count(FileResult.Status.LOADED)).isEqualTo(2);

        Run run = backtest(warehouse, "trades", work.resolve("gap-backtest"), List.of(
                "--universe.symbols", String.join(",", symbols), "--backtest.to", "2026-02-02"));

        JobConfig fileJob = ConfigLoader.load(Path.of(CONFIG), List.of(
                "--input.dataDir", archive.toString(), "--input.paths", "day1,day2",
                "--input.market", "usdm", "--universe.symbols", String.join(",", symbols),
                "--output", work.resolve("gap-file-job").toString()));
        FileJobRuns.run(fileJob);
        List<TradeGap> fileGaps = read(work.resolve("gap-file-job/trade-gaps.jsonl"), TradeGap.class);

        long algoFirst = firstTradeId(generated.resolve("ALGOUSDT-aggTrades-2026-02.csv"));
        assertThat(run.results().tradeGaps).hasSize(3).anySatisfy(gap -> {
            assertThat(gap.symbol).isEqualTo("ALGOUSDT");
            assertThat(gap.lastTradeIdBefore).isEqualTo(algoFirst + CUT_FROM - 1);
            assertThat(gap.firstTradeIdAfter).isEqualTo(algoFirst + CUT_FROM + CUT);
            assertThat(gap.missingTrades).isEqualTo(CUT);
        }).anySatisfy(gap -> assertThat(gap.symbol).isEqualTo("FILUSDT"));
        assertThat(json(run.results().tradeGaps)).containsExactlyInAnyOrderElementsOf(json(fileGaps));
    }

    /** peerbench's generator: two days of trades of {@link #SYMBOLS} and their 1m klines. */
    private static Path generate(Path out) throws Exception {
        Path log = work.resolve("gen.log");
        Process gen = new ProcessBuilder(SharedData.peerbench().resolve("bin/gen").toString(),
                "--klines", SharedData.require(KLINES).toString(), "--symbols", String.join(",", SYMBOLS),
                "--days", "2", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // the first run builds peerbench with mvn
        assertThat(gen.waitFor(10, TimeUnit.MINUTES)).as("gen ends").isTrue();
        assertThat(gen.exitValue()).as(Files.readString(log)).isZero();
        return out;
    }

    /** {@code futures/um/daily/aggTrades/<SYMBOL>/<SYMBOL>-aggTrades-<day>.csv}. */
    private static String tradeFile(String symbol, String day) {
        return "futures/um/daily/aggTrades/" + symbol + "/" + symbol + "-aggTrades-" + day + ".csv";
    }

    /**
     * Copies the lines of {@code from} whose column {@code timeColumn} (epoch ms) is kept by
     * {@code keep}, and a header, to {@code to}, leaving out {@link #CUT} of them from the
     * {@code cutFrom}th kept one on (none when negative).
     */
    private static void copyLines(Path from, Path to, int timeColumn, LongPredicate keep, int cutFrom)
            throws IOException {
        Files.createDirectories(to.getParent());
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            int kept = 0;
            for (String line; (line = in.readLine()) != null; ) {
                String time = line.split(",", timeColumn + 2)[timeColumn];
                if (!Character.isDigit(time.charAt(0))) {
                    out.write(line);
                    out.newLine();
                } else if (keep.test(Long.parseLong(time)) && (cutFrom < 0 || kept++ < cutFrom
                        || kept > cutFrom + CUT)) {
                    out.write(line);
                    out.newLine();
                }
            }
        }
    }

    /** The first raw trade id ({@code first_trade_id}) of an aggTrades file. */
    private static long firstTradeId(Path trades) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(trades, StandardCharsets.UTF_8)) {
            return Long.parseLong(in.readLine().split(",", 5)[3]);
        }
    }

    /** The history loader on the archive files under {@code folder}. */
    private static LoadReport load(Path warehouse, Path folder) throws Exception {
        Catalog catalog = IcebergCatalogs.open(CatalogSpec.embedded(warehouse));
        try {
            LoadReport report = new HistoryLoader(catalog, new LoadListener() {})
                    .load(ArchiveFiles.discover(List.of(folder), null).files());
            assertThat(report.count(FileResult.Status.FAILED)).as(report.toString()).isZero();
            return report;
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * The backtest of {@link #CONFIG} reading {@code input}, as {@link BacktestJob#main} runs it,
     * on the test's cluster; with the 1m bars its kline stages made.
     */
    private static Run backtest(Path warehouse, String input, Path output, List<String> overrides)
            throws Exception {
        List<String> settings = new ArrayList<>(List.of("--catalog.warehouse", warehouse.toString(),
                "--backtest.input", input, "--backtest.output", output.toString()));
        settings.addAll(overrides);
        JobConfig config = ConfigLoader.load(Path.of(CONFIG), settings);
        BacktestPlan plan = BacktestPlan.prepare(config, Instant.now());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        TopologyOutputs out = BacktestJob.define(env, plan);
        List<Kline> oneMinute = new ArrayList<>();
        CloseableIterator<Kline> bars = plan.readsTrades()
                ? out.klines.filter(k -> "1m".equals(k.interval)).collectAsync() : null;
        JobClient job = env.executeAsync(config.name);
        if (bars != null) {
            try (bars) {
                bars.forEachRemaining(oneMinute::add);
            }
        }
        job.getJobExecutionResult().get();
        return new Run(BacktestResults.finish(plan, Instant.now()), oneMinute);
    }

    private static List<String> json(List<?> records) {
        List<String> lines = new ArrayList<>();
        for (Object record : records) {
            try {
                lines.add(JsonLinesSink.mapper().writeValueAsString(record));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return lines;
    }

    private static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JsonLinesSink.mapper().readValue(line, type));
        }
        return records;
    }
}
