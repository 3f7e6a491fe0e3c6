package io.quantstream.jobs;

import io.quantstream.connectors.binance.InputFile;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.InvalidConfigException;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.ArchiveInput;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.TopologyOutputs;
import io.quantstream.jobs.topology.Topology;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The file job: Binance files (websocket captures, archive trades or klines) in; klines, factors,
 * cross-sections and target positions out, as files in the configured output folder. The shared
 * stages ({@link Topology}) in STREAMING or BATCH.
 *
 * <pre>{@code flink run -c io.quantstream.jobs.FileJob jobs/target/quantstream-jobs.jar \
 *     --config config/demo.yaml [--key.path value ...]}</pre>
 */
public final class FileJob {

    private FileJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = ConfigLoader.fromArgs(args);
        List<InputFile> files = inputFiles(config); // before Flink sees any setting
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        define(env, config, files);
        JobExecutionResult result = env.execute(config.name);
        // attached (the default): the job has ended and committed its last parts; detached
        // (flink run -d): it still runs, and its committed parts are the output
        if (result.isJobExecutionResult()) {
            FileSinks.assemble(config.output);
        }
    }

    /**
     * Adds the file job to {@code env}: sources for every input file, the stages, file sinks.
     *
     * @throws InvalidConfigException when the configuration or its inputs are mistaken
     */
    public static void define(StreamExecutionEnvironment env, JobConfig config) {
        define(env, config, inputFiles(config));
    }

    /** Adds the file job over {@code files}, the result of {@link #inputFiles}, to {@code env}. */
    public static void define(StreamExecutionEnvironment env, JobConfig config,
            List<InputFile> files) {
        MarketData input = ArchiveInput.read(env, files,
                config.watermark.outOfOrdernessDuration(), config.watermark.idlenessDuration());
        TopologyOutputs outputs = Topology.build(input, config);
        FileSinks.attach(outputs, config.output, config.print);
    }

    /**
     * The input files the configuration names, discovered under files or folders, once the
     * configuration has been checked against them ({@link ConfigValidator}).
     *
     * @throws InvalidConfigException naming every mistake: a path that does not exist, inputs
     *     without Binance data files, a setting the job cannot run with
     */
    public static List<InputFile> inputFiles(JobConfig config) {
        return ConfigValidator.validate(config);
    }
}
