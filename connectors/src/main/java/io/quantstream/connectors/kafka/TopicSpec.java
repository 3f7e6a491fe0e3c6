package io.quantstream.connectors.kafka;

import java.util.Map;

/**
 * A topic as the configuration describes it.
 *
 * @param name topic name, e.g. {@code trades}
 * @param partitions number of partitions, at least 1
 * @param configs topic configs, e.g. {@code cleanup.policy=compact}; empty = the broker's defaults
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    /** @throws IllegalArgumentException on a blank name or fewer than 1 partition */
    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a Kafka topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        configs = Map.copyOf(configs == null ? Map.of() : configs);
    }
}
