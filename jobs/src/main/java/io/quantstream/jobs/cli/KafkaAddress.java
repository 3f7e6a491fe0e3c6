package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalBroker;
import java.io.File;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which Kafka cluster a command talks to, and the job config that names its topics: the options
 * every command on Kafka shares, mixed into it with {@code @Mixin}.
 */
final class KafkaAddress {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,…", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML job config: the cluster (kafka.bootstrapServers) and the topic names"
                    + " (kafka.topics).")
    File config;

    /** The broker of {@code kafka start}. */
    @Mixin KafkaCommand.Folder broker;

    /** The config of {@code --config} (defaults without it) with {@code overrides} on top. */
    JobConfig job(List<String> overrides) {
        return ConfigLoader.load(config == null ? null : config.toPath(), overrides);
    }

    /**
     * {@code --bootstrap-servers} when given, else the config's {@code kafka.bootstrapServers}
     * when {@code --config} is given, else the broker of {@code kafka start} in {@code --dir}
     * when it runs, else the default config's ({@code localhost:9092}).
     */
    String bootstrapServers(JobConfig job) throws IOException {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        if (config == null) {
            LocalBroker.Status local = broker.broker().status();
            if (local.state() == LocalBroker.State.RUNNING && local.bootstrapServers() != null) {
                return local.bootstrapServers();
            }
        }
        return job.kafka.bootstrapServers;
    }
}
