package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.kafka.StableOffsets;
import io.quantstream.connectors.kafka.TopicDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Output topics and folders as the tests compare them: what a {@code read_committed} reader sees. */
public final class CommittedTopics {

    private CommittedTopics() {}

    /**
     * The values on {@code topic}, read {@code read_committed} once no transaction is open on it
     * ({@link #awaitStable}), sorted; dumped into {@code dir}. Fails on a value that is not JSON.
     */
    public static List<String> sortedValues(String bootstrapServers, String topic, Path dir) throws IOException {
        awaitStable(bootstrapServers, topic);
        TopicDump.Result result = TopicDump.jsonLines(bootstrapServers, topic, dir);
        assertThat(result.deadLetters()).as("undecodable records on " + topic).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(topic + ".jsonl")));
        lines.sort(null);
        return lines;
    }

    /** Waits until no transaction is open on {@code topic}, so a read sees everything committed. */
    public static void awaitStable(String bootstrapServers, String topic) {
        StableOffsets.await(bootstrapServers, topic, Duration.ofSeconds(10));
    }

    /** The names of the kline CSV files in {@code dir}, sorted. */
    public static List<String> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .sorted().toList();
        }
    }
}
