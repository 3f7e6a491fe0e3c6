package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.kafka.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics of the job config ({@code kafka.topics}), created on a real broker: names,
 * partitions and configs as configured, defaults for what the YAML does not name.
 */
class KafkaTopicsConfigITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path dir;

    @Test
    void theConfiguredTopicsAreCreatedWithTheirPartitionsAndTargetPositionsCompacted() throws Exception {
        Path yaml = Files.writeString(dir.resolve("job.yaml"), String.join("\n",
                "kafka:",
                "  topics:",
                "    trades: {partitions: 8}",
                "    deadLetters: {name: rejected, configs: {retention.ms: '86400000'}}",
                ""));
        JobConfig config = ConfigLoader.load(yaml, List.of("--kafka.topics.klines.partitions", "2"));

        List<String> created = Topics.createMissing(KAFKA.admin(),
                config.kafka.topics.all().stream().map(JobConfig.Topic::spec).collect(Collectors.toList()));

        assertThat(created).containsExactly("trades", "trade-gaps", "klines", "factors",
                "cross-sections", "target-positions", "target-deltas", "control", "control-actions",
                "rejected");
        assertThat(Topics.describe(KAFKA.admin())).containsExactlyInAnyOrder(
                new TopicSpec("trades", 8, Map.of()),
                new TopicSpec("trade-gaps", 1, Map.of()),
                new TopicSpec("klines", 2, Map.of()),
                new TopicSpec("factors", 4, Map.of()),
                new TopicSpec("cross-sections", 1, Map.of()),
                new TopicSpec("target-positions", 4, Map.of("cleanup.policy", "compact")),
                new TopicSpec("target-deltas", 4, Map.of()),
                new TopicSpec("control", 1, Map.of()),
                new TopicSpec("control-actions", 1, Map.of()),
                new TopicSpec("rejected", 1, Map.of("retention.ms", "86400000")));
        assertThat(config.kafka.bootstrapServers).isEqualTo("localhost:9092");
    }
}
