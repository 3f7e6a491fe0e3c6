package io.quantstream.jobs.cli;

import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.local.LocalBroker;
import java.io.File;
import java.io.IOException;

/** Which Kafka cluster a command talks to. */
final class KafkaAddress {

    private KafkaAddress() {}

    /**
     * {@code --bootstrap-servers} when given, else the config's {@code kafka.bootstrapServers}
     * when {@code --config} is given, else the broker of {@code kafka start} in {@code brokerDir}
     * when it runs, else the default config's ({@code localhost:9092}).
     */
    static String resolve(String bootstrapServers, File config, File brokerDir, JobConfig job) throws IOException {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        if (config == null) {
            LocalBroker.Status local = new LocalBroker(brokerDir.toPath()).status();
            if (local.state() == LocalBroker.State.RUNNING && local.bootstrapServers() != null) {
                return local.bootstrapServers();
            }
        }
        return job.kafka.bootstrapServers;
    }
}
