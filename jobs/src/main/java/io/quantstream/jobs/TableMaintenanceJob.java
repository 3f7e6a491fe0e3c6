package io.quantstream.jobs;

import io.quantstream.connectors.iceberg.QuantstreamTables;
import io.quantstream.connectors.iceberg.maintenance.TableMaintenanceSpec;
import io.quantstream.connectors.iceberg.maintenance.TableMaintenanceTasks;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Keeps the tables the jobs on Kafka write ({@code iceberg.tables}) compacted and their old
 * snapshots expired, with Iceberg's Flink {@code TableMaintenance} ({@link TableMaintenanceTasks},
 * settings {@code iceberg.maintenance}, defaults and reasons in {@link TableMaintenanceSpec}).
 * It watches each table's new snapshots and runs until cancelled.
 *
 * <pre>{@code flink run -c io.quantstream.jobs.TableMaintenanceJob jobs/target/quantstream-jobs.jar \
 *     --config config/kafka-jobs.yaml}</pre>
 *
 * <p>A job of its own: Iceberg's maintenance operators pass their records as generic (Kryo)
 * types, which the jobs with quantstream state refuse ({@code pipeline.generic-types: false});
 * this job holds no quantstream state, only Iceberg's triggers and locks. Run one per table set:
 * its lock is not shared with other maintenance jobs.
 */
public final class TableMaintenanceJob {

    /** The Flink job name's suffix. */
    public static final String NAME = "table-maintenance";

    private final JobConfig config;
    private final TableMaintenanceSpec spec;

    /** @throws InvalidConfigException when {@code config} has no table to maintain or a bad setting */
    public TableMaintenanceJob(JobConfig config) {
        this.spec = ConfigValidator.validateMaintenance(config);
        this.config = config;
    }

    /** Adds the maintenance of every table of {@code iceberg.tables} to {@code env}. */
    public void define(StreamExecutionEnvironment env) {
        for (String table : config.iceberg.tables) {
            TableMaintenanceTasks.add(env, config.catalog.spec(), QuantstreamTables.named(table), spec);
        }
    }

    /**
     * The jobs on Kafka's environment ({@link JobEnvironment#kafkaJob}: checkpoints, RocksDB)
     * with generic types allowed, for Iceberg's own records.
     */
    public static Configuration environment(JobConfig config) {
        Configuration conf = JobEnvironment.kafkaJob(config);
        conf.set(PipelineOptions.GENERIC_TYPES, true);
        return conf;
    }

    /** Runs until cancelled. */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(environment(config));
        define(env);
        return env.execute(config.name + " " + NAME);
    }

    public static void main(String[] args) throws Exception {
        new TableMaintenanceJob(ConfigLoader.fromArgs(args)).execute();
    }
}
