package io.quantstream.connectors.binance.source;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import org.apache.flink.util.TimeUtils;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live source's section of a job config (YAML-shaped: public fields, Flink duration strings
 * such as {@code 500ms}, {@code 1min}, {@code 23h}); {@link #toSpec()} turns it into the {@link
 * LiveSourceSpec} the source takes, so each setting is named, defaulted and checked in one place.
 *
 * <pre>{@code
 * live:
 *   instruments: [usdm:BTCUSDT, spot:BTCUSDT]
 *   endpoints:
 *     usdm: {websocket: "wss://fstream.binance.com/market", rest: "https://fapi.binance.com"}
 *   reconnect: {initialBackoff: 1s, maxBackoff: 1min, jitter: 0.3}
 * }</pre>
 *
 * Blank or absent values keep the defaults of {@link LiveSourceSpec.Builder} and {@link
 * MarketEndpoints#defaults}.
 */
public class BinanceLiveConfig {

    /** Instruments as {@code <market>:<SYMBOL>} ({@code spot}, {@code usdm}, {@code coinm}). */
    public List<String> instruments = new ArrayList<>();
    /** Per market ({@code spot}, {@code usdm}, {@code coinm}): base URIs and the REST budget. */
    public Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    public Reconnect reconnect = new Reconnect();
    /** A connection is replaced once this old (Binance ends them after 24 h). */
    public String maxConnectionAge = "23h";
    /** Timeout of one REST request (and of a websocket handshake). */
    public String restTimeout = "10s";
    /** Trades per aggregate-trades request, at most 1000. */
    public int restPageLimit = 1000;
    /** Live trades held per instrument while it backfills. */
    public int maxBufferedTrades = 100_000;

    /** One market's endpoints; blank = today's Binance default. */
    public static class Endpoint {
        /** Websocket base without {@code /stream}, e.g. {@code wss://fstream.binance.com/market}. */
        public String websocket = "";
        /** REST base, e.g. {@code https://fapi.binance.com}. */
        public String rest = "";
        /** Request weight per minute this reader may spend; 0 = the default budget. */
        public int restWeightPerMinute;
    }

    /** Reconnect backoff: doubles from {@link #initialBackoff} to {@link #maxBackoff}, less jitter. */
    public static class Reconnect {
        public String initialBackoff = "1s";
        public String maxBackoff = "1min";
        /** Fraction in [0, 1) taken off each delay at random. */
        public double jitter = 0.3;
    }

    /**
     * The spec these settings describe.
     *
     * @throws IllegalArgumentException with a message that starts with the setting's name
     *     ({@code live.instruments: …}), for no instrument, an unknown market, a bad instrument,
     *     URI or duration, or a value out of range
     */
    public LiveSourceSpec toSpec() {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("live.instruments: no instruments to follow; write"
                    + " <market>:<SYMBOL>, e.g. [usdm:BTCUSDT, spot:ETHUSDT]");
        }
        LiveSourceSpec.Builder builder = LiveSourceSpec.builder();
        for (String instrument : instruments) {
            builder.instruments(List.of(setting("live.instruments", () -> Instrument.parse(instrument))));
        }
        endpoints.forEach((name, endpoint) -> {
            Market market = setting("live.endpoints", () -> Market.parse(name));
            builder.endpoints(market, endpoints(market, endpoint));
        });
        builder.reconnectBackoff(duration("live.reconnect.initialBackoff", reconnect.initialBackoff),
                        duration("live.reconnect.maxBackoff", reconnect.maxBackoff), reconnect.jitter)
                .maxConnectionAge(duration("live.maxConnectionAge", maxConnectionAge))
                .restTimeout(duration("live.restTimeout", restTimeout))
                .restPageLimit(restPageLimit)
                .maxBufferedTrades(maxBufferedTrades);
        // the spec's own checks name its fields, which are these settings under live.
        return setting("live", builder::build);
    }

    private static Duration duration(String key, String text) {
        return setting(key, () -> TimeUtils.parseDuration(text));
    }

    /** {@code value}, or its {@link IllegalArgumentException} again with {@code key: } in front. */
    private static <T> T setting(String key, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static MarketEndpoints endpoints(Market market, Endpoint endpoint) {
        MarketEndpoints defaults = MarketEndpoints.defaults(market);
        URI websocket = endpoint.websocket.isBlank() ? defaults.websocket() : uri(market, "websocket", endpoint.websocket);
        URI rest = endpoint.rest.isBlank() ? defaults.rest() : uri(market, "rest", endpoint.rest);
        MarketEndpoints bases = defaults.withBases(websocket, rest);
        if (endpoint.restWeightPerMinute == 0) {
            return bases;
        }
        return setting("live.endpoints." + market.label() + ".restWeightPerMinute", () -> new MarketEndpoints(
                bases.websocket(), bases.rest(), bases.aggTradesPath(), bases.aggTradesWeight(),
                endpoint.restWeightPerMinute, bases.incomingMessagesPerSecond(), bases.streamsPerConnection(),
                bases.idleTimeout()));
    }

    private static URI uri(Market market, String key, String text) {
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("live.endpoints." + market.name().toLowerCase() + "." + key
                    + ": not a URI: '" + text + "'", e);
        }
    }
}
