package io.quantstream.jobs.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.model.Instrument;
import io.quantstream.model.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes synthetic trades to a trades topic live, at a fixed rate, each stamped with the wall
 * clock when it is sent: a stand-in for the ingest job on an exchange feed, for measuring how
 * long after a bar's end its outputs appear.
 *
 * <p>The instruments take turns, one trade each; each has its own ids (from 1, one aggTrade per
 * trade), a price walking on a 0.01 grid from 100.00 and quantities of 0.001 to 1.000, as
 * {@link JsonRecords#TRADES} writes them (key = instrument, timestamp = trade time). Trade times
 * never go back, also when the wall clock does. The producer is idempotent, not transactional
 * ({@code read_committed} readers see a trade as soon as it is written), with
 * {@code linger.ms=1}.
 */
public final class LiveTradeFeed implements AutoCloseable {

    /** What was sent. */
    public record Sent(long trades, double seconds, long firstTradeTime, long lastTradeTime) {
        /** Trades sent per second of the feed's run. */
        @JsonProperty
        public double tradesPerSecond() {
            return seconds > 0 ? trades / seconds : 0;
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final List<Instrument> instruments;
    private final double ratePerSecond;
    private final SplittableRandom random = new SplittableRandom(20260201L);
    private final long[] ids;
    private final long[] cents;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** @param ratePerSecond trades per second over all instruments */
    LiveTradeFeed(String bootstrapServers, String topic, List<Instrument> instruments,
            double ratePerSecond) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("linger.ms", 1);
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.instruments = instruments;
        this.ratePerSecond = ratePerSecond;
        this.ids = new long[instruments.size()];
        this.cents = new long[instruments.size()];
        Arrays.fill(cents, 10_000);
    }

    /**
     * Sends for {@code millis} of wall time, then flushes. A feed that falls behind (a busy
     * machine) sends the trades it owes at once; {@link Sent#tradesPerSecond} is the rate achieved.
     *
     * @throws IllegalStateException if the broker refused a trade
     */
    Sent run(long millis) {
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        long sent = 0;
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        for (long now = start; now < end && failure.get() == null; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * ratePerSecond);
            for (; sent < due; sent++) {
                last = Math.max(last, System.currentTimeMillis());
                first = first == Long.MIN_VALUE ? last : first;
                send((int) (sent % instruments.size()), last);
            }
            LockSupport.parkNanos(200_000);
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a trade: " + failure.get().getMessage(),
                    failure.get());
        }
        return new Sent(sent, seconds, first, last);
    }

    private void send(int i, long time) {
        Instrument instrument = instruments.get(i);
        cents[i] = Math.max(1, cents[i] + random.nextInt(-1, 2));
        Trade trade = new Trade();
        trade.market = instrument.market();
        trade.symbol = instrument.symbol();
        trade.aggTradeId = ++ids[i];
        trade.firstTradeId = trade.aggTradeId;
        trade.lastTradeId = trade.aggTradeId;
        trade.price = BigDecimal.valueOf(cents[i], 2);
        trade.quantity = BigDecimal.valueOf(random.nextInt(1, 1001), 3);
        trade.tradeTime = time;
        trade.buyerIsMaker = random.nextBoolean();
        producer.send(new ProducerRecord<>(topic, null, time,
                        JsonRecords.TRADES.key(trade).getBytes(StandardCharsets.UTF_8),
                        JsonRecords.TRADES.value(trade)),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void close() {
        producer.close();
    }
}
