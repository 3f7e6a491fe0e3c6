package io.quantstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kafka} section of a job on Kafka: every mistake named by its setting. */
class KafkaConfigValidationTest {

    @TempDir Path dir;

    @Test
    void theDefaultTopicsAreValid() throws IOException {
        ConfigValidator.validateKafkaJob(load(""));
    }

    @Test
    void twoRolesOnOneTopicABlankNameAndNoPartitionsAreEachNamedByTheirRole() throws IOException {
        JobConfig config = load(String.join("\n",
                "kafka:",
                "  topics:",
                "    klines: {name: trades}",
                "    deadLetters: {name: trades}",
                "    factors: {name: ' '}",
                "    control: {partitions: 0}",
                ""));

        assertThatThrownBy(() -> ConfigValidator.validateKafkaJob(config))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                "kafka.topics.klines.name: 'trades' is the topic of"
                                        + " kafka.topics.trades too; each role needs its own topic",
                                "kafka.topics.factors.name: no topic name given",
                                "kafka.topics.control.partitions: 0 is not at least 1",
                                "kafka.topics.deadLetters.name: 'trades' is the topic of"
                                        + " kafka.topics.trades too; each role needs its own"
                                        + " topic"));
    }

    @Test
    void renamedTopicsThatStayDistinctAreValid() throws IOException {
        JobConfig config = load("", "--kafka.topics.trades.name", "prod.trades",
                "--kafka.topics.klines.name", "prod.klines");

        ConfigValidator.validateKafkaJob(config);
        assertThat(config.kafka.topics.byRole().get("klines").name).isEqualTo("prod.klines");
    }

    private JobConfig load(String yaml, String... overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("job.yaml"), yaml);
        return ConfigLoader.load(file, List.of(overrides));
    }
}
