package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.iceberg.CatalogSpec;
import io.quantstream.connectors.iceberg.ColumnTypes;
import io.quantstream.connectors.iceberg.IcebergCatalogs;
import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.testing.MiniClusters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MarketDataJob} with {@code iceberg.tables: [market.klines]} on the USD-M BTCUSDT and
 * ETHUSDT captures in Kafka {@code trades}, cancelled mid-stream and resubmitted from its latest
 * retained checkpoint, leaves {@code market.klines} (JDBC catalog on SQLite in a temp folder)
 * with exactly the klines its {@code klines} topic has, read {@code read_committed}: none
 * missing, none twice (partial roll-ups are not rows of the table). Then
 * {@link TableMaintenanceJob} compacts the table's small files: fewer data files, the same rows.
 *
 * <p>STREAMING, RocksDB, checkpoints every 200 ms retained on cancellation; the source throttled
 * as in {@link MarketDataJobRestoreITCase} so that the cancellation lands after some klines were
 * committed to the table and before all.
 */
class IcebergKlinesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TRADES = "iceberg-trades";

    @TempDir static Path work;

    private static Catalog catalog;

    @BeforeAll
    static void produceTheCaptures() throws Exception {
        KAFKA.createTopics(new TopicSpec(TRADES, 2, CaptureTrades.TOPIC_CONFIGS));
        try (CaptureTrades.Producer producer = new CaptureTrades.Producer(KAFKA.bootstrapServers(), TRADES)) {
            for (Trade trade : CaptureTrades.read()) {
                producer.send(trade);
            }
        }
        catalog = IcebergCatalogs.open(CatalogSpec.embedded(work.resolve("warehouse")));
    }

    @AfterAll
    static void closeTheCatalog() throws Exception {
        ((AutoCloseable) catalog).close();
    }

    @Test
    void restoredMidStreamTheTableHoldsTheTopicsKlinesOnceAndCompactionKeepsThem() throws Exception {
        JobConfig config = config();
        JobClient job = MarketDataJobRestoreITCase.submit(config, true);
        Path checkpoints = work.resolve("checkpoints").resolve(job.getJobID().toHexString());
        long committedAtKill = awaitCommittedKlines(job, checkpoints);
        job.cancel().get();
        MarketDataJobRestoreITCase.awaitStatus(job, JobStatus.CANCELED);
        Path latest = MarketDataJobRestoreITCase.latestCheckpoint(checkpoints)
                .orElseThrow(() -> new AssertionError("no retained checkpoint in " + checkpoints));
        config.flink.put("execution.state-recovery.path", latest.toUri().toString());
        MarketDataJobRestoreITCase.submit(config, true)
                .getJobExecutionResult().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        List<String> expected = topicKlines(config.kafka.topics.klines.name);
        List<String> rows = tableKlines();
        assertThat(rows).as("market.klines = the klines topic's whole bars, none missing, none twice")
                .hasSize(expected.size()).isEqualTo(expected);
        assertThat(rows).doesNotHaveDuplicates();
        assertThat(committedAtKill).as("rows committed before the cancellation: mid-stream")
                .isPositive().isLessThan(rows.size());
        assertThat(expected).as("1m and whole 5m bars of both instruments (the captures span 9 minutes)")
                .anyMatch(k -> k.startsWith("USDM|BTCUSDT|5m|")).anyMatch(k -> k.startsWith("USDM|ETHUSDT|1m|"));

        int filesBefore = dataFiles().size();
        assertThat(filesBefore).as("a file per partition and checkpoint").isGreaterThan(3);
        JobClient maintenance = maintain();
        awaitCompaction(maintenance);
        maintenance.cancel().get();
        MarketDataJobRestoreITCase.awaitStatus(maintenance, JobStatus.CANCELED);
        assertThat(dataFiles().size()).as("data files after compaction").isLessThan(filesBefore);
        assertThat(tableKlines()).as("the same rows after compaction").isEqualTo(rows);
    }

    /** Waits for a completed checkpoint and klines committed to the table; returns how many rows. */
    private static long awaitCommittedKlines(JobClient job, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(job.getJobStatus().get().isGloballyTerminalState())
                    .as("the job ended before it could be cancelled mid-stream").isFalse();
            Snapshot current = klines().currentSnapshot();
            if (current != null && MarketDataJobRestoreITCase.latestCheckpoint(checkpoints).isPresent()) {
                long rows = Long.parseLong(current.summary().get("total-records"));
                if (rows > 0) {
                    return rows;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no klines committed in " + TIMEOUT);
    }

    /**
     * {@link TableMaintenanceJob} on the table, triggered by any 2 new files, started without
     * waiting for it.
     */
    private static JobClient maintain() throws Exception {
        JobConfig config = new JobConfig();
        config.name = "iceberg-maintenance";
        config.parallelism = 1;
        config.iceberg.tables = List.of(QuantstreamTables.KLINES.name());
        config.catalog.warehouse = work.resolve("warehouse").toString();
        config.iceberg.maintenance.rewriteAfterFiles = 2;
        config.iceberg.maintenance.rewriteMinInputFiles = 2;
        config.iceberg.maintenance.rateLimit = "1s";
        TableMaintenanceJob job = new TableMaintenanceJob(config);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(TableMaintenanceJob.environment(config));
        job.define(env);
        return env.executeAsync(config.name);
    }

    /** Waits until the table has a compaction ({@code replace}) snapshot. */
    private static void awaitCompaction(JobClient maintenance) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(maintenance.getJobStatus().get().isGloballyTerminalState())
                    .as("the maintenance job ended").isFalse();
            for (Snapshot s : klines().snapshots()) {
                if ("replace".equals(s.operation())) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no compaction in " + TIMEOUT);
    }

    /**
     * {@link MarketDataJobRestoreITCase#restorable} reading {@link #TRADES} (1m, 5m and 15m klines),
     * writing the table {@code market.klines} in the temp warehouse too.
     */
    private static JobConfig config() {
        JobConfig config = MarketDataJobRestoreITCase.restorable(KAFKA, "iceberg-klines", TRADES, "iceberg",
                work.resolve("checkpoints"));
        config.iceberg.tables = List.of(QuantstreamTables.KLINES.name());
        config.catalog.warehouse = work.resolve("warehouse").toString();
        return config;
    }

    /** The whole bars on the topic, read {@code read_committed}, as {@link #key} lines, sorted. */
    private static List<String> topicKlines(String topic) throws Exception {
        CommittedTopics.awaitStable(KAFKA.bootstrapServers(), topic);
        Path dir = Files.createTempDirectory(work, "topic");
        TopicDump.jsonLines(KAFKA.bootstrapServers(), topic, dir);
        List<String> klines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(topic + ".jsonl"))) {
            Kline k = JsonRecords.KLINES.decode(line.getBytes(StandardCharsets.UTF_8), topic, 0).value;
            if (!k.partial) {
                klines.add(key(k.market.name(), k.symbol, k.interval, k.openTime, k.closeTime,
                        k.open, k.high, k.low, k.close, k.volume, k.quoteVolume, k.count,
                        k.takerBuyVolume, k.takerBuyQuoteVolume));
            }
        }
        klines.sort(null);
        return klines;
    }

    /** The table's rows as {@link #key} lines, sorted. */
    private static List<String> tableKlines() throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(klines()).build()) {
            for (Record r : read) {
                rows.add(key(r.getField("market"), r.getField("symbol"), r.getField("interval"),
                        millis(r, "open_time"), millis(r, "close_time"), r.getField("open"),
                        r.getField("high"), r.getField("low"), r.getField("close"), r.getField("volume"),
                        r.getField("quote_volume"), r.getField("count"), r.getField("taker_buy_volume"),
                        r.getField("taker_buy_quote_volume")));
            }
        }
        rows.sort(null);
        return rows;
    }

    /** One bar as text, decimals compared by value (the table keeps 10 decimals, JSON as printed). */
    private static String key(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (Object f : fields) {
            b.append(b.length() == 0 ? "" : "|")
                    .append(f instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : f);
        }
        return b.toString();
    }

    private static long millis(Record r, String column) {
        return ColumnTypes.epochMillis((OffsetDateTime) r.getField(column));
    }

    private static List<DataFile> dataFiles() throws Exception {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = klines().newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file()));
        }
        return files;
    }

    private static Table klines() {
        return catalog.loadTable(QuantstreamTables.KLINES.identifier());
    }
}
