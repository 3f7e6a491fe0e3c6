package io.quantstream.connectors.binance.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.connectors.binance.source.CaptureTrades;
import io.quantstream.connectors.binance.source.FakeBinance;
import io.quantstream.connectors.binance.source.LiveSourceSpec;
import io.quantstream.connectors.binance.source.split.InstrumentSplit;
import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnects driven by the reader's clock, a fake one here: a silent connection past the idle
 * timeout and a connection reaching its maximum age are replaced, without waiting real minutes or
 * hours. The network is real (a local exchange).
 */
class ConnectionLifecycleTest {

    private static final Instrument BTC = new Instrument(Market.USDM, "BTCUSDT");

    private static List<CaptureTrades.CapturedTrade> btc;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ReaderMetrics metrics = new ReaderMetrics(new UnregisteredMetricsGroup());
    private FakeBinance exchange;
    private LiveSplitReader reader;
    private ReaderDriver driver;

    @BeforeAll
    static void loadCapture() {
        btc = CaptureTrades.btcusdt();
    }

    @BeforeEach
    void follow() throws Exception {
        exchange = new FakeBinance(List.of(btc));
        LiveSourceSpec spec = LiveSourceSpec.builder()
                .instrument(Market.USDM, "BTCUSDT")
                .endpoints(Market.USDM, exchange.endpoints().withIdleTimeout(Duration.ofMinutes(90)))
                .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.3)
                .maxConnectionAge(Duration.ofHours(23))
                .build();
        reader = new LiveSplitReader(spec, metrics, clock::get, new Random(3));
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(
                InstrumentSplit.start(BTC, InstrumentSplit.NONE, Long.MAX_VALUE))));
        driver = new ReaderDriver(reader);
        driver.fetchUntil(() -> exchange.subscribedConnections() == 1 && metrics.connected() == 1,
                Duration.ofSeconds(10));
    }

    /** The next trade happens and reaches the reader at the fake clock's time. */
    private void frameArrived() {
        long before = metrics.messagesReceived();
        exchange.advance(1);
        driver.fetchUntil(() -> metrics.messagesReceived() > before, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        reader.close();
        exchange.close();
    }

    @Test
    void aConnectionSilentPastTheIdleTimeoutIsReplacedAfterTheBackoff() {
        clock.addAndGet(Duration.ofMinutes(90).toMillis());
        driver.fetchOnce();
        assertThat(metrics.connected()).isZero();

        driver.fetchOnce();
        assertThat(exchange.connections.get()).as("still within the backoff").isEqualTo(1);
        clock.addAndGet(1000);
        driver.fetchUntil(() -> metrics.connected() == 1 && exchange.subscribedConnections() == 1,
                Duration.ofSeconds(10));

        assertThat(exchange.connections.get()).isEqualTo(2);
        assertThat(metrics.reconnects()).isEqualTo(1);
    }

    @Test
    void aConnectionIsReplacedBeforeTheDailyCutOffWithoutBackoff() {
        // data keeps coming: only its age ends the connection
        for (long minutes = 60; minutes < 23 * 60; minutes += 60) {
            clock.set(1_000_000 + Duration.ofMinutes(minutes).toMillis());
            driver.fetchOnce();
            assertThat(metrics.connected()).as("minute %d", minutes).isEqualTo(1);
            clock.addAndGet(1);
            frameArrived();
        }
        assertThat(exchange.connections.get()).isEqualTo(1);

        clock.set(1_000_000 + Duration.ofHours(23).toMillis());
        driver.fetchUntil(() -> exchange.connections.get() == 2 && metrics.connected() == 1
                && exchange.subscribedConnections() == 1, Duration.ofSeconds(10));

        assertThat(metrics.reconnects()).isEqualTo(1);
    }
}
