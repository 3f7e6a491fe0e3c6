package io.quantstream.connectors.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Decodes one websocket message line into a {@link Trade}, or tells that it is another stream.
 *
 * <p>Line: optional {@code <receive-time-ns> } prefix, then a bare event or a combined-stream
 * envelope {@code {"stream":"<symbol>@<stream>","data":{...}}}. The event kind is found without
 * parsing the JSON (the {@code stream} name, else the {@code "e"} value), because captures are
 * mostly large depth messages; only trade messages are parsed, with Jackson's streaming parser.
 *
 * <p>Fields (Binance market-stream docs): {@code aggTrade} {@code s,a,p,q,f,l,T,m}; {@code trade}
 * {@code s,t,p,q,T,m} and, on USD-M futures, {@code X} (execution type); a raw trade maps to
 * {@code aggTradeId = firstTradeId = lastTradeId = t}. Symbol upper case; times to epoch ms UTC.
 */
final class WsMessageParser {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String AGG_TRADE = "aggTrade";
    private static final String TRADE = "trade";

    private WsMessageParser() {}

    /**
     * The trade in {@code text}, or null when the message is of another kind (depth, book ticker,
     * kline, subscription replies ...).
     *
     * @param market market of the file, copied to the trade (may be null)
     * @throws BadLineException when the line is not a JSON object or a trade message is incomplete
     */
    static Trade parse(String text, Market market) throws BadLineException {
        int start = jsonStart(text);
        String kind = eventKind(text, start);
        if (!TRADE.equals(kind) && !AGG_TRADE.equals(kind)) {
            return null;
        }
        TradeFields fields = new TradeFields();
        try (JsonParser parser = JSON.createParser(text.substring(start))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLineException("malformed", "not a JSON object");
            }
            readObject(parser, fields, true);
            if (parser.nextToken() != null) {
                throw new BadLineException("malformed", "text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BadLineException("malformed", e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadLineException("malformed", e.toString());
        }
        return fields.toTrade(fields.e != null ? fields.e : kind, market);
    }

    /** Index of the opening brace, after an optional all-digit receive-time prefix and spaces. */
    private static int jsonStart(String text) throws BadLineException {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i == text.length() || text.charAt(i) != '{') {
            throw new BadLineException("malformed", "expected [<receive-time> ]{...}");
        }
        return i;
    }

    /** The stream suffix after the first {@code @} of an envelope, else the {@code "e"} value, else null. */
    private static String eventKind(String text, int start) {
        int i = skipSpaces(text, start + 1);
        if (text.startsWith("\"stream\"", i)) {
            String stream = stringAfterKey(text, i + "\"stream\"".length());
            if (stream != null) {
                int at = stream.indexOf('@');
                return at < 0 ? stream : stream.substring(at + 1);
            }
        }
        int key = text.indexOf("\"e\"", start);
        return key < 0 ? null : stringAfterKey(text, key + "\"e\"".length());
    }

    /** The string value after a key ending at {@code i} ({@code : "value"}), or null. */
    private static String stringAfterKey(String text, int i) {
        i = skipSpaces(text, i);
        if (i >= text.length() || text.charAt(i) != ':') {
            return null;
        }
        i = skipSpaces(text, i + 1);
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        int end = text.indexOf('"', i + 1);
        return end < 0 ? null : text.substring(i + 1, end);
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Reads the fields of the current object; an envelope's {@code data} object is read as well. */
    private static void readObject(JsonParser p, TradeFields f, boolean envelope)
            throws IOException, BadLineException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (envelope && value == JsonToken.START_OBJECT && name.equals("data")) {
                readObject(p, f, false);
                continue;
            }
            switch (name) {
                case "e":
                    f.e = string(p, value, name);
                    break;
                case "s":
                    f.s = string(p, value, name);
                    break;
                case "X":
                    f.x = string(p, value, name);
                    break;
                case "p":
                    f.p = decimal(p, value, name);
                    break;
                case "q":
                    f.q = decimal(p, value, name);
                    break;
                case "a":
                    f.a = integer(p, value, name);
                    break;
                case "f":
                    f.f = integer(p, value, name);
                    break;
                case "l":
                    f.l = integer(p, value, name);
                    break;
                case "t":
                    f.t = integer(p, value, name);
                    break;
                case "T":
                    f.time = integer(p, value, name);
                    break;
                case "m":
                    f.m = bool(p, value);
                    break;
                default:
                    p.skipChildren();
            }
        }
    }

    private static String string(JsonParser p, JsonToken value, String name)
            throws IOException, BadLineException {
        if (value != JsonToken.VALUE_STRING) {
            throw new BadLineException("malformed", name + ": expected a string, got " + value);
        }
        return p.getText();
    }

    private static Long integer(JsonParser p, JsonToken value, String name)
            throws IOException, BadLineException {
        try {
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (value == JsonToken.VALUE_STRING) {
                return Long.parseLong(p.getText());
            }
        } catch (NumberFormatException | JsonProcessingException e) {
            // reported below
        }
        throw new BadLineException("bad-number", name + ": '" + p.getText() + "' is not an integer");
    }

    private static BigDecimal decimal(JsonParser p, JsonToken value, String name)
            throws IOException, BadLineException {
        if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
            try {
                return new BigDecimal(p.getText());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadLineException("bad-number", name + ": '" + p.getText() + "' is not a decimal");
    }

    private static Boolean bool(JsonParser p, JsonToken value) throws IOException, BadLineException {
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            return value == JsonToken.VALUE_TRUE;
        }
        throw new BadLineException("bad-boolean", "m: '" + p.getText() + "' is not true/false");
    }

    /** The fields of a trade message seen so far; null when absent. */
    private static final class TradeFields {
        String e;
        String s;
        String x;
        BigDecimal p;
        BigDecimal q;
        Long a;
        Long f;
        Long l;
        Long t;
        Long time;
        Boolean m;

        Trade toTrade(String kind, Market market) throws BadLineException {
            boolean agg = AGG_TRADE.equals(kind);
            if (!agg && !TRADE.equals(kind)) {
                throw new BadLineException("malformed", "trade stream with event '" + kind + "'");
            }
            require(s, "s", kind);
            require(p, "p", kind);
            require(q, "q", kind);
            require(time, "T", kind);
            require(m, "m", kind);
            Trade trade = new Trade();
            trade.symbol = s.toUpperCase(Locale.ROOT);
            trade.market = market;
            if (agg) {
                trade.aggTradeId = require(a, "a", kind);
                trade.firstTradeId = require(f, "f", kind);
                trade.lastTradeId = require(l, "l", kind);
            } else {
                trade.aggTradeId = require(t, "t", kind);
                trade.firstTradeId = t;
                trade.lastTradeId = t;
                trade.executionType = x;
            }
            trade.price = p;
            trade.quantity = q;
            trade.tradeTime = Timestamps.toMillis(time);
            trade.buyerIsMaker = m;
            return trade;
        }

        private static <V> V require(V value, String field, String kind) throws BadLineException {
            if (value == null) {
                throw new BadLineException("missing-field", kind + " message without '" + field + "'");
            }
            return value;
        }
    }
}
