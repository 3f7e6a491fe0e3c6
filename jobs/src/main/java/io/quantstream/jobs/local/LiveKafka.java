package io.quantstream.jobs.local;

import io.quantstream.connectors.kafka.KafkaBroker;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.kafka.Topics;
import io.quantstream.jobs.PipelineJob;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.KafkaInput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The broker, topics and consumer group of a live run ({@link LiveRun}), set up before its job starts. */
final class LiveKafka {

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    /** How long the configured broker may take to answer before a local one is considered. */
    private static final Duration BROKER_ANSWER = Duration.ofSeconds(10);

    private final JobConfig config;
    private final PrintStream out;

    LiveKafka(JobConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * The configured broker; when none answers there and the address is on localhost, the local
     * broker of the broker folder, started on the configured port when it does not run.
     */
    String broker(Path brokerDir) throws IOException, InterruptedException {
        String configured = config.kafka.bootstrapServers;
        if (KafkaBroker.isReachable(configured, BROKER_ANSWER)) {
            out.println("Kafka broker at " + configured);
            return configured;
        }
        Integer port = localPort(configured);
        if (port == null) {
            throw new IllegalArgumentException("no Kafka broker answers at " + configured
                    + " (kafka.bootstrapServers; a live run starts a local broker only for a localhost address)");
        }
        LocalBroker local = new LocalBroker(brokerDir);
        LocalBroker.Status status = local.status();
        if (status.state() == LocalBroker.State.RUNNING && !configured.equals(status.bootstrapServers())) {
            throw new IllegalArgumentException("no Kafka broker answers at " + configured
                    + ", and the local broker of " + local.dir() + " runs at " + status.bootstrapServers()
                    + " (give --kafka.bootstrapServers " + status.bootstrapServers() + ", or stop it)");
        }
        LocalBroker.Started started = local.start(port, 0, specs(), BROKER_START);
        KafkaBroker.awaitReachable(configured, BROKER_START);
        out.println((started.started() ? "started the local Kafka broker at " : "local Kafka broker at ")
                + configured + " (pid " + started.status().pid() + ", log " + local.logFile()
                + "; it runs on after this run: `bin/quantstream kafka stop --dir " + local.dir() + "`)");
        return configured;
    }

    /**
     * Deletes the job's consumer group, whose offsets serve monitoring and the end of a replay
     * only: a job that starts without state reads from the earliest offsets, and until it commits
     * its own, an earlier run's offsets would say it has read what it has not.
     */
    void forgetGroupOffsets() throws InterruptedException {
        String group = KafkaInput.groupId(config, PipelineJob.NAME);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.kafka.bootstrapServers))) {
            boolean exists = admin.listGroups().all().get().stream()
                    .anyMatch(listing -> listing.groupId().equals(group));
            if (exists) {
                admin.deleteConsumerGroups(List.of(group)).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot delete the offsets of consumer group " + group
                        + " left by an earlier run: " + e.getCause().getMessage(), e);
            }
        }
    }

    /**
     * A job without state reads its input from the start and writes all of its output again: on
     * topics an earlier run (whose state folder is gone) wrote to, every record would be there
     * twice. Says so, as it cannot be undone afterwards.
     */
    void warnIfWrittenBefore() {
        String topic = config.kafka.topics.klines.name;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", config.kafka.bootstrapServers), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long records = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            if (records > 0) {
                out.println("warning: topic " + topic + " holds records already (an earlier run whose state is"
                        + " gone?); this run writes its output again after them. To start over, delete the"
                        + " output topics first");
            }
        }
    }

    /** Creates the config's missing topics. */
    void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.kafka.bootstrapServers))) {
            List<String> created = Topics.createMissing(admin, specs());
            if (!created.isEmpty()) {
                out.println("created topics: " + String.join(", ", created));
            }
        }
    }

    private List<TopicSpec> specs() {
        return config.kafka.topics.all().stream().map(JobConfig.Topic::spec).toList();
    }

    /** The port of a single {@code localhost:PORT} (or {@code 127.0.0.1:PORT}) address, else null. */
    static Integer localPort(String bootstrapServers) {
        String address = bootstrapServers.trim();
        int colon = address.lastIndexOf(':');
        if (address.contains(",") || colon < 0) {
            return null;
        }
        String host = address.substring(0, colon);
        if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
            return null;
        }
        try {
            return Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
