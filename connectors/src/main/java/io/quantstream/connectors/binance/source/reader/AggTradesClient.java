package io.quantstream.connectors.binance.source.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantstream.connectors.binance.BinanceLineParser;
import io.quantstream.connectors.binance.DecodeResult;
import io.quantstream.connectors.binance.RawLine;
import io.quantstream.connectors.binance.RecordFormat;
import io.quantstream.connectors.binance.source.MarketEndpoints;
import io.quantstream.model.DeadLetter;
import io.quantstream.model.Instrument;
import io.quantstream.model.Trade;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads aggregate trades from Binance's REST endpoint: {@code GET <rest><aggTradesPath>?symbol=S
 * &fromId=N&limit=L} (never with a time range: Binance does not mix {@code fromId} with one). The
 * answer is a JSON array of {@code {"a","p","q","f","l","T","m"}} objects; each is decoded by the
 * websocket message parser (as an {@code aggTrade} event of the symbol), so both inputs follow one
 * set of field rules.
 *
 * <p>Outcomes: a {@link Page}; {@link Unavailable} for a passing failure (I/O, timeout, HTTP 5xx,
 * 403 firewall, 429/418 rate limits with their {@code Retry-After}); {@link Refused} for any other
 * 4xx (Binance answers {@code fromId}s it cannot serve with one).
 */
final class AggTradesClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    AggTradesClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Trades decoded from one answer, and its entries that did not decode (stage {@code decode}). */
    record Page(List<Trade> trades, List<DeadLetter> rejected) {}

    /** A failure worth retrying; {@code retryAfterMillis} 0 when the server did not say. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final long retryAfterMillis;

        Unavailable(String detail, long retryAfterMillis) {
            super(detail, null, false, false);
            this.retryAfterMillis = retryAfterMillis;
        }
    }

    /** The exchange will not serve this request. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    Page fetch(MarketEndpoints endpoints, Instrument instrument, long fromId, int limit)
            throws Unavailable, Refused {
        URI uri = endpoints.aggTradesUri(instrument.symbol(), fromId, limit);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable(uri + ": " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(uri + ": interrupted", 0);
        }
        int status = response.statusCode();
        String detail = uri + ": HTTP " + status + " " + abbreviate(response.body());
        if (status == 429 || status == 418 || status == 403 || status >= 500) {
            throw new Unavailable(detail, retryAfterMillis(response));
        }
        if (status != 200) {
            throw new Refused(detail);
        }
        return decode(response.body(), uri, instrument);
    }

    private static Page decode(String body, URI uri, Instrument instrument) throws Unavailable {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new Unavailable(uri + ": answer is not JSON: " + abbreviate(body), 0);
        }
        if (root == null || !root.isArray()) {
            throw new Unavailable(uri + ": answer is not a JSON array: " + abbreviate(body), 0);
        }
        List<Trade> trades = new ArrayList<>(root.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            RawLine line = new RawLine();
            line.origin = uri.toString();
            line.lineNumber = i + 1;
            line.format = RecordFormat.WS_JSON;
            line.market = instrument.market();
            line.text = entry.isObject() ? asEvent((ObjectNode) entry, instrument) : entry.toString();
            DecodeResult result = BinanceLineParser.parse(line);
            if (result.kind() == DecodeResult.Kind.TRADE) {
                trades.add(result.trade());
            } else if (result.kind() == DecodeResult.Kind.DEAD_LETTER) {
                rejected.add(result.deadLetter());
            } else {
                rejected.add(DeadLetter.of(BinanceLineParser.STAGE, "malformed",
                        "REST entry is not an aggregate trade", line.location(), line.text, Long.MIN_VALUE));
            }
        }
        return new Page(trades, rejected);
    }

    /** The REST entry as the websocket's aggTrade event, which the parser knows. */
    private static String asEvent(ObjectNode entry, Instrument instrument) {
        ObjectNode event = JSON.createObjectNode();
        event.put("e", "aggTrade");
        event.put("s", instrument.symbol());
        event.setAll(entry);
        return event.toString();
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.trim()) * 1000;
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
