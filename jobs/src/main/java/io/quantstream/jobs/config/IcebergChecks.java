package io.quantstream.jobs.config;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.TableDefinition;
import io.quantstream.connectors.iceberg.maintenance.TableMaintenanceSpec;
import io.quantstream.connectors.iceberg.sink.TableSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Checks of the {@code iceberg:} section: table names, the catalog they live in, the maintenance
 * settings, and that the Iceberg sinks do not run with unaligned checkpoints.
 */
public final class IcebergChecks {

    /** The tables the jobs on Kafka can write, in the order of {@code iceberg.tables}' Javadoc. */
    public static final List<TableDefinition> WRITABLE = List.of(QuantstreamTables.TRADES,
            QuantstreamTables.KLINES, QuantstreamTables.FACTORS, QuantstreamTables.TARGET_POSITIONS);

    private IcebergChecks() {}

    /** The tables {@code iceberg.tables} names, or fewer after reporting names that are not writable. */
    static List<TableDefinition> tables(JobConfig config, List<String> p) {
        List<TableDefinition> tables = new ArrayList<>();
        for (String name : config.iceberg.tables) {
            TableDefinition table = WRITABLE.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
            if (table == null) {
                p.add("iceberg.tables: '" + name + "' is not a table the jobs write; tables: "
                        + String.join(", ", WRITABLE.stream().map(TableDefinition::name).toList()));
            } else if (tables.contains(table)) {
                p.add("iceberg.tables: " + name + " is listed twice");
            } else {
                tables.add(table);
            }
        }
        return tables;
    }

    /**
     * The Iceberg sinks' part of a job on Kafka: when {@code iceberg.tables} names any, their
     * names, the catalog, and no unaligned checkpoints in {@code flink:}.
     */
    static void checkSinks(JobConfig config, List<String> p) {
        if (tables(config, p).isEmpty()) {
            return;
        }
        p.addAll(config.catalog.spec().problems());
        Configuration flink = Configuration.fromMap(config.flink);
        if (flink.get(CheckpointingOptions.ENABLE_UNALIGNED)) {
            p.add("flink." + CheckpointingOptions.ENABLE_UNALIGNED.key() + ": " + TableSink.UNALIGNED_CHECKPOINTS
                    + "; use aligned checkpoints (the default) while iceberg.tables is set");
        }
    }

    /**
     * The maintenance spec of {@code iceberg.maintenance}, or null after reporting its mistakes.
     */
    static TableMaintenanceSpec maintenance(JobConfig config, List<String> p) {
        JobConfig.Maintenance m = config.iceberg.maintenance;
        String prefix = "iceberg.maintenance.";
        int before = p.size();
        Duration rewriteInterval = ConfigValidator.duration(p, prefix + "rewriteInterval", m.rewriteInterval);
        Duration expireInterval = ConfigValidator.duration(p, prefix + "expireInterval", m.expireInterval);
        Duration maxAge = ConfigValidator.duration(p, prefix + "maxSnapshotAge", m.maxSnapshotAge);
        Duration rateLimit = ConfigValidator.duration(p, prefix + "rateLimit", m.rateLimit);
        if (p.size() > before) {
            return null;
        }
        TableMaintenanceSpec spec = new TableMaintenanceSpec(m.rewriteAfterFiles, rewriteInterval,
                m.rewriteMinInputFiles, expireInterval, maxAge, m.retainLast, rateLimit);
        List<String> problems = spec.problems(prefix);
        p.addAll(problems);
        return problems.isEmpty() ? spec : null;
    }
}
