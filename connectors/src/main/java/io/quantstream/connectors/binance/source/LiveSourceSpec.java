package io.quantstream.connectors.binance.source;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link BinanceLiveSource} follows and how it behaves; built with {@link #builder()}, every
 * setting defaulted to what runs against Binance today.
 *
 * @param instruments instruments to follow, one split each (no duplicates)
 * @param endpoints per market: websocket and REST bases and the exchange's limits
 * @param startAfter per instrument, the last aggTrade id already delivered (a fresh start
 *     backfills from the next id); absent = start at the live stream. A restored checkpoint wins.
 * @param stopAfter per instrument, the last aggTrade id to emit; when every instrument has one
 *     the source is bounded (tests, a catch-up run), otherwise it never ends
 * @param reconnectInitialBackoff first delay before reconnecting after a connection is lost
 * @param reconnectMaxBackoff the backoff doubles per failed attempt up to this
 * @param reconnectJitter fraction in [0, 1) taken off each delay at random, so readers that lost
 *     their connections together do not reconnect together
 * @param maxConnectionAge a connection is replaced once this old, before Binance's 24-hour cut-off
 * @param restTimeout timeout of one REST request
 * @param restPageLimit trades per aggregate-trades request (Binance: at most 1000)
 * @param maxBufferedTrades live trades held per instrument while a backfill runs; older ones are
 *     let go and fetched over REST instead, so memory stays bounded
 * @param streamsPerSubscribe streams named in one {@code SUBSCRIBE} message
 * @param emptyPagesBeforeGap REST answers without a trade, while the live stream is already past
 *     the wanted id, before those ids are reported as a gap ({@code not-served})
 */
public record LiveSourceSpec(
        List<Instrument> instruments,
        Map<Market, MarketEndpoints> endpoints,
        Map<Instrument, Long> startAfter,
        Map<Instrument, Long> stopAfter,
        Duration reconnectInitialBackoff,
        Duration reconnectMaxBackoff,
        double reconnectJitter,
        Duration maxConnectionAge,
        Duration restTimeout,
        int restPageLimit,
        int maxBufferedTrades,
        int streamsPerSubscribe,
        int emptyPagesBeforeGap)
        implements Serializable {

    public LiveSourceSpec {
        instruments = List.copyOf(instruments);
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("no instruments to follow");
        }
        if (instruments.stream().distinct().count() != instruments.size()) {
            throw new IllegalArgumentException("an instrument is listed twice: " + instruments);
        }
        Map<Market, MarketEndpoints> byMarket = new EnumMap<>(Market.class);
        byMarket.putAll(endpoints);
        endpoints = byMarket;
        startAfter = Map.copyOf(startAfter);
        stopAfter = Map.copyOf(stopAfter);
        if (reconnectJitter < 0 || reconnectJitter >= 1) {
            throw new IllegalArgumentException("reconnectJitter must be in [0, 1): " + reconnectJitter);
        }
        if (restPageLimit < 1 || restPageLimit > 1000) {
            throw new IllegalArgumentException("restPageLimit must be in 1..1000: " + restPageLimit);
        }
        if (maxBufferedTrades < 1 || streamsPerSubscribe < 1 || emptyPagesBeforeGap < 1) {
            throw new IllegalArgumentException(
                    "maxBufferedTrades, streamsPerSubscribe and emptyPagesBeforeGap must be positive");
        }
        if (reconnectInitialBackoff.isNegative() || reconnectMaxBackoff.compareTo(reconnectInitialBackoff) < 0) {
            throw new IllegalArgumentException("reconnect backoff: 0 <= initial <= max");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Endpoints of {@code market}: the configured ones, else {@link MarketEndpoints#defaults}. */
    public MarketEndpoints endpoints(Market market) {
        MarketEndpoints configured = endpoints.get(market);
        return configured != null ? configured : MarketEndpoints.defaults(market);
    }

    /** Whether every instrument has a last id to stop at. */
    public boolean bounded() {
        return instruments.stream().allMatch(stopAfter::containsKey);
    }

    /** Builds a {@link LiveSourceSpec}; each setter documents its default. */
    public static final class Builder {
        private final List<Instrument> instruments = new ArrayList<>();
        private final Map<Market, MarketEndpoints> endpoints = new EnumMap<>(Market.class);
        private final Map<Instrument, Long> startAfter = new LinkedHashMap<>();
        private final Map<Instrument, Long> stopAfter = new LinkedHashMap<>();
        private Duration reconnectInitialBackoff = Duration.ofSeconds(1);
        private Duration reconnectMaxBackoff = Duration.ofMinutes(1);
        private double reconnectJitter = 0.3;
        private Duration maxConnectionAge = Duration.ofHours(23);
        private Duration restTimeout = Duration.ofSeconds(10);
        private int restPageLimit = 1000;
        private int maxBufferedTrades = 100_000;
        private int streamsPerSubscribe = 100;
        private int emptyPagesBeforeGap = 3;

        private Builder() {}

        /** One instrument to follow; the symbol in any case ({@code btcusdt} is {@code BTCUSDT}). */
        public Builder instrument(Market market, String symbol) {
            instruments.add(new Instrument(market, symbol.toUpperCase(Locale.ROOT)));
            return this;
        }

        public Builder instruments(List<Instrument> list) {
            instruments.addAll(list);
            return this;
        }

        /** Endpoints of one market; default {@link MarketEndpoints#defaults}. */
        public Builder endpoints(Market market, MarketEndpoints value) {
            endpoints.put(market, value);
            return this;
        }

        /** Last aggTrade id already delivered for the instrument; default none (start live). */
        public Builder startAfter(Instrument instrument, long aggTradeId) {
            startAfter.put(instrument, aggTradeId);
            return this;
        }

        /** Last aggTrade id to emit for the instrument; default none (unbounded). */
        public Builder stopAfter(Instrument instrument, long aggTradeId) {
            stopAfter.put(instrument, aggTradeId);
            return this;
        }

        /** Default 1 s initial, 1 min maximum, jitter 0.3. */
        public Builder reconnectBackoff(Duration initial, Duration max, double jitter) {
            reconnectInitialBackoff = initial;
            reconnectMaxBackoff = max;
            reconnectJitter = jitter;
            return this;
        }

        /** Default 23 h (Binance ends connections after 24 h). */
        public Builder maxConnectionAge(Duration value) {
            maxConnectionAge = value;
            return this;
        }

        /** Default 10 s. */
        public Builder restTimeout(Duration value) {
            restTimeout = value;
            return this;
        }

        /** Default 1000, the exchange's maximum. */
        public Builder restPageLimit(int value) {
            restPageLimit = value;
            return this;
        }

        /** Default 100,000 per instrument. */
        public Builder maxBufferedTrades(int value) {
            maxBufferedTrades = value;
            return this;
        }

        /** Default 100 streams per {@code SUBSCRIBE} message. */
        public Builder streamsPerSubscribe(int value) {
            streamsPerSubscribe = value;
            return this;
        }

        /** Default 3. */
        public Builder emptyPagesBeforeGap(int value) {
            emptyPagesBeforeGap = value;
            return this;
        }

        public LiveSourceSpec build() {
            return new LiveSourceSpec(instruments, endpoints, startAfter, stopAfter,
                    reconnectInitialBackoff, reconnectMaxBackoff, reconnectJitter, maxConnectionAge,
                    restTimeout, restPageLimit, maxBufferedTrades, streamsPerSubscribe,
                    emptyPagesBeforeGap);
        }
    }
}
