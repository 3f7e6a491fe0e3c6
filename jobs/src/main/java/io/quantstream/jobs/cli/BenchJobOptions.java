package io.quantstream.jobs.cli;

import io.quantstream.jobs.JobEnvironment;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Option;

/**
 * Options every benchmark of the jobs on Kafka takes ({@code bench live}, {@code bench state}),
 * {@code --json} among them; the config overrides stay the command's own ({@code @Unmatched} is
 * not read from a mixin).
 */
final class BenchJobOptions extends JsonOutput {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Job config of every run (default: config/kafka-jobs.yaml).")
    File config;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
            description = "Checkpoint interval of the jobs (default: the jobs' own, 10s).")
    String checkpointInterval;

    /** {@code --config}, else the project's {@code config/kafka-jobs.yaml}; absolute. */
    Path configFile() {
        Path file = config != null ? config.toPath()
                : DemoCommand.home().resolve("config/kafka-jobs.yaml");
        return file.toAbsolutePath().normalize();
    }

    Duration checkpointInterval() {
        return checkpointInterval == null ? JobEnvironment.CHECKPOINT_INTERVAL
                : TimeUtils.parseDuration(checkpointInterval);
    }
}
