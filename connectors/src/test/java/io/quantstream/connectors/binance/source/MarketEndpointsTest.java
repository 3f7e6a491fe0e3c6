package io.quantstream.connectors.binance.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

class MarketEndpointsTest {

    @Test
    void defaultsAreTodaysBinanceEndpoints() {
        assertThat(MarketEndpoints.defaults(Market.SPOT).streamUri())
                .isEqualTo(URI.create("wss://stream.binance.com:9443/stream"));
        assertThat(MarketEndpoints.defaults(Market.USDM).streamUri())
                .isEqualTo(URI.create("wss://fstream.binance.com/market/stream"));
        assertThat(MarketEndpoints.defaults(Market.COINM).streamUri())
                .isEqualTo(URI.create("wss://dstream.binance.com/stream"));
        assertThat(MarketEndpoints.defaults(Market.SPOT).aggTradesUri("BTCUSDT", 101, 1000)).isEqualTo(
                URI.create("https://api.binance.com/api/v3/aggTrades?symbol=BTCUSDT&fromId=101&limit=1000"));
        assertThat(MarketEndpoints.defaults(Market.USDM).aggTradesUri("BTCUSDT", 7, 1000)).isEqualTo(
                URI.create("https://fapi.binance.com/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=7&limit=1000"));
        assertThat(MarketEndpoints.defaults(Market.COINM).aggTradesUri("BTCUSD_PERP", 7, 500)).isEqualTo(
                URI.create("https://dapi.binance.com/dapi/v1/aggTrades?symbol=BTCUSD_PERP&fromId=7&limit=500"));
    }

    @Test
    void defaultLimitsFollowTheExchange() {
        MarketEndpoints spot = MarketEndpoints.defaults(Market.SPOT);
        MarketEndpoints usdm = MarketEndpoints.defaults(Market.USDM);

        assertThat(spot.aggTradesWeight()).isEqualTo(4);
        assertThat(spot.incomingMessagesPerSecond()).isEqualTo(5);
        assertThat(usdm.aggTradesWeight()).isEqualTo(20);
        assertThat(usdm.incomingMessagesPerSecond()).isEqualTo(10);
        assertThat(usdm.streamsPerConnection()).isEqualTo(1024);
        // spot pings every 20 s, futures every 3 min: silence over two pings is a dead connection
        assertThat(spot.idleTimeout()).isEqualTo(Duration.ofSeconds(50));
        assertThat(usdm.idleTimeout()).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void basesCanPointElsewhereWithTheSameLimits() {
        MarketEndpoints local = MarketEndpoints.defaults(Market.USDM)
                .withBases(URI.create("ws://127.0.0.1:9000/"), URI.create("http://127.0.0.1:9001"));

        assertThat(local.streamUri()).isEqualTo(URI.create("ws://127.0.0.1:9000/stream"));
        assertThat(local.aggTradesUri("ETHUSDT", 1, 2))
                .isEqualTo(URI.create("http://127.0.0.1:9001/fapi/v1/aggTrades?symbol=ETHUSDT&fromId=1&limit=2"));
        assertThat(local.aggTradesWeight()).isEqualTo(20);
    }

    @Test
    void instrumentsParseAndAreUpperCase() {
        assertThat(Instrument.parse("usdm:btcusdt")).isEqualTo(new Instrument(Market.USDM, "BTCUSDT"));
        assertThat(MarketEndpoints.aggTradeStream(Instrument.parse("cm:BTCUSD_PERP"))).isEqualTo("btcusd_perp@aggTrade");
        assertThatThrownBy(() -> Instrument.parse("BTCUSDT")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveSourceSpec.builder().instrument(Market.SPOT, "BTCUSDT")
                .instrument(Market.SPOT, "btcusdt").build()).hasMessageContaining("twice");
    }
}
