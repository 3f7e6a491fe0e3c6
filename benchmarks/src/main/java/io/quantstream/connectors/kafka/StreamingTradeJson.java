package io.quantstream.connectors.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quantstream.model.Market;
import io.quantstream.model.Trade;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Decodes a {@code trades} value with Jackson's streaming parser in one pass, without a tree or
 * data binding: the alternative to {@link TradeJson} that {@link TradeJsonBenchmark} measures
 * (and {@code bench live} did, as {@link JsonRecords#TRADES}' fast path in commit {@code d8410f0},
 * where {@code TradeJsonParserTest} proved it gives data binding's trade or leaves the value to
 * it in every case {@code TradeJsonTest} has, and more). It takes one JSON object whose
 * trade fields have the JSON types Jackson's data binding reads without coercion (integers of
 * at most 64 bits for the ids and the time, {@code true}/{@code false} for {@code buyerIsMaker},
 * numbers or {@code null} for {@code price} and {@code quantity}, strings or {@code null} for
 * {@code symbol}, {@code executionType} and {@code market}, a market's exact name), every
 * primitive field present, nothing after the object; other fields are skipped, whatever their
 * value, as data binding ignores them. Decimals are read from the number's text, so they keep
 * every digit and trailing zero ({@code 3400.10} has scale 2), as with {@code
 * USE_BIG_DECIMAL_FOR_FLOATS}. For anything else (malformed JSON, a missing field, a string
 * where a number goes) it returns null and the value goes data binding's way, so a value
 * decodes to the same trade either way and every bad value keeps data binding's dead letter.
 */
final class StreamingTradeJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Market[] MARKETS = Market.values();
    private static final char[][] MARKET_NAMES =
            Arrays.stream(MARKETS).map(m -> m.name().toCharArray()).toArray(char[][]::new);

    private static final int AGG_TRADE_ID = 1;
    private static final int FIRST_TRADE_ID = 1 << 1;
    private static final int LAST_TRADE_ID = 1 << 2;
    private static final int TRADE_TIME = 1 << 3;
    private static final int BUYER_IS_MAKER = 1 << 4;
    private static final int PRIMITIVES = (1 << 5) - 1;

    private StreamingTradeJson() {}

    /** The trade of {@code value}, or null when data binding must decide (class comment). */
    static Trade decode(byte[] value) {
        try (JsonParser p = FACTORY.createParser(value)) {
            return trade(p);
        } catch (IOException | IllegalArgumentException e) {
            return null; // malformed or out of the parser's limits: data binding says why
        }
    }

    private static Trade trade(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Trade t = new Trade();
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "aggTradeId":
                    if (!isLong(p, v)) {
                        return null;
                    }
                    t.aggTradeId = p.getLongValue();
                    seen |= AGG_TRADE_ID;
                    break;
                case "firstTradeId":
                    if (!isLong(p, v)) {
                        return null;
                    }
                    t.firstTradeId = p.getLongValue();
                    seen |= FIRST_TRADE_ID;
                    break;
                case "lastTradeId":
                    if (!isLong(p, v)) {
                        return null;
                    }
                    t.lastTradeId = p.getLongValue();
                    seen |= LAST_TRADE_ID;
                    break;
                case "tradeTime":
                    if (!isLong(p, v)) {
                        return null;
                    }
                    t.tradeTime = p.getLongValue();
                    seen |= TRADE_TIME;
                    break;
                case "buyerIsMaker":
                    if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                        return null;
                    }
                    t.buyerIsMaker = v == JsonToken.VALUE_TRUE;
                    seen |= BUYER_IS_MAKER;
                    break;
                case "price":
                    if (!isDecimal(v)) {
                        return null;
                    }
                    t.price = decimal(p, v);
                    break;
                case "quantity":
                    if (!isDecimal(v)) {
                        return null;
                    }
                    t.quantity = decimal(p, v);
                    break;
                case "symbol":
                    if (!isText(v)) {
                        return null;
                    }
                    t.symbol = p.getValueAsString();
                    break;
                case "executionType":
                    if (!isText(v)) {
                        return null;
                    }
                    t.executionType = p.getValueAsString();
                    break;
                case "market":
                    if (v == JsonToken.VALUE_NULL) {
                        t.market = null;
                    } else if (v != JsonToken.VALUE_STRING || (t.market = market(p)) == null) {
                        return null;
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        return (seen & PRIMITIVES) == PRIMITIVES ? t : null;
    }

    private static boolean isLong(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    private static boolean isDecimal(JsonToken v) {
        return v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NULL;
    }

    private static boolean isText(JsonToken v) {
        return v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NULL;
    }

    /** The number's text as a decimal (value and scale as written), or null for JSON null. */
    private static BigDecimal decimal(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        return new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** The market named exactly by the current string (as data binding reads an enum), or null. */
    private static Market market(JsonParser p) throws IOException {
        char[] text = p.getTextCharacters();
        int from = p.getTextOffset();
        int to = from + p.getTextLength();
        for (int i = 0; i < MARKETS.length; i++) {
            if (Arrays.equals(text, from, to, MARKET_NAMES[i], 0, MARKET_NAMES[i].length)) {
                return MARKETS[i];
            }
        }
        return null;
    }
}
