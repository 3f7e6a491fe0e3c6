package io.quantstream.connectors.binance;

import io.quantstream.model.Kline;
import io.quantstream.model.Trade;

import java.math.BigDecimal;

/**
 * Decodes one data row of a Binance archive CSV (column orders in {@link RecordFormat}). Checks
 * syntax only: field count, integers, decimals, booleans; business rules (positive prices, id
 * order) belong to a later stage. Decimals are parsed exactly with {@link BigDecimal}; timestamps
 * become epoch ms UTC ({@link Timestamps}).
 */
final class ArchiveCsvParser {

    private ArchiveCsvParser() {}

    /** {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]}. */
    static Trade aggTrade(String[] f, RawLine line) throws BadLineException {
        fieldCount(f, 7, 8);
        Trade t = new Trade();
        t.symbol = line.symbol;
        t.market = line.market;
        t.aggTradeId = longField(f[0], "agg_trade_id");
        t.price = decimalField(f[1], "price");
        t.quantity = decimalField(f[2], "quantity");
        t.firstTradeId = longField(f[3], "first_trade_id");
        t.lastTradeId = longField(f[4], "last_trade_id");
        t.tradeTime = Timestamps.toMillis(longField(f[5], "transact_time"));
        t.buyerIsMaker = booleanField(f[6], "is_buyer_maker");
        if (f.length == 8) {
            booleanField(f[7], "is_best_match");
        }
        return t;
    }

    /** {@code id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]}; the id fills all three ids. */
    static Trade trade(String[] f, RawLine line) throws BadLineException {
        fieldCount(f, 6, 7);
        Trade t = new Trade();
        t.symbol = line.symbol;
        t.market = line.market;
        t.aggTradeId = longField(f[0], "id");
        t.firstTradeId = t.aggTradeId;
        t.lastTradeId = t.aggTradeId;
        t.price = decimalField(f[1], "price");
        t.quantity = decimalField(f[2], "qty");
        decimalField(f[3], "quote_qty");
        t.tradeTime = Timestamps.toMillis(longField(f[4], "time"));
        t.buyerIsMaker = booleanField(f[5], "is_buyer_maker");
        if (f.length == 7) {
            booleanField(f[6], "is_best_match");
        }
        return t;
    }

    /**
     * {@code open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
     * taker_buy_quote_volume[,ignore]}; symbol, market and interval come from the file.
     */
    static Kline kline(String[] f, RawLine line) throws BadLineException {
        fieldCount(f, 11, 12);
        Kline k = new Kline();
        k.symbol = line.symbol;
        k.market = line.market;
        k.interval = line.interval;
        k.openTime = Timestamps.toMillis(longField(f[0], "open_time"));
        k.open = decimalField(f[1], "open");
        k.high = decimalField(f[2], "high");
        k.low = decimalField(f[3], "low");
        k.close = decimalField(f[4], "close");
        k.volume = decimalField(f[5], "volume");
        k.closeTime = Timestamps.toMillis(longField(f[6], "close_time"));
        k.quoteVolume = decimalField(f[7], "quote_volume");
        k.count = longField(f[8], "count");
        k.takerBuyVolume = decimalField(f[9], "taker_buy_volume");
        k.takerBuyQuoteVolume = decimalField(f[10], "taker_buy_quote_volume");
        return k;
    }

    /** Whether {@code firstField} cannot start a number, i.e. the row is a header. */
    static boolean isHeader(String firstField) {
        if (firstField.isEmpty()) {
            return false;
        }
        char c = firstField.charAt(0);
        return !(c >= '0' && c <= '9') && c != '-' && c != '+';
    }

    /** Splits on every comma; no quoting (Binance archive CSVs hold numbers and booleans only). */
    static String[] split(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int n = 0; n < count - 1; n++) {
            int comma = text.indexOf(',', start);
            fields[n] = text.substring(start, comma);
            start = comma + 1;
        }
        fields[count - 1] = text.substring(start);
        return fields;
    }

    private static void fieldCount(String[] f, int min, int max) throws BadLineException {
        if (f.length < min || f.length > max) {
            throw new BadLineException("field-count",
                    f.length + " fields, expected " + (min == max ? min : min + " or " + max));
        }
    }

    private static long longField(String value, String name) throws BadLineException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadLineException("bad-number", name + ": '" + value + "' is not an integer");
        }
    }

    private static BigDecimal decimalField(String value, String name) throws BadLineException {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadLineException("bad-number", name + ": '" + value + "' is not a decimal");
        }
    }

    private static boolean booleanField(String value, String name) throws BadLineException {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadLineException("bad-boolean", name + ": '" + value + "' is not true/false");
    }
}
