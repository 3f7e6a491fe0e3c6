package io.quantstream.jobs.local;

import io.quantstream.connectors.kafka.StableOffsets;
import io.quantstream.connectors.kafka.TopicDump;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.jobs.topology.FileSinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;

/**
 * The output topics of the pipeline job written as the file job writes its outputs, so that a
 * live run and a file run can be compared file by file and {@link RunSummary} reports either:
 * {@code klines} as the kline CSVs of {@link TopicDump#klines}, every other output topic as
 * {@code DIR/<output>.jsonl} under the file job's name for it ({@code target-positions.jsonl},
 * whatever the topic is called), one value per line, partition by partition in offset order.
 * Each topic is read {@code read_committed} to its end once no transaction is open on it.
 * Values that do not decode (none, from the project's own sinks) are kept in
 * {@code DIR/undecodable-<output>.jsonl}.
 */
final class TopicFiles {

    private static final Duration STABLE_TIMEOUT = Duration.ofSeconds(30);

    private TopicFiles() {}

    /** Replaces the outputs of an earlier run in {@code dir} with the topics' records. */
    static void write(String bootstrapServers, JobConfig.Topics topics, Path dir)
            throws IOException {
        Map<String, JobConfig.Topic> outputs = new LinkedHashMap<>();
        outputs.put(FileSinks.KLINES, topics.klines);
        outputs.put(FileSinks.FACTORS, topics.factors);
        outputs.put(FileSinks.CROSS_SECTIONS, topics.crossSections);
        outputs.put(FileSinks.TARGET_POSITIONS, topics.targetPositions);
        outputs.put("target-deltas", topics.targetDeltas);
        outputs.put("control-actions", topics.controlActions);
        outputs.put(FileSinks.DEAD_LETTERS, topics.deadLetters);

        LocalRun.clearOwnOutputs(dir);
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory(dir, ".topics");
        try {
            for (Map.Entry<String, JobConfig.Topic> output : outputs.entrySet()) {
                String name = output.getKey();
                String topic = output.getValue().name;
                StableOffsets.await(bootstrapServers, topic, STABLE_TIMEOUT); // the last commits' markers
                Path read = scratch.resolve(name);
                boolean klines = name.equals(FileSinks.KLINES);
                TopicDump.Result result = klines ? TopicDump.klines(bootstrapServers, topic, read)
                        : TopicDump.jsonLines(bootstrapServers, topic, read);
                Path undecodable = result.files().get(result.files().size() - 1);
                if (result.deadLetters() > 0) {
                    Files.move(undecodable, dir.resolve("undecodable-" + name + ".jsonl"),
                            StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.delete(undecodable);
                }
                if (klines) {
                    moveAll(read, dir);
                } else {
                    Files.move(read.resolve(topic + ".jsonl"), dir.resolve(name + ".jsonl"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            FileUtils.deleteDirectory(scratch.toFile());
        }
    }

    private static void moveAll(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
