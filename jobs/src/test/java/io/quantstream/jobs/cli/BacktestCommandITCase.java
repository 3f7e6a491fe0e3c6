package io.quantstream.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.CommittedTopics;
import io.quantstream.jobs.FactorJob;
import io.quantstream.jobs.KlineCsvFiles;
import io.quantstream.jobs.StrategyJob;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import io.quantstream.jobs.topology.KafkaSinks;
import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.model.Fill;
import io.quantstream.model.Instrument;
import io.quantstream.model.Kline;
import io.quantstream.model.LedgerEntry;
import io.quantstream.model.Market;
import io.quantstream.model.TargetPosition;
import io.quantstream.testing.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeAll;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/quantstream backtest} as a user runs it, in-process: the seven 2026-02 USD-M 1m
 * kline files loaded with {@code load} into a fresh warehouse, then {@code config/backtest.yaml}
 * backtested over them (Flink BATCH over Iceberg, on the command's own MiniCluster), compared
 * with {@code run}, the file job, on the same files and config, and with a backtest cut at a bar
 * close mid-month; and with the live {@code StrategyJob} on a real broker, its factors from
 * {@code FactorJob} reading the file run's 1h and 4h klines from the {@code klines} topic (the
 * jobs on Kafka roll up trades, not 1m klines).
 */
class BacktestCommandITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String CONFIG = "../config/backtest.yaml";
    private static final String KLINES = "binance/vision/futures/um/monthly/klines";
    /** A 1h close mid-month, inside a 4h bar (the cut run's last 4h bar is partial). */
    private static final String CUT = "2026-02-14T07:00:00Z";
    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    @TempDir static Path work;
    private static Path warehouse;
    private static Path fileRun;
    private static Path full;
    private static String fullRunId;

    @BeforeAll
    static void loadTheKlinesThenRunTheFileJobAndTheBacktest() {
        warehouse = work.resolve("warehouse");
        fileRun = work.resolve("file-run");
        full = work.resolve("backtest");
        CliRun load = CliRun.run("load", "--input", SharedData.require(KLINES).toString(),
                "--catalog.warehouse", warehouse.toString());
        assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
        assertThat(load.out()).contains("loaded 7 files (0 skipped, 0 failed): 282,240 rows");

        CliRun run = CliRun.run("run", "--config", CONFIG, "--no-web-ui",
                "--input.dataDir", SharedData.root().toString(), "--output", fileRun.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        CliRun backtest = backtest("--output", full.toString());
        assertThat(backtest.exitCode()).as(backtest.out() + backtest.err()).isZero();
        assertThat(backtest.out()).contains("282,240 bars in ")
                .contains("every minute has its bar: the execution reads the bars at its interval's boundaries");
        fullRunId = runId(backtest);
    }

    @Test
    void targetPositionsAreTheFileRunsAndFillsSizeThemOnTheLedgersEquity() throws IOException {
        List<TargetPosition> fromFiles = read(fileRun, "target-positions", TargetPosition.class);
        List<TargetPosition> backtested = read(full, "target-positions", TargetPosition.class);
        assertThat(fromFiles).hasSize(7 * 28 * 24); // every instrument at every hour
        assertThat(canonical(backtested)).isEqualTo(canonical(fromFiles));

        // each order: the target's weight on the ledger's equity at its decision time, less the
        // 2 % cash buffer, at the decision bar's close, minus the position held
        Map<Long, BigDecimal> equity = new HashMap<>();
        read(full, "ledger", LedgerEntry.class).stream().filter(LedgerEntry::isTotal)
                .forEach(e -> equity.put(e.time, e.equity));
        Map<String, TargetPosition> targets = new HashMap<>();
        backtested.forEach(t -> targets.put(t.time + "|" + Instrument.key(t.market, t.symbol), t));
        Map<String, BigDecimal> position = new HashMap<>();
        List<Fill> fills = read(full, "fills", Fill.class);
        assertThat(fills).hasSizeGreaterThan(4000);
        assertThat(new HashSet<>(equity.values())).as("the equity moves").hasSizeGreaterThan(600);
        for (Fill fill : fills) {
            String instrument = Instrument.key(fill.market, fill.symbol);
            TargetPosition target = targets.get(fill.signalTime + "|" + instrument);
            BigDecimal wanted = BigDecimal.valueOf(target.weight).multiply(equity.get(fill.signalTime))
                    .multiply(new BigDecimal("0.98")).divide(target.price, MathContext.DECIMAL128);
            BigDecimal held = position.getOrDefault(instrument, BigDecimal.ZERO);
            assertThat(fill.orderQuantity.subtract(wanted.subtract(held)).abs())
                    .as("order of %s", fill).isLessThan(new BigDecimal("0.00000002"));
            assertThat(fill.time).as("filled at the next bar's open").isEqualTo(fill.signalTime + 1);
            position.put(instrument, held.add(fill.quantity));
        }
    }

    @Test
    void theStrategyJobOnKafkaDecidesTheBacktestsTargetPositions() throws Exception {
        // the whole month is on the topic before the jobs start, so each subtask runs through its
        // instruments at its own pace and the factors topic is far out of time order (live, the
        // bars come as they close): an out-of-orderness of the month keeps every factor in time
        JobConfig config = ConfigLoader.load(Path.of(CONFIG), List.of("--mode", "streaming",
                "--name", "backtest-parity", "--kafka.bootstrapServers", KAFKA.bootstrapServers(),
                "--flink.execution.checkpointing.interval", "500ms", "--watermark.outOfOrderness", "31d",
                "--flink.state.backend.type", "hashmap"));
        for (JobConfig.Topic topic : config.kafka.topics.all()) {
            topic.partitions = 2;
            // 2026 event times as Kafka timestamps: no retention, and no segment roll, which a
            // transaction marker (stamped today) would cause, after which the cleaner compacts
            // target-positions to the latest target per key (CI saw 7 of the 4,704 read back)
            topic.configs.put("retention.ms", "-1");
            topic.configs.put("segment.ms", "3153600000000");
            KAFKA.createTopics(topic.spec());
        }
        List<Kline> bars = new ArrayList<>();
        for (String symbol : config.universe.symbols) {
            bars.addAll(klineCsv(symbol, "1h"));
            bars.addAll(klineCsv(symbol, "4h"));
        }
        bars.sort(Comparator.comparingLong((Kline k) -> k.closeTime).thenComparing(k -> k.symbol));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(), "acks", "all", "linger.ms", 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Kline k : bars) {
                sent.add(producer.send(new ProducerRecord<>(config.kafka.topics.klines.name, null, k.closeTime,
                        JsonRecords.KLINES.key(k).getBytes(StandardCharsets.UTF_8), JsonRecords.KLINES.value(k))));
            }
            for (Future<RecordMetadata> record : sent) {
                record.get();
            }
        }
        new FactorJob(config, KafkaInput.klines(config, FactorJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(), KafkaSinks.of(config, FactorJob.NAME))
                .execute();
        // the factor job's last commit is decided; its markers may still be on their way, and
        // the strategy job's bounded read ends at the offsets a read_committed reader sees now
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), config.kafka.topics.factors.name);
        new StrategyJob(config, KafkaInput.factors(config, StrategyJob.NAME)
                .setBounded(OffsetsInitializer.latest()).build(),
                KafkaInput.control(config, StrategyJob.NAME).setBounded(OffsetsInitializer.latest()).build(),
                KafkaSinks.of(config, StrategyJob.NAME)).execute();

        Path dump = work.resolve("kafka");
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), config.kafka.topics.targetPositions.name);
        TopicDump.jsonLines(KAFKA.bootstrapServers(), config.kafka.topics.targetPositions.name, dump);
        List<TargetPosition> live = read(dump, config.kafka.topics.targetPositions.name, TargetPosition.class);
        assertThat(canonical(live)).hasSize(7 * 28 * 24)
                .isEqualTo(canonical(read(full, "target-positions", TargetPosition.class)));
    }

    @Test
    void aBacktestCutAtABarCloseHasTheFullRunsTargetsFillsAndLedgerBeforeTheCut() throws IOException {
        Path cut = work.resolve("backtest-cut");
        CliRun truncated = backtest("--to", CUT, "--output", cut.toString());
        assertThat(truncated.exitCode()).as(truncated.out() + truncated.err()).isZero();
        assertThat(truncated.out()).contains("bars from 2026-02-01T00:00:00Z to " + CUT);
        long t = Instant.parse(CUT).toEpochMilli();

        for (String kind : List.of("target-positions", "fills", "ledger")) {
            List<String> before = lines(full, kind).stream().filter(line -> time(line) < t).toList();
            assertThat(lines(cut, kind)).as(kind).hasSizeGreaterThan(100).isEqualTo(before);
        }
        // the last decisions have no bar to fill at
        assertThat(lines(cut, "dead-letters")).hasSize(7).allMatch(d -> d.contains("\"reason\":\"no-next-bar\""));
    }

    /**
     * {@code --plugin JAR}: the example plug-in's weighting {@code top_bottom(count=1)} (found in
     * the jar, which is not on this module's class path) decides the targets of a two-day
     * backtest: at every hour with scored instruments one long and one short of {@code maxWeight}
     * (0.25), the others 0.
     */
    @Test
    void aBacktestWithThePluginJarUsesItsWeighting() throws IOException {
        Path jar = ExamplePluginJar.write(work.resolve("example-plugin.jar"));
        Path dir = work.resolve("backtest-plugin");
        CliRun run = backtest("--from", "2026-02-01", "--to", "2026-02-02", "--output", dir.toString(),
                "--plugin", jar.toString(), "--strategy.weighting", "top_bottom(count=1)");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        Map<Long, List<Double>> weights = new java.util.TreeMap<>();
        for (TargetPosition t : read(dir, "target-positions", TargetPosition.class)) {
            weights.computeIfAbsent(t.time, k -> new ArrayList<>()).add(t.weight);
        }
        assertThat(weights).hasSize(2 * 24);
        List<List<Double>> traded = weights.values().stream()
                .filter(w -> w.stream().anyMatch(x -> x != 0)).toList();
        assertThat(traded).as("hours after the factors' warm-up").hasSizeGreaterThan(20);
        assertThat(traded).allSatisfy(w -> assertThat(w).hasSize(7)
                .containsOnlyOnce(0.25, -0.25).containsOnly(0.25, -0.25, 0.0));
    }

    @Test
    void theRunIsInTheTradingTablesWithItsStatistics() throws Exception {
        Catalog catalog = IcebergCatalogs.open(CatalogSpec.embedded(warehouse));
        try {
            assertThat(rows(catalog, QuantstreamTables.TARGET_POSITIONS, fullRunId))
                    .hasSize(lines(full, "target-positions").size());
            assertThat(rows(catalog, QuantstreamTables.FILLS, fullRunId)).hasSize(lines(full, "fills").size());
            assertThat(rows(catalog, QuantstreamTables.EQUITY, fullRunId)).hasSize(lines(full, "ledger").size());
            List<Record> runs = rows(catalog, QuantstreamTables.BACKTEST_RUNS, fullRunId);
            assertThat(runs).hasSize(1);
            Record run = runs.get(0);
            var stats = JSON.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(Files.readString(full.resolve("stats.json")));
            assertThat(run.getField("stats").toString()).isEqualTo(Files.readString(full.resolve("stats.json")).trim());
            assertThat((Double) run.getField("total_return")).isEqualTo(stats.get("totalReturn").asDouble());
            assertThat(((BigDecimal) run.getField("final_equity")).compareTo(stats.get("finalEquity").decimalValue())).isZero();
            assertThat(run.getField("report_path")).isEqualTo(full.toString());
            assertThat(run.getField("data_from").toString()).isEqualTo("2026-02-01T00:00Z");
            assertThat(run.getField("data_to").toString()).isEqualTo("2026-02-28T23:59:59.999Z");
        } finally {
            ((AutoCloseable) catalog).close();
        }
        assertThat(full.resolve("report.html")).isNotEmptyFile();
        assertThat(full.resolve("equity.csv")).isNotEmptyFile();
    }

    @Test
    void anInstrumentWithoutHistoryStopsTheBacktestBeforeItsJob() {
        CliRun run = backtest("--universe.symbols", "DOTUSDT,XRPUSDT", "--output", work.resolve("none").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("market.klines has no 1m bars of [USDM:XRPUSDT] from 2026-02-01 to 2026-02-28"
                + " in the jdbc catalog, warehouse " + warehouse + "; load them first: bin/quantstream load");
        assertThat(work.resolve("none")).doesNotExist();
    }

    @Test
    void aRangeThatEndsBeforeItStartsAndStreamingModeAreNamed() {
        CliRun run = backtest("--from", "2026-02-10", "--to", "2026-02-01", "--mode", "streaming");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("mode: a backtest runs in batch mode over the Iceberg tables, got 'streaming'")
                .contains("backtest.to: '2026-02-01' is not after backtest.from '2026-02-10'");
    }

    private static CliRun backtest(String... args) {
        List<String> command = new ArrayList<>(List.of("backtest", "--config", CONFIG, "--no-web-ui",
                "--catalog.warehouse", warehouse.toString()));
        command.addAll(List.of(args));
        return CliRun.run(command.toArray(String[]::new));
    }

    /** The file run's klines of one instrument and interval, as the kline CSV sink wrote them. */
    private static List<Kline> klineCsv(String symbol, String interval) throws IOException {
        Path file = fileRun.resolve(symbol + "-" + interval + ".csv");
        List<Kline> klines = KlineCsvFiles.read(file, Market.USDM, symbol, interval);
        assertThat(klines).as(file.toString()).isNotEmpty();
        return klines;
    }

    private static String runId(CliRun backtest) {
        Matcher m = Pattern.compile("^backtest (\\S+): ", Pattern.MULTILINE).matcher(backtest.out());
        assertThat(m.find()).as(backtest.out()).isTrue();
        return m.group(1);
    }

    /** Targets with their decimals as values: the file run's are as Binance prints them, the table's at its scale. */
    private static List<String> canonical(List<TargetPosition> targets) {
        return targets.stream().map(t -> t.reference + " " + Instrument.key(t.market, t.symbol) + " @" + t.time
                        + " w=" + t.weight + " q=" + t.quantity.stripTrailingZeros().toPlainString()
                        + " p=" + (t.price == null ? null : t.price.stripTrailingZeros().toPlainString())
                        + " " + t.reason)
                .sorted().toList();
    }

    /** The event time of a record line: a target's decision, a fill's, a ledger row's bar close. */
    private static long time(String line) {
        try {
            return JSON.readTree(line).get("time").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static List<String> lines(Path folder, String name) throws IOException {
        return Files.readAllLines(folder.resolve(name + ".jsonl")).stream().sorted().toList();
    }

    private static <T> List<T> read(Path folder, String name, Class<T> type) throws IOException {
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(name + ".jsonl"))) {
            records.add(JSON.readValue(line, type));
        }
        return records;
    }

    private static List<Record> rows(Catalog catalog, TableDefinition definition, String runId) throws IOException {
        Table table = catalog.loadTable(definition.identifier());
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table)
                .where(Expressions.equal("run_id", runId)).build()) {
            read.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }
}
