package io.quantstream.connectors.binance.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

class BinanceLiveConfigTest {

    @Test
    void anUntouchedConfigGivesTodaysDefaults() {
        BinanceLiveConfig config = new BinanceLiveConfig();
        config.instruments = List.of("usdm:BTCUSDT", "spot:btcusdt");

        LiveSourceSpec spec = config.toSpec();

        assertThat(spec.instruments()).containsExactly(new Instrument(Market.USDM, "BTCUSDT"),
                new Instrument(Market.SPOT, "BTCUSDT"));
        assertThat(spec.endpoints(Market.USDM)).isEqualTo(MarketEndpoints.defaults(Market.USDM));
        assertThat(spec.reconnectInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.reconnectMaxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(spec.maxConnectionAge()).isEqualTo(Duration.ofHours(23));
        assertThat(spec.restPageLimit()).isEqualTo(1000);
        assertThat(spec.bounded()).isFalse();
    }

    @Test
    void endpointsAndTimingsComeFromTheConfig() {
        BinanceLiveConfig config = new BinanceLiveConfig();
        config.instruments = List.of("coinm:BTCUSD_PERP");
        BinanceLiveConfig.Endpoint local = new BinanceLiveConfig.Endpoint();
        local.websocket = "ws://127.0.0.1:9000";
        local.rest = "http://127.0.0.1:9001";
        local.restWeightPerMinute = 400;
        config.endpoints.put("cm", local);
        config.reconnect.initialBackoff = "200ms";
        config.maxConnectionAge = "12h";

        LiveSourceSpec spec = config.toSpec();

        MarketEndpoints coinm = spec.endpoints(Market.COINM);
        assertThat(coinm.streamUri()).isEqualTo(URI.create("ws://127.0.0.1:9000/stream"));
        assertThat(coinm.aggTradesUri("BTCUSD_PERP", 5, 10))
                .isEqualTo(URI.create("http://127.0.0.1:9001/dapi/v1/aggTrades?symbol=BTCUSD_PERP&fromId=5&limit=10"));
        assertThat(coinm.restWeightPerMinute()).isEqualTo(400);
        assertThat(spec.reconnectInitialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(spec.maxConnectionAge()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void mistakesNameTheSetting() {
        BinanceLiveConfig config = new BinanceLiveConfig();
        config.instruments = List.of("usdm:BTCUSDT");
        BinanceLiveConfig.Endpoint bad = new BinanceLiveConfig.Endpoint();
        bad.rest = "http://bad host";
        config.endpoints.put("usdm", bad);

        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live.endpoints.usdm.rest: not a URI");
        bad.rest = "";
        bad.restWeightPerMinute = 5;
        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live.endpoints.usdm.restWeightPerMinute: ");
        config.endpoints.clear();
        config.instruments = List.of("futures:BTCUSDT");
        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live.instruments: unknown market 'futures'");
        config.instruments = List.of("usdm:BTCUSDT");
        config.reconnect.maxBackoff = "soon";
        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live.reconnect.maxBackoff: ");
        config.reconnect.maxBackoff = "1min";
        config.restPageLimit = 5000;
        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live: restPageLimit must be in 1..1000");
        config.instruments = List.of();
        assertThatThrownBy(config::toSpec).hasMessageStartingWith("live.instruments: no instruments");
    }
}
