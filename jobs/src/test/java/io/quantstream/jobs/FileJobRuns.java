package io.quantstream.jobs;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.ArchiveInput;
import io.quantstream.jobs.topology.FileSinks;
import io.quantstream.jobs.topology.MarketData;
import io.quantstream.jobs.topology.Topology;
import io.quantstream.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the file job on the test's MiniCluster and assembles its output files, as {@link FileJob#main} does. */
final class FileJobRuns {

    private FileJobRuns() {}

    static void run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        FileJob.define(env, config);
        env.execute(config.name);
        FileSinks.assemble(config.output);
    }

    /**
     * The file job in BATCH with {@link KafkaJobsITCase#stages} on the USD-M BTCUSDT and ETHUSDT
     * captures ({@link CaptureTrades#FOLDER}), into {@code out}: the records the jobs on Kafka
     * must write from the same trades. Returns {@code out}.
     */
    static Path capturesInBatch(Path out) throws Exception {
        JobConfig config = KafkaJobsITCase.stages();
        config.mode = "batch";
        config.input.dataDir = SharedData.root().toString();
        config.input.paths = List.of(CaptureTrades.FOLDER);
        config.input.market = "usdm";
        config.output = out.toString();
        run(config);
        return out;
    }

    /**
     * The file job as {@link FileJob#define} builds it, with test operators put on the input
     * streams by {@code onInput} before the stages.
     */
    static void run(JobConfig config, Consumer<MarketData> onInput) throws Exception {
        submit(config, onInput).getJobExecutionResult().get();
        FileSinks.assemble(config.output);
    }

    /** The job of {@link #run(JobConfig, Consumer)}, submitted without waiting for it to end. */
    static JobClient submit(JobConfig config, Consumer<MarketData> onInput) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobEnvironment.configuration(config));
        MarketData input = ArchiveInput.read(env, FileJob.inputFiles(config),
                config.watermark.outOfOrdernessDuration(), config.watermark.idlenessDuration());
        onInput.accept(input);
        FileSinks.attach(Topology.build(input, config), config.output, config.print);
        return env.executeAsync(config.name);
    }
}
