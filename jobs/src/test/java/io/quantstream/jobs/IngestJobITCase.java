package io.quantstream.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.BinanceLiveSource;
import io.quantstream.connectors.binance.source.CaptureTrades;
import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.connectors.binance.source.FakeBinance;
import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.kafka.JsonRecords;
import io.quantstream.connectors.kafka.KafkaBrokerExtension;
import io.quantstream.jobs.config.JobConfig;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeGap;
import io.quantstream.testing.MiniClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IngestJob} from a local exchange ({@link FakeBinance}: websocket and REST serving the
 * real BTCUSDT and ETHUSDT USD-M captures, 24,356 trades) to a real broker: the {@code trades}
 * topic, read {@code read_committed}, holds every captured trade of each instrument once, in id
 * order, whatever happens to the connections or the job; what cannot be fetched is on
 * {@code trade-gaps} with its reason; bad messages are on {@code dead-letters} with theirs.
 */
class IngestJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instrument BTC = new Instrument(Market.USDM, "BTCUSDT");
    private static final Instrument ETH = new Instrument(Market.USDM, "ETHUSDT");

    private static List<CapturedTrade> btc;
    private static List<CapturedTrade> eth;
    private FakeBinance exchange;

    @BeforeAll
    static void loadCaptures() {
        btc = CaptureTrades.btcusdt();
        eth = CaptureTrades.ethusdt();
    }

    @AfterEach
    void stopExchange() throws Exception {
        exchange.close();
    }

    @Test
    void droppedConnectionsAreBackfilledAndTheTopicHoldsEveryTradeOnceInIdOrder() throws Exception {
        exchange = new FakeBinance(List.of(btc, eth)).dropConnections(2, 1500);
        exchange.run(60, 10, 2);
        JobConfig config = config("drops");

        run(config, spec(), source -> source);

        assertThat(trades(config, BTC)).isEqualTo(expected(btc));
        assertThat(trades(config, ETH)).isEqualTo(expected(eth));
        assertThat(exchange.drops.get()).isEqualTo(2);
        assertThat(exchange.restTradesServed.get()).as("the dropped trades came over REST").isPositive();
        assertThat(read(config.kafka.topics.tradeGaps.name)).isEmpty();
        assertThat(read(config.kafka.topics.deadLetters.name)).isEmpty();
    }

    @Test
    void aRestoreBetweenTwoCheckpointsNeitherLosesNorRepeatsATrade() throws Exception {
        exchange = new FakeBinance(List.of(btc, eth));
        exchange.run(40, 10, 2);
        JobConfig config = config("restore");
        FailOnceAfterCheckpointSource.FAILED.set(false);

        run(config, spec(), source -> new FailOnceAfterCheckpointSource<>(source, 100));

        assertThat(FailOnceAfterCheckpointSource.FAILED).isTrue();
        assertThat(trades(config, BTC)).isEqualTo(expected(btc));
        assertThat(trades(config, ETH)).isEqualTo(expected(eth));
        // the restored readers resumed from their checkpointed ids, not from the start: the market
        // clock starts once both streams are subscribed, so before the failure no backfill was
        // needed, and after it REST is asked from above the first id (how far above depends on how
        // far the reader had got at its second checkpoint, which a loaded machine slows down)
        assertThat(exchange.restRequests).anyMatch(r -> fromIdAbove(r, "BTCUSDT", btc.get(0).id())
                || fromIdAbove(r, "ETHUSDT", eth.get(0).id()));
        assertThat(read(config.kafka.topics.tradeGaps.name)).isEmpty();
    }

    @Test
    void tradesTheExchangeNoLongerServesAreOnTheTradeGapsTopicWithTheReason() throws Exception {
        // the job starts from BTCUSDT's first id, but REST keeps only the ids from the 2001st on
        // (USD-M keeps about 24 hours); 8000 trades of both happened before the job started
        long first = btc.get(0).id();
        exchange = new FakeBinance(List.of(btc, eth)).historyStartsAt("BTCUSDT", first + 2000);
        exchange.advance(8000);
        exchange.run(60, 10, 2);
        JobConfig config = config("gaps");

        run(config, spec(), source -> source);

        List<ConsumerRecord<String, byte[]>> records = read(config.kafka.topics.tradeGaps.name);
        assertThat(records).singleElement().extracting(ConsumerRecord::key).isEqualTo("usdm:BTCUSDT");
        TradeGap gap = JsonRecords.TRADE_GAPS.decode(records.get(0).value(), "test", 0).value;
        assertThat(gap.market).isEqualTo(Market.USDM);
        assertThat(gap.symbol).isEqualTo("BTCUSDT");
        assertThat(gap.reason).isEqualTo("history-expired");
        assertThat(gap.firstTradeIdAfter).isEqualTo(first + 2000);
        assertThat(gap.timeAfter).isEqualTo(btc.get(2000).time()).isEqualTo(records.get(0).timestamp());
        // before a configured start the raw id is not known, so neither is the count
        assertThat(gap.lastTradeIdBefore).isEqualTo(-1);
        assertThat(gap.missingTrades).isEqualTo(-1);
        assertThat(trades(config, BTC)).isEqualTo(expected(btc.subList(2000, btc.size())));
        assertThat(trades(config, ETH)).isEqualTo(expected(eth));
        assertThat(read(config.kafka.topics.deadLetters.name)).isEmpty();
    }

    @Test
    void badMessagesLandInDeadLettersWithTheirReasonAndTheJobGoesOn() throws Exception {
        long first = btc.get(0).id();
        List<CapturedTrade> withNegativePrice = new ArrayList<>(btc);
        CapturedTrade bad = btc.get(500);
        withNegativePrice.set(500, new CapturedTrade(bad.symbol(), bad.id(), "-" + bad.price(), bad.quantity(),
                bad.time(), bad.buyerIsMaker()));
        exchange = new FakeBinance(List.of(withNegativePrice))
                .inject("BTCUSDT", first + 100, "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\"")
                .inject("BTCUSDT", first + 200, btc.get(200).streamJson()
                        .replace("\"a\":" + (first + 200), "\"a\":\"x\""))
                .inject("BTCUSDT", first + 300, btc.get(300).streamJson()
                        .replace("\"m\":" + btc.get(300).buyerIsMaker(), "\"m\":\"yes\""))
                .inject("BTCUSDT", first + 400, btc.get(400).streamJson()
                        .replace("BTCUSDT", "XRPUSDT").replace("btcusdt", "xrpusdt"));
        exchange.run(60, 10, 1);
        JobConfig config = config("bad");
        LiveSourceSpec spec = LiveSourceSpec.builder()
                .instrument(Market.USDM, "BTCUSDT")
                .endpoints(Market.USDM, exchange.endpoints())
                .startAfter(BTC, first - 1)
                .stopAfter(BTC, btc.get(btc.size() - 1).id())
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(500), 0.3)
                .build();

        run(config, spec, source -> source);

        List<DeadLetter> deadLetters = read(config.kafka.topics.deadLetters.name).stream()
                .map(r -> JsonRecords.DEAD_LETTERS.decode(r.value(), "test", 0).value)
                .collect(Collectors.toList());
        assertThat(deadLetters).extracting(d -> d.stage + "/" + d.reason).containsExactlyInAnyOrder(
                "decode/malformed", "decode/bad-number", "decode/bad-boolean", "source/unsubscribed-symbol",
                "validate/non-positive-price");
        assertThat(deadLetters).filteredOn(d -> d.stage.equals("validate")).singleElement()
                .satisfies(d -> {
                    assertThat(d.origin).isEqualTo("USDM:BTCUSDT#" + bad.id());
                    assertThat(d.detail).isEqualTo("price -" + bad.price());
                });
        assertThat(deadLetters).filteredOn(d -> d.stage.equals("decode")).allSatisfy(d ->
                assertThat(d.raw).contains("\"btcusdt@aggTrade\""));
        List<CapturedTrade> valid = new ArrayList<>(btc);
        valid.remove(500);
        assertThat(trades(config, BTC)).isEqualTo(expected(valid));
    }

    /** Topics of their own per test (one broker for the class); sink prefixes from the name. */
    private static JobConfig config(String name) {
        JobConfig config = new JobConfig();
        config.name = name;
        config.parallelism = 2;
        config.kafka.bootstrapServers = KAFKA.bootstrapServers();
        config.kafka.topics.trades.name = name + "-trades";
        config.kafka.topics.tradeGaps.name = name + "-trade-gaps";
        config.kafka.topics.deadLetters.name = name + "-dead-letters";
        for (JobConfig.Topic topic : List.of(config.kafka.topics.trades, config.kafka.topics.tradeGaps,
                config.kafka.topics.deadLetters)) {
            KAFKA.createTopics(topic.spec());
        }
        config.flink.put("execution.checkpointing.interval", "300ms");
        config.flink.put("restart-strategy.type", "fixed-delay");
        config.flink.put("restart-strategy.fixed-delay.attempts", "1");
        config.flink.put("restart-strategy.fixed-delay.delay", "200ms");
        return config;
    }

    /** BTCUSDT and ETHUSDT from their first captured ids to their last. */
    private LiveSourceSpec spec() {
        return LiveSourceSpec.builder()
                .instrument(Market.USDM, "BTCUSDT")
                .instrument(Market.USDM, "ETHUSDT")
                .endpoints(Market.USDM, exchange.endpoints())
                .startAfter(BTC, btc.get(0).id() - 1)
                .startAfter(ETH, eth.get(0).id() - 1)
                .stopAfter(BTC, btc.get(btc.size() - 1).id())
                .stopAfter(ETH, eth.get(eth.size() - 1).id())
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500), 0.3)
                .build();
    }

    /** Runs the job as {@code main} wires it, with the Kafka sinks of {@code config}, to its end. */
    private static void run(JobConfig config, LiveSourceSpec spec,
            Function<Source<LiveRecord, ?, ?>, Source<LiveRecord, ?, ?>> wrap) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(IngestJob.configuration(config));
        IngestJob.toKafka(wrap.apply(new BinanceLiveSource(spec)), spec, config).define(env);
        env.execute(config.name);
    }

    /** The instrument's trades on the topic (read_committed) in offset order: id, price, quantity, time, side. */
    private static List<String> trades(JobConfig config, Instrument instrument) {
        String key = JsonRecords.instrument(instrument.market(), instrument.symbol());
        List<String> trades = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : read(config.kafka.topics.trades.name)) {
            if (r.key().equals(key)) {
                Trade t = JsonRecords.TRADES.decode(r.value(), "test", r.timestamp()).value;
                assertThat(t.market).isEqualTo(instrument.market());
                assertThat(t.symbol).isEqualTo(instrument.symbol());
                assertThat(r.timestamp()).isEqualTo(t.tradeTime);
                trades.add(t.aggTradeId + " " + t.price.toPlainString() + " " + t.quantity.toPlainString() + " "
                        + t.tradeTime + " " + t.buyerIsMaker);
            }
        }
        return trades;
    }

    /** Every committed record of the topic up to its end offsets, partition by partition in offset order. */
    private static List<ConsumerRecord<String, byte[]>> read(String topic) {
        Map<String, Object> properties = Map.of("bootstrap.servers", KAFKA.bootstrapServers(),
                "isolation.level", "read_committed", "enable.auto.commit", false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long end = consumer.endOffsets(List.of(partition)).get(partition);
                while (consumer.position(partition) < end) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        if (r.offset() < end) {
                            records.add(r);
                        }
                    });
                }
            }
        }
        return records;
    }

    private static boolean fromIdAbove(String request, String symbol, long id) {
        return request.startsWith(symbol + ":") && Long.parseLong(request.substring(symbol.length() + 1)) > id;
    }

    private static List<String> expected(List<CapturedTrade> capture) {
        return capture.stream().map(CapturedTrade::expected).collect(Collectors.toList());
    }
}
