package io.quantstream.jobs;

import io.quantstream.jobs.config.JobConfig;
import java.util.Locale;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;

/** The Flink configuration every quantstream job runs with (DESIGN.md rules 2 and 3). */
public final class JobEnvironment {

    /** Upper bound of rescaling; keyed state is split into this many key groups. */
    public static final int MAX_PARALLELISM = 128;

    private JobEnvironment() {}

    /**
     * Runtime mode and parallelism from the job config, Kryo disabled (state and records use
     * POJO serializers only), object reuse on (no stage keeps or mutates its input records), then
     * the config's raw {@code flink:} options on top.
     *
     * @throws IllegalArgumentException if {@code mode} is neither {@code streaming} nor {@code batch}
     */
    public static Configuration configuration(JobConfig config) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode(config.mode));
        conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism);
        conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.NAME, config.name);
        conf.addAll(Configuration.fromMap(config.flink));
        return conf;
    }

    static RuntimeExecutionMode mode(String mode) {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "streaming":
                return RuntimeExecutionMode.STREAMING;
            case "batch":
                return RuntimeExecutionMode.BATCH;
            default:
                throw new IllegalArgumentException(
                        "mode must be streaming or batch, got '" + mode + "'");
        }
    }
}
