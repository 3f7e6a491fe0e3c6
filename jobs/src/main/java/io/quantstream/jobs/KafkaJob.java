package io.quantstream.jobs;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.OutputSinks;
import io.quantstream.jobs.topology.TableOutputs;
import io.quantstream.jobs.topology.TopologyOutputs;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job on Kafka: its sources and sinks are given to its constructor ({@code main} passes the
 * configured topics, {@code KafkaInput} and {@code KafkaSinks}; a test may bound the sources),
 * {@link #define} adds its part of the {@code Topology} between them. It runs in STREAMING with
 * checkpoints, RocksDB and incremental checkpoints by default ({@link JobEnvironment#kafkaJob}).
 */
public abstract class KafkaJob {

    protected final JobConfig config;
    private final String name;

    /**
     * @param name the job's name in Kafka ids and the Flink job name, e.g. {@code market-data}
     * @throws InvalidConfigException when {@code config} cannot run a job on Kafka
     */
    protected KafkaJob(String name, JobConfig config) {
        ConfigValidator.validateKafkaJob(config);
        this.name = name;
        this.config = config;
    }

    /** Adds the job's dataflow, from its sources to its sinks, to {@code env}. */
    public abstract void define(StreamExecutionEnvironment env);

    /**
     * Writes what the job's part of the topology produced: to the Iceberg tables of
     * {@code iceberg.tables} ({@link TableOutputs}), then to {@code sinks}, dead letters included.
     */
    protected final void write(TopologyOutputs out, OutputSinks sinks) {
        TableOutputs.of(config).attach(out);
        sinks.attach(out);
    }

    /**
     * Runs the job where the context says ({@code flink run}: the cluster; a test: its
     * MiniCluster) as {@code <config name> <job name>}. Returns when the job ends: an unbounded
     * source never does, unless the job is cancelled or stopped (with {@code flink run -d}, at
     * once).
     */
    public JobExecutionResult execute() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.kafkaJob(config));
        define(env);
        return env.execute(config.name + " " + name);
    }

    /**
     * The checked config of {@code main}'s arguments ({@link ConfigLoader#fromArgs}), before any
     * Kafka client is built from it.
     *
     * @throws InvalidConfigException listing every mistake
     */
    static JobConfig config(String[] args) {
        JobConfig config = ConfigLoader.fromArgs(args);
        ConfigValidator.validateKafkaJob(config);
        return config;
    }
}
