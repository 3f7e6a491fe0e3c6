package io.quantstream.connectors.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.connectors.binance.source.CaptureTrades;
import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.connectors.kafka.TopicSpec;
import io.quantstream.connectors.replay.TopicTrades.Published;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.testing.SharedData;
import io.quantstream.testing.TestTrades;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real USD-M captures (BTCUSDT 10,701 and ETHUSDT 13,655 {@code @trade} messages) replayed
 * into a real broker; expectations come from {@link CaptureTrades}, which reads the captures
 * on its own.
 */
class ReplayerITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String BTC = "usdm:BTCUSDT";
    private static final String ETH = "usdm:ETHUSDT";

    private static List<CapturedTrade> btc;
    private static List<CapturedTrade> eth;
    /** Both captures in event-time order, BTCUSDT first at equal times (a stable sort). */
    private static List<CapturedTrade> merged;
    private static List<io.quantstream.connectors.binance.InputFile> captures;

    @TempDir Path dir;

    @BeforeAll
    static void readTheCaptures() {
        btc = CaptureTrades.btcusdt();
        eth = CaptureTrades.ethusdt();
        merged = Stream.concat(btc.stream(), eth.stream())
                .sorted(Comparator.comparingLong(CapturedTrade::time)).collect(Collectors.toList());
        captures = ReplayInputs.discover(List.of(SharedData.require("binance/ws/usdm")), null, null).trades();
    }

    @Test
    void theCapturesAtMaxSpeedPutEveryTradeOnceInIdOrderKeyedByInstrumentAtItsTradeTime() throws Exception {
        String topic = topic("replay-captures", 4);

        ReplaySummary summary = replay(topic, Long.MAX_VALUE);

        List<Published> records = TopicTrades.read(KAFKA.bootstrapServers(), topic);
        assertThat(records).hasSize(10_701 + 13_655);
        assertThat(records).extracting(Published::key).containsOnly(BTC, ETH);
        assertSameTrades(TopicTrades.ofKey(records, BTC), btc);
        assertSameTrades(TopicTrades.ofKey(records, ETH), eth);
        assertThat(TopicTrades.ofKey(records, BTC)).extracting(Published::partition).containsOnly(
                TopicTrades.ofKey(records, BTC).get(0).partition());
        assertThat(TopicTrades.ofKey(records, ETH)).extracting(Published::partition).containsOnly(
                TopicTrades.ofKey(records, ETH).get(0).partition());
        assertThat(summary.published()).isEqualTo(24_356);
        assertThat(summary.instruments()).containsExactly(BTC, ETH);
        assertThat(summary.alreadyPublished()).isZero();
        assertThat(summary.rejected()).isEmpty();
        assertThat(summary.completed()).isTrue();
        assertThat(summary.firstTradeTime()).isEqualTo(1721347022707L); // ETHUSDT's first trade
        assertThat(summary.lastTradeTime()).isEqualTo(1721347502282L);  // BTCUSDT's last
        assertThat(summary.transactions()).isPositive();
    }

    @Test
    void onOnePartitionBothInstrumentsArePublishedInEventTimeOrder() throws Exception {
        String topic = topic("replay-one-partition", 1);

        replay(topic, Long.MAX_VALUE);

        List<Published> records = TopicTrades.read(KAFKA.bootstrapServers(), topic);
        assertThat(records).extracting(Published::keyAndId).containsExactlyElementsOf(keysAndIds(merged));
        assertThat(records).extracting(Published::timestamp).isSorted();
    }

    @Test
    void aReplayStoppedAfterALimitThenRunAgainPublishesEveryTradeExactlyOnce() throws Exception {
        String topic = topic("replay-resume", 2);

        ReplaySummary first = replay(topic, 5_000);
        List<Published> half = TopicTrades.read(KAFKA.bootstrapServers(), topic);
        ReplaySummary second = replay(topic, Long.MAX_VALUE);

        assertThat(first.published()).isEqualTo(5_000);
        assertThat(first.completed()).isFalse();
        assertThat(half).extracting(Published::keyAndId)
                .containsExactlyInAnyOrderElementsOf(keysAndIds(merged.subList(0, 5_000)));
        assertThat(second.alreadyPublished()).isEqualTo(5_000);
        assertThat(second.published()).isEqualTo(24_356 - 5_000);
        assertThat(second.completed()).isTrue();
        List<Published> records = TopicTrades.read(KAFKA.bootstrapServers(), topic);
        assertSameTrades(TopicTrades.ofKey(records, BTC), btc);
        assertSameTrades(TopicTrades.ofKey(records, ETH), eth);
    }

    /**
     * A replay killed mid-transaction: 200 BTCUSDT trades committed, the next 300 sent in a
     * transaction never committed, by a producer that is still alive (a hung process). The new
     * replay fences it, so it can no longer commit, and resumes after the 200.
     */
    @Test
    void aTransactionLeftOpenByAnInterruptedReplayIsAbortedAndTheTradesArePublishedOnce() throws Exception {
        String topic = topic("replay-zombie", 3);
        KafkaProducer<byte[], byte[]> zombie = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "transactional.id", Replayer.defaultTransactionalId(topic)),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            zombie.initTransactions();
            zombie.beginTransaction();
            btc.subList(0, 200).forEach(t -> zombie.send(record(topic, t)));
            zombie.commitTransaction();
            zombie.beginTransaction();
            btc.subList(200, 500).forEach(t -> zombie.send(record(topic, t)));
            zombie.flush();

            ReplaySummary summary = replay(topic, Long.MAX_VALUE);

            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(KafkaException.class);
            assertThat(summary.alreadyPublished()).isEqualTo(200);
            assertThat(summary.published()).isEqualTo(24_356 - 200);
            List<Published> records = TopicTrades.read(KAFKA.bootstrapServers(), topic);
            assertSameTrades(TopicTrades.ofKey(records, BTC), btc);
            assertSameTrades(TopicTrades.ofKey(records, ETH), eth);
        } finally {
            zombie.close(java.time.Duration.ZERO);
        }
    }

    /**
     * At speed 10, with a clock that moves only when the replay sleeps: it sleeps until each new
     * trade time's offset from the first trade, divided by 10, and the 500 trades take a tenth
     * of their event-time span.
     */
    @Test
    void atSpeedTenAShortSliceTakesATenthOfItsEventTime() throws Exception {
        String topic = topic("replay-speed", 1);
        FakeClock clock = new FakeClock();
        List<CapturedTrade> slice = merged.subList(0, 500);
        long first = slice.get(0).time();
        long span = slice.get(499).time() - first;
        List<Long> expectedSleeps = slice.stream().map(CapturedTrade::time).distinct().filter(t -> t > first)
                .map(t -> FakeClock.START + (t - first) * 100_000L) // ms -> ns, / 10
                .collect(Collectors.toList());

        ReplaySummary summary = new Replayer(Replayer.Options.of(KAFKA.bootstrapServers(), topic)
                .withSpeed(Speed.parse("10")).withLimit(500), clock, p -> {}).replay(captures);

        assertThat(span).isGreaterThan(10_000); // a slice of ~16 s of trading
        assertThat(clock.sleeps).containsExactlyElementsOf(expectedSleeps);
        assertThat(summary.seconds()).isCloseTo(span / 10_000.0, within(1e-9));
        assertThat(TopicTrades.read(KAFKA.bootstrapServers(), topic)).extracting(Published::keyAndId)
                .containsExactlyElementsOf(keysAndIds(slice));
    }

    @Test
    void linesThatDoNotDecodeAndIdsThatGoBackAreReportedNotPublished() throws Exception {
        String topic = topic("replay-rejects", 1);
        Path capture = Files.createDirectories(dir.resolve("usdm")).resolve("btcusdt_20240718");
        Files.write(capture, List.of(
                trade(100),
                "{\"stream\":\"btcusdt@depth@0ms\",\"data\":{\"e\":\"depthUpdate\"}}",
                "{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":",
                trade(101),
                trade(102).replace("\"p\":\"64000.10\",", ""),
                trade(100),
                trade(103)));

        ReplaySummary summary = new Replayer(Replayer.Options.of(KAFKA.bootstrapServers(), topic),
                ReplayClock.SYSTEM, p -> {}).replay(ReplayInputs.discover(List.of(dir), null, null).trades());

        assertThat(TopicTrades.read(KAFKA.bootstrapServers(), topic)).extracting(Published::keyAndId)
                .containsExactly(BTC + "#100", BTC + "#101", BTC + "#103");
        assertThat(summary.rejected()).containsExactly(Map.entry("decode/malformed", 1L),
                Map.entry("decode/missing-field", 1L), Map.entry("replay/id-not-increasing", 1L));
        assertThat(summary.firstRejected()).extracting(d -> d.origin)
                .containsExactly(capture + ":3", capture + ":5", capture + ":6");
        assertThat(summary.firstRejected().get(2)).extracting((DeadLetter d) -> d.detail)
                .isEqualTo("id 100 after id 101 of usdm:BTCUSDT");
        assertThat(summary.otherMessages()).isEqualTo(1);
        assertThat(summary.published()).isEqualTo(3);
    }

    @Test
    void aTopicThatDoesNotExistIsAnErrorBeforeAnythingIsRead() {
        assertThatThrownBy(() -> replay("no-such-topic", Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no topic no-such-topic at " + KAFKA.bootstrapServers());
    }

    private static ReplaySummary replay(String topic, long limit) throws InterruptedException {
        return new Replayer(Replayer.Options.of(KAFKA.bootstrapServers(), topic).withLimit(limit),
                ReplayClock.SYSTEM, p -> {}).replay(captures);
    }

    private static String topic(String name, int partitions) {
        KAFKA.createTopics(new TopicSpec(name, partitions, Map.of()));
        return name;
    }

    /** Ids, prices, quantities, sides and timestamps as in the capture, in this order. */
    private static void assertSameTrades(List<Published> records, List<CapturedTrade> expected) {
        assertThat(records).extracting(r -> r.trade().aggTradeId + " " + r.trade().price.toPlainString() + " "
                        + r.trade().quantity.toPlainString() + " " + r.timestamp() + " " + r.trade().buyerIsMaker)
                .containsExactlyElementsOf(expected.stream().map(CapturedTrade::expected).collect(Collectors.toList()));
        assertThat(records).allMatch(r -> r.timestamp() == r.trade().tradeTime);
    }

    private static List<String> keysAndIds(List<CapturedTrade> trades) {
        return trades.stream().map(t -> "usdm:" + t.symbol() + "#" + t.id()).collect(Collectors.toList());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, CapturedTrade captured) {
        Trade t = TestTrades.trade(Market.USDM, captured.symbol(), captured.id(), captured.id(),
                captured.id(), captured.time(), captured.price(), captured.quantity(),
                captured.buyerIsMaker());
        t.executionType = "MARKET";
        return new ProducerRecord<>(topic, null, t.tradeTime, JsonRecords.TRADES.key(t).getBytes(),
                JsonRecords.TRADES.value(t));
    }

    private static String trade(long id) {
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1721347022960,\"T\":"
                + (1721347022956L + id) + ",\"s\":\"BTCUSDT\",\"t\":" + id
                + ",\"p\":\"64000.10\",\"q\":\"0.002\",\"X\":\"MARKET\",\"m\":true}}";
    }

    /** Time moves only when the replay sleeps, to the deadline it asks for. */
    private static final class FakeClock implements ReplayClock {
        static final long START = 1_000_000_000L;
        long now = START;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadline) {
            sleeps.add(deadline);
            now = Math.max(now, deadline);
        }
    }
}
