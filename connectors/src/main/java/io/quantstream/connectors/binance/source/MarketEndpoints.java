package io.quantstream.connectors.binance.source;

import io.quantstream.model.Instrument;
import io.quantstream.model.Market;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how fast the source may talk to one Binance market: the websocket base (market
 * streams are read from {@code <websocket>/stream}, the combined-stream endpoint, subscribed with
 * {@code SUBSCRIBE} messages), the REST base with its aggregate-trades path, and the exchange's
 * limits.
 *
 * <p>Defaults ({@link #defaults(Market)}, Binance docs, checked in {@code STACK.md}):
 *
 * <ul>
 *   <li>SPOT: {@code wss://stream.binance.com:9443}, {@code https://api.binance.com/api/v3/aggTrades}
 *       (weight 4), 5 incoming messages/s per connection, server ping every 20 s;
 *   <li>USDM: {@code wss://fstream.binance.com/market} (the {@code /market} route; legacy URLs
 *       stopped serving on 2026-04-23), {@code https://fapi.binance.com/fapi/v1/aggTrades}
 *       (weight 20), 10 messages/s, ping every 3 min;
 *   <li>COINM: {@code wss://dstream.binance.com}, {@code https://dapi.binance.com/dapi/v1/aggTrades}
 *       (weight 20), 10 messages/s, ping every 3 min.
 * </ul>
 *
 * All: 1024 streams per connection, a connection ends after 24 h.
 *
 * @param websocket websocket base URI, without {@code /stream}
 * @param rest REST base URI, e.g. {@code https://api.binance.com}
 * @param aggTradesPath path of the aggregate-trades endpoint on {@link #rest}
 * @param aggTradesWeight request weight of one aggregate-trades request
 * @param restWeightPerMinute request weight this reader may spend per minute (the exchange's limit
 *     is per IP and shared with every other client on it: spot 6000, futures 2400)
 * @param incomingMessagesPerSecond the exchange's limit of messages a client may send per second
 *     on one connection (pings, pongs and JSON messages all count)
 * @param streamsPerConnection streams one connection may carry
 * @param idleTimeout a connection that brought no frame (message or ping) for this long is dead
 */
public record MarketEndpoints(
        URI websocket,
        URI rest,
        String aggTradesPath,
        int aggTradesWeight,
        int restWeightPerMinute,
        int incomingMessagesPerSecond,
        int streamsPerConnection,
        Duration idleTimeout)
        implements Serializable {

    public MarketEndpoints {
        Objects.requireNonNull(websocket, "websocket");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(aggTradesPath, "aggTradesPath");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (aggTradesWeight < 1 || restWeightPerMinute < aggTradesWeight) {
            throw new IllegalArgumentException("restWeightPerMinute " + restWeightPerMinute
                    + " must allow one request of weight " + aggTradesWeight);
        }
        if (incomingMessagesPerSecond < 2) {
            throw new IllegalArgumentException(
                    "incomingMessagesPerSecond must be at least 2 (one is kept for pongs)");
        }
        if (streamsPerConnection < 1) {
            throw new IllegalArgumentException("streamsPerConnection must be at least 1");
        }
    }

    /** Today's Binance endpoints and limits for {@code market}. */
    public static MarketEndpoints defaults(Market market) {
        switch (market) {
            case SPOT:
                return new MarketEndpoints(URI.create("wss://stream.binance.com:9443"),
                        URI.create("https://api.binance.com"), "/api/v3/aggTrades", 4, 1200, 5, 1024,
                        Duration.ofSeconds(50));
            case USDM:
                return new MarketEndpoints(URI.create("wss://fstream.binance.com/market"),
                        URI.create("https://fapi.binance.com"), "/fapi/v1/aggTrades", 20, 1000, 10, 1024,
                        Duration.ofMinutes(7));
            case COINM:
                return new MarketEndpoints(URI.create("wss://dstream.binance.com"),
                        URI.create("https://dapi.binance.com"), "/dapi/v1/aggTrades", 20, 1000, 10, 1024,
                        Duration.ofMinutes(7));
            default:
                throw new IllegalArgumentException("no endpoints for " + market);
        }
    }

    /** The same limits with other base URIs (a local server in tests, a proxy). */
    public MarketEndpoints withBases(URI websocketBase, URI restBase) {
        return new MarketEndpoints(websocketBase, restBase, aggTradesPath, aggTradesWeight,
                restWeightPerMinute, incomingMessagesPerSecond, streamsPerConnection, idleTimeout);
    }

    /** The same endpoints with another idle timeout. */
    public MarketEndpoints withIdleTimeout(Duration timeout) {
        return new MarketEndpoints(websocket, rest, aggTradesPath, aggTradesWeight,
                restWeightPerMinute, incomingMessagesPerSecond, streamsPerConnection, timeout);
    }

    /** The market stream that carries an instrument's aggregate trades: {@code btcusdt@aggTrade}. */
    public static String aggTradeStream(Instrument instrument) {
        return instrument.symbol().toLowerCase(Locale.ROOT) + "@aggTrade";
    }

    /** The combined-stream endpoint: {@code <websocket>/stream}. */
    public URI streamUri() {
        String base = websocket.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/stream");
    }

    /** The aggregate-trades request for {@code symbol} from {@code fromId}, {@code limit} trades. */
    public URI aggTradesUri(String symbol, long fromId, int limit) {
        String base = rest.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + aggTradesPath + "?symbol=" + symbol + "&fromId=" + fromId + "&limit=" + limit);
    }
}
