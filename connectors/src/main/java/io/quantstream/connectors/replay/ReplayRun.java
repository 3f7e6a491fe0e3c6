package io.quantstream.connectors.replay;

import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Trade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;

/**
 * One run of a {@link Replayer}: the merged trades paced, passed over up to the last id on the
 * topic, sent in transactions, counted.
 */
final class ReplayRun {

    /** Where one instrument's trades go, and the last id published for it. */
    private static final class Lane {
        final byte[] key;
        final int partition;
        final long onTopic;
        long last;

        Lane(byte[] key, int partition, long onTopic) {
            this.key = key;
            this.partition = partition;
            this.onTopic = onTopic;
            this.last = onTopic;
        }
    }

    private final Replayer.Options options;
    private final ReplayClock clock;
    private final Consumer<ReplayProgress> progress;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Rejections rejections;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final long start;
    private final long commitNanos;
    private final long progressNanos;
    private long originTime = Long.MIN_VALUE;
    private long originNanos;
    private boolean open;
    private long openedAt;
    private long published;
    private long alreadyPublished;
    private long publishedBytes;
    private long transactions;
    private long firstTradeTime = Long.MIN_VALUE;
    private long lastTradeTime = Long.MIN_VALUE;
    private long lagNanos;
    private long nextProgress;
    private long publishedAtProgress;
    private long lastProgressAt;
    private boolean completed;

    ReplayRun(Replayer.Options options, ReplayClock clock, Consumer<ReplayProgress> progress,
            KafkaProducer<byte[], byte[]> producer, Rejections rejections) {
        this.options = options;
        this.clock = clock;
        this.progress = progress;
        this.producer = producer;
        this.rejections = rejections;
        this.start = clock.nanoTime();
        this.commitNanos = options.commitInterval().toNanos();
        this.progressNanos = options.progressInterval().toNanos();
        this.nextProgress = start + progressNanos;
        this.lastProgressAt = start;
    }

    /** Publishes the trades of {@code merge} not on the topic yet; the last transaction committed. */
    void publish(EventTimeMerge merge, PublishedIds onTopic) throws InterruptedException {
        Trade trade = null;
        while (published < options.limit() && (trade = merge.next()) != null) {
            String key = JsonRecords.TRADES.key(trade);
            Lane lane = lanes.computeIfAbsent(key, k -> {
                byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
                int partition = BuiltInPartitioner.partitionForKey(bytes, onTopic.partitions());
                return new Lane(bytes, partition, onTopic.lastId(k, partition));
            });
            if (trade.aggTradeId <= lane.last) {
                if (trade.aggTradeId <= lane.onTopic) {
                    alreadyPublished++;
                } else {
                    rejections.add(DeadLetter.of("replay", "id-not-increasing", "id " + trade.aggTradeId
                            + " after id " + lane.last + " of " + key, merge.origin(), trade.toString(),
                            trade.tradeTime));
                }
                continue;
            }
            send(trade, lane);
        }
        completed = trade == null;
        commit();
    }

    private void send(Trade trade, Lane lane) throws InterruptedException {
        long due = due(trade.tradeTime);
        long now = clock.nanoTime();
        if (due > now) {
            if (open && due - openedAt > commitNanos) {
                commit(); // never wait inside a transaction: it would hold read_committed readers back
            }
            clock.sleepUntil(due);
            now = clock.nanoTime();
        }
        if (open && now - openedAt >= commitNanos) {
            commit();
        }
        if (!open) {
            producer.beginTransaction();
            open = true;
            openedAt = now;
        }
        byte[] value = JsonRecords.TRADES.value(trade);
        producer.send(new ProducerRecord<>(options.topic(), lane.partition, JsonRecords.TRADES.timestamp(trade),
                lane.key, value), (metadata, e) -> {
                    if (e != null) {
                        sendError.compareAndSet(null, e);
                    }
                });
        lane.last = trade.aggTradeId;
        published++;
        publishedBytes += lane.key.length + value.length;
        lagNanos = options.speed().isMax() ? 0 : Math.max(0, now - due);
        if (firstTradeTime == Long.MIN_VALUE) {
            firstTradeTime = trade.tradeTime;
        }
        lastTradeTime = trade.tradeTime;
        if (now >= nextProgress) {
            report(now);
        }
    }

    /** Wall-clock nanos at which a trade of {@code tradeTime} is due; the first one is due now. */
    private long due(long tradeTime) {
        if (originTime == Long.MIN_VALUE) {
            originTime = tradeTime;
            originNanos = clock.nanoTime();
        }
        return originNanos + options.speed().wallNanos(tradeTime - originTime);
    }

    private void commit() {
        if (open) {
            producer.commitTransaction();
            open = false;
            transactions++;
        }
        Exception e = sendError.get();
        if (e != null) {
            throw new KafkaException("a record was not written: " + e.getMessage(), e);
        }
    }

    void abort() {
        if (open) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // the first error is the one to report; the broker aborts the transaction on its timeout
            }
            open = false;
        }
    }

    private void report(long now) {
        double seconds = (now - lastProgressAt) / 1e9;
        progress.accept(new ReplayProgress(published,
                seconds > 0 ? (published - publishedAtProgress) / seconds : 0,
                lastTradeTime, lagNanos / 1_000_000, alreadyPublished));
        publishedAtProgress = published;
        lastProgressAt = now;
        nextProgress = now + progressNanos;
    }

    ReplaySummary summary(List<FileGroupTrades> groups, long inputBytes) {
        List<String> instruments = new ArrayList<>();
        lanes.forEach((key, lane) -> {
            if (lane.last > lane.onTopic) {
                instruments.add(key);
            }
        });
        instruments.sort(null);
        return new ReplaySummary(published, List.copyOf(instruments), alreadyPublished,
                rejections.counts(), rejections.examples(),
                groups.stream().mapToLong(FileGroupTrades::otherMessages).sum(), inputBytes,
                publishedBytes, transactions, firstTradeTime, lastTradeTime,
                (clock.nanoTime() - start) / 1e9, completed);
    }
}
