package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.CaptureTrades;
import io.quantstream.connectors.binance.source.CaptureTrades.CapturedTrade;
import io.quantstream.connectors.binance.source.FakeBinance;
import io.quantstream.connectors.binance.source.LiveRecord;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.binance.source.MarketEndpoints;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/** The fetcher against a local exchange (websocket + REST) serving the real BTCUSDT capture. */
class LiveSplitReaderTest {

    private static final Instrument BTC = new Instrument(Market.USDM, "BTCUSDT");
    private static List<CapturedTrade> btc;
    private static long first;

    private FakeBinance exchange;
    private LiveSplitReader reader;
    private final ReaderMetrics metrics = new ReaderMetrics(new UnregisteredMetricsGroup());

    @BeforeAll
    static void loadCapture() {
        btc = CaptureTrades.btcusdt();
        first = btc.get(0).id();
    }

    @AfterEach
    void stop() throws Exception {
        if (reader != null) {
            reader.close();
        }
        exchange.close();
    }

    @Test
    void idsTheExchangeNoLongerServesBecomeOneGapRecordAndTheGapsMetric() throws Exception {
        exchange = new FakeBinance(List.of(btc)).historyStartsAt("BTCUSDT", first + 2000);
        exchange.advance(3000);
        exchange.run(100, 10);

        ReaderDriver driver = follow(first - 1, first + 5999);
        driver.fetchUntil(() -> driver.finished.contains(BTC.key()), Duration.ofSeconds(30));

        List<LiveRecord> records = driver.of(BTC.key());
        assertThat(records.get(0).kind).isEqualTo(LiveRecord.Kind.GAP);
        assertThat(records.get(0).gap.reason).isEqualTo("history-expired");
        assertThat(records.get(0).gap.firstMissingAggTradeId).isEqualTo(first);
        assertThat(records.get(0).gap.lastMissingAggTradeId).isEqualTo(first + 1999);
        assertThat(records.get(0).gap.firstTradeIdAfter).isEqualTo(first + 2000);
        assertThat(tradeIds(records.subList(1, records.size()))).isEqualTo(range(first + 2000, first + 5999));
        assertThat(metrics.gaps()).isEqualTo(1);
        assertThat(metrics.missedTrades()).isEqualTo(2000);
        assertThat(metrics.backfilledTrades()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRefusedBackfillBecomesAGapUpToTheLiveStream() throws Exception {
        exchange = new FakeBinance(List.of(btc)).refuseFromIdsBelow("BTCUSDT", Long.MAX_VALUE);
        exchange.advance(3000);
        exchange.run(100, 10);

        ReaderDriver driver = follow(first - 1, first + 4999);
        driver.fetchUntil(() -> driver.finished.contains(BTC.key()), Duration.ofSeconds(30));

        List<LiveRecord> records = driver.of(BTC.key());
        LiveRecord gap = records.get(0);
        assertThat(gap.kind).isEqualTo(LiveRecord.Kind.GAP);
        assertThat(gap.gap.reason).isEqualTo("rest-error");
        assertThat(gap.gap.detail).contains("HTTP 400");
        assertThat(gap.gap.firstMissingAggTradeId).isEqualTo(first);
        // the live stream joined after the first 3000 trades had happened
        assertThat(gap.gap.lastMissingAggTradeId).isGreaterThanOrEqualTo(first + 2999);
        assertThat(tradeIds(records.subList(1, records.size())))
                .isEqualTo(range(gap.gap.lastMissingAggTradeId + 1, first + 4999));
        assertThat(metrics.gaps()).isEqualTo(1);
        assertThat(metrics.restErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void serverPingsAreAnsweredWithPongs() throws Exception {
        exchange = new FakeBinance(List.of(btc));
        ReaderDriver driver = follow(InstrumentSplit.NONE, Long.MAX_VALUE);
        driver.fetchUntil(() -> exchange.subscribedConnections() == 1, Duration.ofSeconds(10));

        exchange.pingAll();

        driver.fetchUntil(() -> exchange.pongs.get() == 1 && metrics.pings() == 1, Duration.ofSeconds(10));
        assertThat(metrics.connected()).isEqualTo(1);
    }

    @Test
    void subscriptionsKeepToTheIncomingMessageLimit() throws Exception {
        exchange = new FakeBinance(List.of(btc));
        MarketEndpoints base = exchange.endpoints();
        MarketEndpoints threePerSecond = new MarketEndpoints(base.websocket(), base.rest(), base.aggTradesPath(),
                base.aggTradesWeight(), base.restWeightPerMinute(), 3, base.streamsPerConnection(),
                MarketEndpoints.defaults(Market.USDM).idleTimeout());
        List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "XRPUSDT", "SOLUSDT", "BNBUSDT");
        LiveSourceSpec.Builder builder = LiveSourceSpec.builder().endpoints(Market.USDM, threePerSecond)
                .streamsPerSubscribe(1);
        symbols.forEach(s -> builder.instrument(Market.USDM, s));
        reader = new LiveSplitReader(builder.build(), metrics, System::currentTimeMillis, new Random(7));
        reader.handleSplitsChanges(new SplitsAddition<>(symbols.stream()
                .map(s -> InstrumentSplit.start(new Instrument(Market.USDM, s), InstrumentSplit.NONE,
                        Long.MAX_VALUE))
                .collect(Collectors.toList())));
        ReaderDriver driver = new ReaderDriver(reader);

        driver.fetchUntil(() -> exchange.subscribeTimes.getOrDefault(1, List.of()).size() == 5,
                Duration.ofSeconds(10));

        // 3 messages/s allowed, one kept for pongs: no three SUBSCRIBEs within one second
        List<Long> times = exchange.subscribeTimes.get(1);
        for (int i = 0; i + 2 < times.size(); i++) {
            assertThat(times.get(i + 2) - times.get(i)).isGreaterThanOrEqualTo(900);
        }
    }

    private ReaderDriver follow(long startAfter, long stopAfter) {
        LiveSourceSpec spec = LiveSourceSpec.builder()
                .instrument(Market.USDM, "BTCUSDT")
                .endpoints(Market.USDM, exchange.endpoints())
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(200), 0.3)
                .build();
        reader = new LiveSplitReader(spec, metrics, System::currentTimeMillis, new Random(7));
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(InstrumentSplit.start(BTC, startAfter, stopAfter))));
        return new ReaderDriver(reader);
    }

    static List<Long> tradeIds(List<LiveRecord> records) {
        return records.stream()
                .peek(r -> assertThat(r.kind).as("record %s", r).isEqualTo(LiveRecord.Kind.TRADE))
                .map(r -> r.trade.aggTradeId)
                .collect(Collectors.toList());
    }

    static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }
}
