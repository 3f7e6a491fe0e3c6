package io.quantstream.connectors.binance;

import io.quantstream.model.FundingRate;
import io.quantstream.model.Kline;
import io.quantstream.model.Trade;
import io.quantstream.model.TradeStats;

/**
 * Decodes one data row of a Binance archive CSV (column orders in {@link RecordFormat}). Checks
 * syntax only: field count, integers, decimals, booleans; business rules (positive prices, id
 * order) belong to a later stage. Decimals are parsed exactly ({@link CsvRow}); timestamps
 * become epoch ms UTC ({@link Timestamps}).
 */
final class ArchiveCsvParser {

    /** Fields of a kline row with the trade statistics columns (after {@code ignore}). */
    private static final int WITH_TRADE_STATS = 12 + 16;

    private ArchiveCsvParser() {}

    /** {@code agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]}. */
    static Trade aggTrade(CsvRow f, RawLine line) throws BadLineException {
        fieldCount(f, 7, 8);
        Trade t = new Trade();
        t.symbol = line.symbol;
        t.market = line.market;
        t.aggTradeId = f.longField(0, "agg_trade_id");
        t.price = f.decimalField(1, "price");
        t.quantity = f.decimalField(2, "quantity");
        t.firstTradeId = f.longField(3, "first_trade_id");
        t.lastTradeId = f.longField(4, "last_trade_id");
        t.tradeTime = Timestamps.toMillis(f.longField(5, "transact_time"));
        t.buyerIsMaker = f.booleanField(6, "is_buyer_maker");
        if (f.size() == 8) {
            f.booleanField(7, "is_best_match");
        }
        return t;
    }

    /** {@code id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]}; the id fills all three ids. */
    static Trade trade(CsvRow f, RawLine line) throws BadLineException {
        fieldCount(f, 6, 7);
        Trade t = new Trade();
        t.symbol = line.symbol;
        t.market = line.market;
        t.aggTradeId = f.longField(0, "id");
        t.firstTradeId = t.aggTradeId;
        t.lastTradeId = t.aggTradeId;
        t.price = f.decimalField(1, "price");
        t.quantity = f.decimalField(2, "qty");
        f.decimalField(3, "quote_qty");
        t.tradeTime = Timestamps.toMillis(f.longField(4, "time"));
        t.buyerIsMaker = f.booleanField(5, "is_buyer_maker");
        if (f.size() == 7) {
            f.booleanField(6, "is_best_match");
        }
        return t;
    }

    /**
     * {@code open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,
     * taker_buy_quote_volume[,ignore]}, or that and the trade statistics columns of the files
     * quantstream writes ({@code KlineCsv.HEADER}; empty cells: no statistics); symbol, market
     * and interval come from the file.
     */
    static Kline kline(CsvRow f, RawLine line) throws BadLineException {
        if (f.size() != WITH_TRADE_STATS) {
            fieldCount(f, 11, 12);
        }
        Kline k = new Kline();
        k.symbol = line.symbol;
        k.market = line.market;
        k.interval = line.interval;
        k.openTime = Timestamps.toMillis(f.longField(0, "open_time"));
        k.open = f.decimalField(1, "open");
        k.high = f.decimalField(2, "high");
        k.low = f.decimalField(3, "low");
        k.close = f.decimalField(4, "close");
        k.volume = f.decimalField(5, "volume");
        k.closeTime = Timestamps.toMillis(f.longField(6, "close_time"));
        k.quoteVolume = f.decimalField(7, "quote_volume");
        k.count = f.longField(8, "count");
        k.takerBuyVolume = f.decimalField(9, "taker_buy_volume");
        k.takerBuyQuoteVolume = f.decimalField(10, "taker_buy_quote_volume");
        if (f.size() == WITH_TRADE_STATS && !f.field(14).isEmpty()) {
            k.tradeStats = tradeStats(f);
        }
        return k;
    }

    /** Columns 14… of {@code KlineCsv.TRADE_STATS_COLUMNS}; {@code vwap} and {@code dollar_volume} follow from them. */
    private static TradeStats tradeStats(CsvRow f) throws BadLineException {
        TradeStats s = new TradeStats();
        s.buyVolume = f.decimalField(14, "buy_volume");
        s.sellVolume = f.decimalField(15, "sell_volume");
        s.buyDollarVolume = f.decimalField(16, "buy_dollar_volume");
        s.sellDollarVolume = f.decimalField(17, "sell_dollar_volume");
        s.buyCount = f.longField(18, "buy_count");
        s.sellCount = f.longField(19, "sell_count");
        for (int i = 0; i < TradeStats.SIZE_BUCKETS; i++) {
            s.sizeCounts[i] = f.longField(20 + 2 * i, "size" + (i + 1) + "_count");
            s.sizeVolumes[i] = f.decimalField(21 + 2 * i, "size" + (i + 1) + "_volume");
        }
        return s;
    }

    /** {@code calc_time,funding_interval_hours,last_funding_rate}; symbol and market come from the file. */
    static FundingRate fundingRate(CsvRow f, RawLine line) throws BadLineException {
        fieldCount(f, 3, 3);
        FundingRate r = new FundingRate();
        r.symbol = line.symbol;
        r.market = line.market;
        r.calcTime = Timestamps.toMillis(f.longField(0, "calc_time"));
        long hours = f.longField(1, "funding_interval_hours");
        if (hours <= 0 || hours > 24) {
            throw new BadLineException("bad-number",
                    "funding_interval_hours: " + hours + " is not between 1 and 24");
        }
        r.fundingIntervalHours = (int) hours;
        r.lastFundingRate = f.decimalField(2, "last_funding_rate");
        return r;
    }

    /** Whether {@code firstField} cannot start a number, i.e. the row is a header. */
    static boolean isHeader(String firstField) {
        if (firstField.isEmpty()) {
            return false;
        }
        char c = firstField.charAt(0);
        return !(c >= '0' && c <= '9') && c != '-' && c != '+';
    }

    private static void fieldCount(CsvRow f, int min, int max) throws BadLineException {
        if (f.size() < min || f.size() > max) {
            throw new BadLineException("field-count",
                    f.size() + " fields, expected " + (min == max ? min : min + " or " + max));
        }
    }
}
