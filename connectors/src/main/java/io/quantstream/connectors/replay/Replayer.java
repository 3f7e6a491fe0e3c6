package io.quantstream.connectors.replay;

import io.quantstream.connectors.binance.BinanceFiles;
import io.quantstream.connectors.binance.InputFile;
import io.quantstream.connectors.kafka.JsonRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the trades of capture and archive files to a Kafka trades topic in event-time order,
 * at real time × a speed, and resumes where an interrupted run stopped.
 *
 * <pre>{@code
 * ReplayInputs inputs = ReplayInputs.discover(List.of(Path.of("../shared/data/binance/ws/usdm")), null, null);
 * ReplaySummary summary = new Replayer(Replayer.Options.of("localhost:9092", "trades").withSpeed(Speed.MAX),
 *         ReplayClock.SYSTEM, progress -> {}).replay(inputs.trades());
 * }</pre>
 *
 * <p><b>What is published.</b> Every trade the file jobs read from the files (decoded with
 * {@code BinanceLineParser}; business rules stay with the jobs' validate stage), as
 * {@link JsonRecords#TRADES} writes it: JSON value, key = instrument ({@code usdm:BTCUSDT}),
 * timestamp = trade time, partition = Kafka's default for the key (murmur2 of the key, as a
 * producer without a partition picks it), so all trades of an instrument are in one partition,
 * in id order. The files are read per group ({@link BinanceFiles#groups}: an instrument's
 * captures or archive days, in date order) and merged by trade time, ties to the group first in
 * {@code groups} order. Each trade is due at {@code now₀ + (tradeTime − tradeTime₀) / speed},
 * {@code tradeTime₀} being the first trade this run publishes at {@code now₀}; a replay that
 * falls behind sends at once (the progress line shows the lag).
 *
 * <p><b>Not published, and reported</b> in the summary (counts by reason and the first few with
 * {@code file:line}), not on the {@code dead-letters} topic: a line that does not decode (stage
 * {@code decode}), and a trade whose id is not above the last id published for its instrument
 * (stage {@code replay}, reason {@code id-not-increasing}: a repeat or an id going back in the
 * files). The dead letters would have no id to resume after, so a re-run would write them twice;
 * keeping every instrument's ids strictly increasing on the topic is what makes "resume after the
 * last id" exact.
 *
 * <p><b>Guarantee: each trade of the inputs is on the topic exactly once, as a
 * {@code read_committed} reader sees it, however often a replay is killed (even
 * {@code kill -9}) and run again on the same inputs.</b> How: the producer is transactional
 * ({@code transactional.id} stable per topic, {@link #defaultTransactionalId}, hence idempotent with
 * {@code acks=all}) and commits every {@code commitInterval}, and before sleeping past it, so
 * a transaction is never open while the replay waits. At start, {@code initTransactions} fences
 * any earlier producer of the id (a killed or hung replay can write nothing more) and aborts its
 * open transaction; then the topic's tail per partition is read {@code read_committed}
 * ({@link PublishedIds}) for the last id of each instrument, and trades up to that id are
 * passed over. Committed transactions of one producer are a prefix, per partition, of what it
 * sent, so the topic holds, per instrument, exactly the trades up to that id. An idempotent
 * producer without transactions would leave the same prefix after a crash, but it cannot fence:
 * a hung earlier replay (stopped, not dead) could write after the tail was read, and duplicate.
 * The condition: no other producer writes the same instruments to the topic meanwhile. Records become visible to {@code read_committed} readers when their
 * transaction commits: up to {@code commitInterval} after they are sent. A killed replay's open
 * transaction holds those readers back until the next replay fences it, at most
 * {@value #TRANSACTION_TIMEOUT_MS} ms ({@code transaction.timeout.ms}, after which the broker
 * aborts it). One replay per topic and transactional id at a time: a second one fences the first,
 * which then stops with an error.
 */
public final class Replayer {

    /** {@code transaction.timeout.ms}: transactions last one commit interval, so a minute is ample. */
    public static final long TRANSACTION_TIMEOUT_MS = 60_000L;

    /**
     * How a replay runs.
     *
     * @param bootstrapServers Kafka cluster
     * @param topic trades topic; must exist
     * @param speed real time × factor, or max
     * @param limit publish at most this many trades, then commit and stop ({@code Long.MAX_VALUE}: all)
     * @param transactionalId the producer's {@code transactional.id}; stable across runs of one replay
     * @param commitInterval longest time a transaction stays open
     * @param progressInterval time between progress reports
     */
    public record Options(String bootstrapServers, String topic, Speed speed, long limit,
            String transactionalId, Duration commitInterval, Duration progressInterval) {

        /**
         * Max speed, no limit, transactional id {@link #defaultTransactionalId}, a commit every
         * 100 ms, progress every 2 s.
         */
        public static Options of(String bootstrapServers, String topic) {
            return new Options(bootstrapServers, topic, Speed.MAX, Long.MAX_VALUE, defaultTransactionalId(topic),
                    Duration.ofMillis(100), Duration.ofSeconds(2));
        }

        public Options withSpeed(Speed s) {
            return new Options(bootstrapServers, topic, s, limit, transactionalId, commitInterval, progressInterval);
        }

        public Options withLimit(long n) {
            return new Options(bootstrapServers, topic, speed, n, transactionalId, commitInterval, progressInterval);
        }

        public Options withTransactionalId(String id) {
            return new Options(bootstrapServers, topic, speed, limit, id, commitInterval, progressInterval);
        }

        public Options withProgressInterval(Duration d) {
            return new Options(bootstrapServers, topic, speed, limit, transactionalId, commitInterval, d);
        }
    }

    private final Options options;
    private final ReplayClock clock;
    private final Consumer<ReplayProgress> progress;

    /** @param progress called every {@code progressInterval} while trades are published */
    public Replayer(Options options, ReplayClock clock, Consumer<ReplayProgress> progress) {
        this.options = options;
        this.clock = clock;
        this.progress = progress;
    }

    /** The default {@code transactional.id} of a replay into {@code topic}: {@code quantstream-replay-<topic>}. */
    public static String defaultTransactionalId(String topic) {
        return "quantstream-replay-" + topic;
    }

    /**
     * Publishes the trades of {@code files} (from {@link ReplayInputs#trades}); returns when all
     * are committed, or {@code limit} of them.
     *
     * @throws IllegalArgumentException if the topic does not exist or a file has no market
     * @throws IllegalStateException if the broker refuses records or another replay fences this one;
     *     what was committed before stays, and a new run resumes after it
     * @throws UncheckedIOException if a file cannot be read
     */
    public ReplaySummary replay(List<InputFile> files) throws InterruptedException {
        files.stream().filter(f -> f.market() == null).findFirst().ifPresent(f -> {
            throw new IllegalArgumentException("no market for " + f.path() + " (trades are keyed by instrument)");
        });
        requireTopic();
        Rejections rejections = new Rejections();
        List<FileGroupTrades> groups = BinanceFiles.groups(files).values().stream()
                .map(group -> new FileGroupTrades(group, rejections)).collect(Collectors.toList());
        try (EventTimeMerge merge = new EventTimeMerge(groups);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            ReplayRun run = new ReplayRun(options, clock, progress, producer, rejections);
            try {
                producer.initTransactions();
                try (PublishedIds onTopic = new PublishedIds(options.bootstrapServers(), options.topic())) {
                    run.publish(merge, onTopic);
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw new IllegalStateException("another replay with transactional id " + options.transactionalId()
                        + " took over topic " + options.topic() + "; this one stopped after its last commit", e);
            } catch (KafkaException e) {
                run.abort();
                throw new IllegalStateException("cannot publish to topic " + options.topic() + " at "
                        + options.bootstrapServers() + ": " + e.getMessage(), e);
            }
            return run.summary(groups, inputBytes(files));
        }
    }

    private void requireTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", options.bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            if (!topics.contains(options.topic())) {
                throw new IllegalArgumentException("no topic " + options.topic() + " at " + options.bootstrapServers()
                        + " (topics: " + (topics.isEmpty() ? "none" : String.join(", ", new TreeSet<>(topics)))
                        + "; `bin/quantstream kafka start` creates the configured ones)");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics at " + options.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", options.bootstrapServers());
        config.put("transactional.id", options.transactionalId());
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("transaction.timeout.ms", (int) TRANSACTION_TIMEOUT_MS);
        config.put("linger.ms", 5);
        config.put("batch.size", 256 * 1024);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static long inputBytes(List<InputFile> files) {
        long bytes = 0;
        for (InputFile file : files) {
            try {
                bytes += Files.size(Path.of(file.path()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.path(), e);
            }
        }
        return bytes;
    }
}
