package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.connectors.iceberg.maintenance.TableMaintenanceSpec;
import io.quantstream.jobs.MarketDataJob;
import io.quantstream.jobs.TableMaintenanceJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code iceberg:} section as the jobs on Kafka and {@code TableMaintenanceJob} read it: the
 * tables, the maintenance settings, and no Iceberg sink with unaligned checkpoints.
 */
class IcebergConfigTest {

    @TempDir Path dir;

    @Test
    void unalignedCheckpointsWithIcebergTablesAreRefusedWithTheReason() throws IOException {
        JobConfig config = load(String.join("\n",
                "iceberg: {tables: [market.klines]}",
                "flink: {execution.checkpointing.unaligned.enabled: 'true'}", ""));

        assertThatThrownBy(() -> new MarketDataJob(config, null, null))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly("flink.execution.checkpointing.unaligned.enabled: Iceberg sinks"
                                + " must not run with unaligned checkpoints"
                                + " (execution.checkpointing.unaligned.enabled): Iceberg's committer then"
                                + " loses rows written after a checkpoint barrier (apache/iceberg#15846);"
                                + " use aligned checkpoints (the default) while iceberg.tables is set"));
    }

    @Test
    void theDeprecatedUnalignedKeyIsRefusedTooButUnalignedWithoutTablesIsNoConcernOfIceberg() throws IOException {
        JobConfig withTables = load(String.join("\n",
                "iceberg: {tables: [trading.target_positions]}",
                "flink: {execution.checkpointing.unaligned: 'true'}", ""));
        JobConfig withoutTables = load("flink: {execution.checkpointing.unaligned.enabled: 'true'}\n");

        assertThatThrownBy(() -> ConfigValidator.validateKafkaJob(withTables))
                .hasMessageContaining("apache/iceberg#15846");
        ConfigValidator.validateKafkaJob(withoutTables);
    }

    @Test
    void tablesTheJobsDoNotWriteAndTablesListedTwiceAreNamed() throws IOException {
        JobConfig config = load(
                "iceberg: {tables: [market.klines, market.funding_rates, klines, market.klines]}\n");

        assertThatThrownBy(() -> ConfigValidator.validateKafkaJob(config))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "iceberg.tables: 'market.funding_rates' is not a table the jobs write;"
                                        + " tables: market.trades, market.klines, research.factors,"
                                        + " trading.target_positions",
                                "iceberg.tables: 'klines' is not a table the jobs write; tables:"
                                        + " market.trades, market.klines, research.factors,"
                                        + " trading.target_positions",
                                "iceberg.tables: market.klines is listed twice"));
    }

    @Test
    void theMaintenanceSectionBecomesTheSpecWithItsDefaults() throws IOException {
        JobConfig config = load("iceberg: {tables: [market.klines], maintenance: {rewriteAfterFiles: 20}}\n",
                "--iceberg.maintenance.maxSnapshotAge", "2d");

        TableMaintenanceSpec spec = ConfigValidator.validateMaintenance(config);

        assertThat(spec).isEqualTo(new TableMaintenanceSpec(20, Duration.ofHours(1), 5,
                Duration.ofHours(1), Duration.ofDays(2), 100, Duration.ofMinutes(1)));
        assertThat(new JobConfig.Maintenance()).usingRecursiveComparison()
                .as("the config's defaults are the spec's").isEqualTo(toConfig(TableMaintenanceSpec.DEFAULTS));
    }

    @Test
    void maintenanceWithoutTablesOrWithASnapshotAgeARestoredWriterCannotLiveWithIsRefused() throws IOException {
        JobConfig none = load("catalog: {warehouse: " + dir.resolve("w") + "}\n");
        JobConfig young = load(String.join("\n",
                "iceberg:",
                "  tables: [market.klines]",
                "  maintenance: {maxSnapshotAge: 10min, rewriteMinInputFiles: 1, rateLimit: soon}", ""));

        assertThatThrownBy(() -> new TableMaintenanceJob(none)).hasMessage(
                "iceberg.tables: no table to maintain, e.g. iceberg: {tables: [market.klines]}");
        assertThatThrownBy(() -> new TableMaintenanceJob(young))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "iceberg.maintenance.rateLimit: 'soon' is not a duration; write a number"
                                        + " and a unit, e.g. 500ms, 30s, 5min, 1h"));
        young.iceberg.maintenance.rateLimit = "1min";
        assertThatThrownBy(() -> new TableMaintenanceJob(young))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "iceberg.maintenance.rewriteMinInputFiles: must be at least 2 (one file"
                                        + " is not compacted), got 1",
                                "iceberg.maintenance.maxSnapshotAge: must be at least 1h (a restored"
                                        + " Flink writer needs the snapshot it committed last), got PT10M"));
    }

    private static JobConfig.Maintenance toConfig(TableMaintenanceSpec spec) {
        JobConfig.Maintenance m = new JobConfig.Maintenance();
        m.rewriteAfterFiles = spec.rewriteAfterFiles();
        m.rewriteInterval = spec.rewriteInterval().toHours() + "h";
        m.rewriteMinInputFiles = spec.rewriteMinInputFiles();
        m.expireInterval = spec.expireInterval().toHours() + "h";
        m.maxSnapshotAge = spec.maxSnapshotAge().toDays() + "d";
        m.retainLast = spec.retainLast();
        m.rateLimit = spec.rateLimit().toMinutes() + "min";
        return m;
    }

    private JobConfig load(String yaml, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return ConfigLoader.load(file, List.of(overrides));
    }
}
