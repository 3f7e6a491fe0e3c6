package io.quantstream.jobs.bench;

import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.kafka.Topics;
import io.quantstream.jobs.config.ConfigLoader;
import io.quantstream.jobs.config.ConfigValidator;
import io.quantstream.jobs.config.JobConfig;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every run of {@code bench live} shares: the broker (address and pid), the job config
 * the runs start from, the checkpoint interval, the scratch folder and where progress goes.
 *
 * @param config YAML job config of the runs ({@code config/kafka-jobs.yaml})
 * @param overrides the user's {@code --key.path value} overrides, applied before the bench's own
 * @param jvmOptions added to the job processes' JVM options (a flight recording)
 */
record LiveBenchSetup(Path work, String bootstrapServers, long brokerPid, Path config,
        List<String> overrides, Duration checkpointInterval, List<String> jvmOptions,
        PrintWriter log) {

    /**
     * The arguments of one job run ({@code --config} and overrides): the user's overrides, then
     * the run's name (the prefix of its transactional ids and consumer group), this broker, the
     * checkpoint interval, every topic of the config renamed {@code <topicPrefix>-<name>} (each
     * run writes topics of its own), then {@code more}.
     *
     * @throws IllegalArgumentException if the config cannot be read
     */
    List<String> jobArgs(String name, String topicPrefix, List<String> more) {
        JobConfig base = ConfigLoader.load(config, overrides);
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(overrides);
        args.addAll(List.of("--name", name, "--kafka.bootstrapServers", bootstrapServers,
                "--flink.execution.checkpointing.interval", checkpointInterval.toMillis() + "ms"));
        for (Field role : JobConfig.Topics.class.getFields()) {
            if (role.getType() == JobConfig.Topic.class) {
                JobConfig.Topic topic = topic(role, base.kafka.topics);
                args.addAll(List.of("--kafka.topics." + role.getName() + ".name",
                        topicPrefix + "-" + topic.name));
            }
        }
        args.addAll(more);
        return args;
    }

    private static JobConfig.Topic topic(Field role, JobConfig.Topics topics) {
        try {
            return (JobConfig.Topic) role.get(topics);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JobConfig.Topics." + role.getName() + " is not readable", e);
        }
    }

    /**
     * The checked config of {@code args} ({@link #jobArgs}), its topics created on the broker.
     *
     * @throws IllegalArgumentException if the config is not one of a job on Kafka
     */
    JobConfig createTopics(List<String> args) {
        JobConfig job = ConfigLoader.fromArgs(args.toArray(String[]::new));
        ConfigValidator.validateKafkaJob(job);
        createTopicsOf(job.kafka.topics.all().stream().map(JobConfig.Topic::spec)
                .toArray(TopicSpec[]::new));
        return job;
    }

    /** Creates the topics the broker does not have. */
    void createTopicsOf(TopicSpec... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Topics.createMissing(admin, List.of(topics));
        }
    }

    /** This setup with other JVM options for the job processes. */
    LiveBenchSetup withJvmOptions(List<String> options) {
        return new LiveBenchSetup(work, bootstrapServers, brokerPid, config, overrides,
                checkpointInterval, options, log);
    }
}
