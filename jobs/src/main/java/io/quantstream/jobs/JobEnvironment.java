package io.quantstream.jobs;

import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.config.OwnedFlinkOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** The Flink configuration every quantstream job runs with (DESIGN.md rules 2 and 3). */
public final class JobEnvironment {

    /** Upper bound of rescaling; keyed state is split into this many key groups. */
    public static final int MAX_PARALLELISM = 128;

    /** Checkpoint interval of the jobs on Kafka unless {@code flink:} sets one. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private JobEnvironment() {}

    /**
     * Runtime mode and parallelism from the job config, Kryo disabled (state and records use
     * POJO serializers only), object reuse on (no stage keeps or mutates its input records), then
     * the config's raw {@code flink:} options on top.
     *
     * @throws IllegalArgumentException if {@code mode} is not {@code streaming}, {@code batch} or
     *     {@code automatic}
     * @throws InvalidConfigException if {@code flink:} sets an option a setting owns
     *     ({@link OwnedFlinkOptions}: the runtime mode, the parallelism, the max parallelism)
     */
    public static Configuration configuration(JobConfig config) {
        return configuration(config, new Configuration());
    }

    /**
     * {@link #configuration} of the jobs on Kafka, with their defaults under the config's
     * {@code flink:} options: checkpoints every {@link #CHECKPOINT_INTERVAL}, exactly once (the
     * Kafka sinks commit their transactions on them, so it is also the latency of committed
     * output), RocksDB state with incremental checkpoints (state larger than the heap; only
     * changed files uploaded).
     */
    public static Configuration kafkaJob(JobConfig config) {
        Configuration defaults = new Configuration();
        defaults.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        defaults.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        defaults.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        defaults.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        return configuration(config, defaults);
    }

    private static Configuration configuration(JobConfig config, Configuration defaults) {
        List<String> owned = OwnedFlinkOptions.problems(config.flink);
        if (!owned.isEmpty()) {
            throw new InvalidConfigException(owned);
        }
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode(config.mode));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism);
        conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.NAME, config.name);
        conf.addAll(defaults);
        conf.addAll(Configuration.fromMap(config.flink));
        return conf;
    }

    static RuntimeExecutionMode mode(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "streaming":
                return RuntimeExecutionMode.STREAMING;
            case "batch":
                return RuntimeExecutionMode.BATCH;
            case "automatic":
                return RuntimeExecutionMode.AUTOMATIC;
            default:
                throw new IllegalArgumentException(
                        "mode must be streaming, batch or automatic, got '" + mode + "'");
        }
    }
}
