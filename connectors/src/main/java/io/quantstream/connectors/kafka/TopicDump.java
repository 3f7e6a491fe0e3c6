package io.quantstream.connectors.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantstream.connectors.file.JsonLinesSink;
import io.quantstream.connectors.file.KlineCsv;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Kline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes what a topic holds to files: every partition read {@code read_committed} from its
 * beginning to its end offsets at the time of the call (records committed later are not read).
 *
 * <ul>
 *   <li>{@link #klines}: Binance kline CSVs as the {@code klines} command writes them
 *       ({@link KlineCsv}: header, one file per instrument and interval, rows in
 *       {@code open_time} order; a kline on the topic twice is in its file twice): one market
 *       {@code DIR/<SYMBOL>-<interval>.csv}, several {@code DIR/<market>/<SYMBOL>-<interval>.csv};
 *   <li>{@link #jsonLines}: {@code DIR/<topic>.jsonl}, one value per line as it is on the topic,
 *       partition by partition in offset order. Tombstones (no value) are counted, not written.
 * </ul>
 *
 * Values that do not decode go to {@code DIR/dead-letters.jsonl} with the reason and their
 * origin {@code kafka:<topic>/<partition>@<offset>} (to {@code DIR/dead-letters-undecodable.jsonl}
 * when that is the dump of a topic named {@code dead-letters}); the file is always written, last
 * in {@link Result#files}.
 */
public final class TopicDump {

    /** What was read and written. */
    public record Result(long records, long deadLetters, long tombstones, int partitions, List<Path> files) {}

    /** How long a partition may return nothing before its end offset is reached. */
    private static final Duration STALL = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = JsonLinesSink.mapper();

    private TopicDump() {}

    /**
     * @throws IllegalArgumentException if the topic does not exist
     * @throws IllegalStateException if the broker stops returning records before the end
     */
    public static Result klines(String bootstrapServers, String topic, Path dir) throws IOException {
        List<Kline> klines = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        long[] records = {0};
        int partitions = read(bootstrapServers, topic, r -> {
            records[0]++;
            Decoded<Kline> d = JsonRecords.KLINES.decode(r.value(), JsonRecords.origin(r), r.timestamp());
            if (d.value != null) {
                klines.add(d.value);
            } else {
                deadLetters.add(d.deadLetter);
            }
        });
        // spot and USD-M BTCUSDT are two instruments: in market folders as the file job writes them
        boolean severalMarkets = klines.stream().map(k -> k.market).filter(Objects::nonNull).distinct().count() > 1;
        Map<String, List<Kline>> files = new TreeMap<>();
        for (Kline k : klines) {
            String name = severalMarkets && k.market != null ? KlineCsv.marketPath(k) : KlineCsv.fileName(k);
            files.computeIfAbsent(name, f -> new ArrayList<>()).add(k);
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<Kline>> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            file.getValue().sort(Comparator.comparingLong(k -> k.openTime));
            try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                out.write(KlineCsv.HEADER);
                out.newLine();
                for (Kline k : file.getValue()) {
                    out.write(KlineCsv.row(k));
                    out.newLine();
                }
            }
            written.add(path);
        }
        written.add(writeDeadLetters(dir, deadLetters, null));
        return new Result(records[0], deadLetters.size(), 0, partitions, written);
    }

    /**
     * @throws IllegalArgumentException if the topic does not exist
     * @throws IllegalStateException if the broker stops returning records before the end
     */
    public static Result jsonLines(String bootstrapServers, String topic, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(topic + ".jsonl");
        List<DeadLetter> deadLetters = new ArrayList<>();
        long[] counts = {0, 0};
        int partitions;
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            partitions = read(bootstrapServers, topic, r -> {
                counts[0]++;
                if (r.value() == null) {
                    counts[1]++;
                    return;
                }
                String text = new String(r.value(), StandardCharsets.UTF_8);
                try {
                    if (!JSON.readTree(text).isObject()) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    // line breaks in valid JSON are whitespace between tokens: one record, one line
                    out.write(text.replace('\r', ' ').replace('\n', ' '));
                    out.newLine();
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    String detail = e instanceof JsonProcessingException
                            ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
                    deadLetters.add(DeadLetter.of("decode", "malformed", detail, JsonRecords.origin(r), text, r.timestamp()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Result(counts[0], deadLetters.size(), counts[1], partitions,
                List.of(path, writeDeadLetters(dir, deadLetters, path)));
    }

    /** Hands every record up to the end offsets of now to {@code each}; returns the partition count. */
    static int read(String bootstrapServers, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        requireTopic(bootstrapServers, topic);
        Map<String, Object> config = Map.of(
                "bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "enable.auto.commit", false,
                "max.poll.records", 5000);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: stable offsets
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                boolean progress = false;
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    progress = true;
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                }
                if (progress) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("topic " + topic + ": no records for " + STALL.toSeconds()
                            + " s before its end offsets " + end);
                }
            }
            return partitions.size();
        }
    }

    private static void requireTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get();
            if (!topics.contains(topic)) {
                throw new IllegalArgumentException("no topic " + topic + " at " + bootstrapServers
                        + " (topics: " + (topics.isEmpty() ? "none"
                                : topics.stream().sorted().collect(Collectors.joining(", "))) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    /** @param dumped the file of the topic's records, not to be overwritten; or null */
    private static Path writeDeadLetters(Path dir, List<DeadLetter> deadLetters, Path dumped) throws IOException {
        Path path = dir.resolve("dead-letters.jsonl");
        if (path.equals(dumped)) {
            path = dir.resolve("dead-letters-undecodable.jsonl");
        }
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (DeadLetter d : deadLetters) {
                out.write(JSON.writeValueAsString(d));
                out.newLine();
            }
        }
        return path;
    }
}
